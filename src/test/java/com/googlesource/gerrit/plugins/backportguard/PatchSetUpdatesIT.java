// Copyright (C) 2026 The Android Open Source Project
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
// http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

package com.googlesource.gerrit.plugins.backportguard;

import static com.google.common.truth.Truth.assertThat;

import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.common.ChangeInfo;
import org.junit.Test;

/**
 * What the plugin says as a change evolves, and which changes it speaks on at all: new patch sets,
 * lines it cannot read, links to other servers, changes that are not backports, and the settings
 * that decide it.
 */
public class PatchSetUpdatesIT extends BackportGuardTestBase {

  private void editMessage(ChangeInfo c, String newMessage) throws Exception {
    racingThePlugin(() -> gApi.changes().id(c.id).setMessage(newMessage));
    awaitEvaluations();
  }

  private static String withChangeId(ChangeInfo c, String subject, String... footers) {
    StringBuilder m = new StringBuilder(subject).append("\n\n");
    for (String f : footers) {
      m.append(f).append('\n');
    }
    return m.append("Change-Id: ").append(c.changeId).append('\n').toString();
  }

  @Test
  public void newPatchSetKeepingTheFooterReappliesTheVoteWithoutRepeatingTheComment()
      throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);
    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(comments(backport)).hasSize(1);

    editMessage(
        backport,
        withChangeId(backport, "Use the helper, reworded", "Depends-On: " + prerequisite.changeId));

    assertThat(detail(backport).revisions.values().iterator().next()._number).isEqualTo(2);
    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(comments(backport)).hasSize(1);
  }

  @Test
  public void newPatchSetDroppingTheFooterFlipsTheVerdict() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);
    assertThat(vote(backport)).isEqualTo(-1);

    editMessage(backport, withChangeId(backport, "Stand-alone now"));

    assertThat(vote(backport)).isEqualTo(0);
    assertThat(comments(backport)).hasSize(2);
    assertThat(lastComment(backport))
        .contains("Backport check: this patch set declares no dependency; nothing to check.");
  }

  @Test
  public void newPatchSetWithAnotherVerdictGetsANewComment() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = create(BRANCH, message("Use it", "Depends-On: " + newChangeId()));
    awaitEvaluations();
    assertThat(vote(backport)).isEqualTo(-1);

    editMessage(backport, withChangeId(backport, "Use it", "Depends-On: " + prerequisite._number));

    assertThat(comments(backport)).hasSize(2);
    assertThat(lastComment(backport)).contains("cherry-pick change " + prerequisite._number);
  }

  @Test
  public void backportWithoutDependenciesGetsNothing() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo backport = create(BRANCH, message("A plain backport", "Bug: T123"));
    awaitEvaluations();

    assertThat(vote(backport)).isEqualTo(0);
    assertThat(comments(backport)).isEmpty();
  }

  @Test
  public void nearMissesAreReportedAndBlock() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo backport =
        create(
            BRANCH,
            message(
                "Use it",
                "DependsOn: " + newChangeId(),
                "Depends-On: I123abc",
                "Depends-On: https://gitlab.wikimedia.org/repos/x/-/merge_requests/7"));
    awaitEvaluations();

    assertThat(vote(backport)).isEqualTo(-1);
    String comment = lastComment(backport);
    assertThat(comment).contains("Backport check: 2 footer lines could not be read; fix them");
    assertThat(comment).contains("Not understood (blocks until fixed):");
    assertThat(comment).contains("* \"DependsOn: I");
    assertThat(comment).contains("* \"Depends-On: I123abc\": too short for a Change-Id");
    assertThat(comment)
        .contains(
            "Not checked (not on this server; check them yourself):\n"
                + "* Depends-On: https://gitlab.wikimedia.org/repos/x/-/merge_requests/7");
  }

  @Test
  public void externalLinksAloneNeverBlock() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo backport =
        create(
            BRANCH,
            message(
                "Use it", "Depends-On: https://gitlab.wikimedia.org/repos/x/-/merge_requests/7"));
    awaitEvaluations();

    assertThat(vote(backport)).isEqualTo(0);
    assertThat(lastComment(backport)).contains("Backport check: no prerequisite could be checked");
  }

  @Test
  public void changesOnTheDefaultBranchAreNotChecked() throws Exception {
    ChangeInfo change = create("master", message("Use it", "Depends-On: " + newChangeId()));
    awaitEvaluations();

    assertThat(vote(change)).isEqualTo(0);
    assertThat(comments(change)).isEmpty();
  }

  @Test
  public void checkAllChangesChecksTheDefaultBranchToo() throws Exception {
    setProjectConfig(
        project, c -> c.setBoolean("plugin", "backport-guard", "checkAllChanges", true));
    ChangeInfo change = create("master", message("Use it", "Depends-On: " + newChangeId()));
    awaitEvaluations();

    assertThat(vote(change)).isEqualTo(-1);
    assertThat(lastComment(change)).contains("1 of 1 prerequisite is not merged on master.");
  }

  @Test
  public void backportBranchPatternsChooseTheBranches() throws Exception {
    setProjectConfig(
        project, c -> c.setString("plugin", "backport-guard", "backportBranch", "wmf/*"));
    createBranch(project, BRANCH);
    createBranch(project, "sandbox");
    ChangeInfo onSandbox = create("sandbox", message("Try", "Depends-On: " + newChangeId()));
    ChangeInfo onWmf = create(BRANCH, message("Try", "Depends-On: " + newChangeId()));
    awaitEvaluations();

    assertThat(comments(onSandbox)).isEmpty();
    assertThat(vote(onWmf)).isEqualTo(-1);
  }

  @Test
  public void settingsAreInheritedFromTheParentProject() throws Exception {
    Project.NameKey parent = projectOperations.newProject().create();
    Project.NameKey child = projectOperations.newProject().parent(parent).create();
    setProjectConfig(parent, c -> c.setBoolean("plugin", "backport-guard", "enabled", false));
    createBranch(child, BRANCH);
    ChangeInfo backport = create(child, BRANCH, message("Try", "Depends-On: " + newChangeId()));
    awaitEvaluations();
    assertThat(comments(backport)).isEmpty();

    setProjectConfig(child, c -> c.setBoolean("plugin", "backport-guard", "enabled", true));
    ChangeInfo again = create(child, BRANCH, message("Try", "Depends-On: " + newChangeId()));
    awaitEvaluations();
    assertThat(vote(again)).isEqualTo(-1);
  }

  @Test
  public void rebaseAfterThePrerequisiteMergedOnTheBranchFlipsToPassing() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);
    assertThat(vote(backport)).isEqualTo(-1);

    merge(cherryPick(prerequisite));
    racingThePlugin(() -> gApi.changes().id(backport.id).rebase());
    awaitEvaluations();

    assertThat(vote(backport)).isEqualTo(0);
    // The merge already re-checked it; the rebase does not say the same again.
    assertThat(
            comments(backport).stream()
                .filter(c -> c.contains("Backport check: the prerequisite is merged on wmf/1.0."))
                .count())
        .isEqualTo(1);
    assertThat(lastComment(backport))
        .contains("Backport check: the prerequisite is merged on wmf/1.0.");
  }
}
