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
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gerrit.acceptance.config.GerritConfig;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.common.ChangeInfo;
import org.junit.Test;

/**
 * Prerequisites of prerequisites: the whole chain that has to land on the branch, in order, cycles
 * across projects and branches, and the bounds on depth and number.
 */
public class ChainsIT extends BackportGuardTestBase {

  @Test
  public void chainOfThreeAcrossTwoProjectsIsShownInLandingOrderAndFollowed() throws Exception {
    Project.NameKey lib = projectOperations.newProject().create();
    createBranch(lib, BRANCH);
    createBranch(project, BRANCH);
    ChangeInfo base = create(lib, "master", message("Library API"));
    merge(base);
    ChangeInfo middle = create("master", message("Use the API", "Depends-On: " + base.changeId));
    merge(middle);
    ChangeInfo top = backport(middle.changeId);

    String comment = lastComment(top);
    assertThat(vote(top)).isEqualTo(-1);
    assertThat(comment).contains("MISSING: change " + middle._number + " merged on master");
    assertThat(comment).contains("Chain: these have to land on wmf/1.0 first, in this order:");
    assertThat(comment)
        .contains(
            "1. change "
                + base._number
                + " in "
                + lib.get()
                + " (needed by change "
                + middle._number
                + "): merged on master, not cherry-picked onto wmf/1.0");
    assertThat(comment)
        .contains(
            "2. change "
                + middle._number
                + " (needed by this change): merged on master, not cherry-picked onto wmf/1.0");
    assertThat(comment).contains("3. this change");

    // The library backport lands: the top change is re-checked though it never named it.
    merge(cherryPickTo(base, BRANCH));
    awaitEvaluations();
    comment = lastComment(top);
    assertThat(comment).doesNotContain("Chain:");
    assertThat(comment).contains("MISSING: change " + middle._number + " merged on master");

    merge(cherryPick(middle));
    awaitEvaluations();
    assertThat(vote(top)).isEqualTo(0);
  }

  @Test
  public void aChangeNamingItselfIsACycleOfOneAndAlwaysBlocks() throws Exception {
    createBranch(project, BRANCH);
    setProjectConfig(
        project, c -> c.setString("plugin", "backport-guard", "blockOnNotFound", "false"));
    String id = newChangeId();
    ChangeInfo c = create(BRANCH, messageWithId("Loop", id, "Depends-On: " + id));
    awaitEvaluations();

    assertThat(vote(c)).isEqualTo(-1);
    assertThat(lastComment(c)).contains("CYCLE: this change -> this change.");
  }

  @Test
  public void cycleOfTwoAcrossBranches() throws Exception {
    createBranch(project, BRANCH);
    String topId = newChangeId();
    ChangeInfo other = create("master", message("Other half", "Depends-On: " + topId));
    ChangeInfo top =
        create(BRANCH, messageWithId("One half", topId, "Depends-On: " + other.changeId));
    awaitEvaluations();

    assertThat(vote(top)).isEqualTo(-1);
    assertThat(lastComment(top))
        .contains("CYCLE: this change -> change " + other._number + " -> this change.");
    assertThat(lastComment(top)).contains("Action: drop the Depends-On that closes the cycle.");
  }

  @Test
  public void cycleOfThreeAcrossProjects() throws Exception {
    Project.NameKey lib = projectOperations.newProject().create();
    createBranch(project, BRANCH);
    String topId = newChangeId();
    ChangeInfo third = create(lib, "master", message("Third", "Depends-On: " + topId));
    ChangeInfo second = create("master", message("Second", "Depends-On: " + third.changeId));
    ChangeInfo top =
        create(BRANCH, messageWithId("First", topId, "Depends-On: " + second.changeId));
    awaitEvaluations();

    assertThat(vote(top)).isEqualTo(-1);
    assertThat(lastComment(top))
        .contains(
            "CYCLE: this change -> change "
                + second._number
                + " -> change "
                + third._number
                + " in "
                + lib.get()
                + " -> this change.");
  }

  @Test
  @GerritConfig(name = "plugin.backport-guard.maxChainDepth", value = "2")
  public void theDepthBoundCutsTheChainAndSaysSo() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo deepest = create("master", message("Deepest"));
    ChangeInfo deep = create("master", message("Deep", "Depends-On: " + deepest.changeId));
    ChangeInfo near = create("master", message("Near", "Depends-On: " + deep.changeId));
    ChangeInfo top = backport(near.changeId);

    String comment = lastComment(top);
    assertThat(comment).contains("change " + deep._number + " (needed by change " + near._number);
    assertThat(comment).doesNotContain("change " + deepest._number + " (needed by");
    assertThat(comment)
        .contains(
            "change "
                + deep._number
                + " declares prerequisites of its own that were not checked: the chain was"
                + " followed 2 levels deep (plugin.backport-guard.maxChainDepth)");
  }

  @Test
  @GerritConfig(name = "plugin.backport-guard.maxDependencies", value = "3")
  public void theCountBoundIsSaidNotSilentlyDropped() throws Exception {
    createBranch(project, BRANCH);
    // Every prerequisite is on wmf/1.0: the bound is the only thing that can block the change.
    String[] footers = new String[5];
    for (int i = 0; i < 5; i++) {
      String id = newChangeId();
      pushToBranch(messageWithId("Prerequisite " + i, id));
      footers[i] = "Depends-On: " + id;
    }
    ChangeInfo top = create(BRANCH, message("Many", footers));
    awaitEvaluations();

    String comment = lastComment(top);
    assertWithMessage(comment).that(vote(top)).isEqualTo(-1);
    assertThat(comment)
        .contains(
            "Backport check: 5 declared dependencies are more than the 3 checked; the rest were"
                + " not checked.");
    assertThat(comment).doesNotContain("MISSING");
    assertThat(comment).contains("Not checked: more than 3 dependencies declared");
    String notChecked = comment.substring(comment.indexOf("Not checked:"));
    assertThat(notChecked).doesNotContain(footers[2]);
    assertThat(notChecked).contains("* " + footers[3]);
    assertThat(notChecked).contains("* " + footers[4]);
    assertThat(notChecked).contains("plugin.backport-guard.maxDependencies");
  }

  @Test
  @GerritConfig(name = "plugin.backport-guard.maxDependencies", value = "1")
  public void declarationsPastTheBoundFurtherDownTheChainAreSaidNotDropped() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo first = create("master", message("First"));
    ChangeInfo second = create("master", message("Second"));
    ChangeInfo middle =
        create(
            "master",
            message("Middle", "Depends-On: " + first.changeId, "Depends-On: " + second.changeId));
    ChangeInfo top = backport(middle.changeId);

    String comment = lastComment(top);
    assertThat(comment).contains("Chain:");
    assertWithMessage(comment)
        .that(comment)
        .contains(
            "change "
                + middle._number
                + " declares 2 prerequisites; the ones after the first 1 were not followed"
                + " (plugin.backport-guard.maxDependencies).");
  }
  /** Holds both workers of the plugin's queue (threads = 2), as a backlog would. */
}
