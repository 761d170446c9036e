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
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.allowCapability;

import com.google.gerrit.acceptance.config.GerritConfig;
import com.google.gerrit.common.data.GlobalCapability;
import com.google.gerrit.entities.AccountGroup;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.common.ChangeInfo;
import org.junit.Test;

/** Every check does bounded work, and says so when a bound keeps it from deciding. */
public class ResolveBoundsIT extends BackportGuardTestBase {

  /** A prerequisite merged on master before the branch was cut, then the branch moved on. */
  private ChangeInfo containedPrerequisiteBehind(int commits) throws Exception {
    ChangeInfo prerequisite = create("master", message("Add the helper"));
    merge(prerequisite);
    createBranch(project, BRANCH);
    for (int i = 0; i < commits; i++) {
      pushToBranch("Hotfix " + i + "\n\nChange-Id: " + newChangeId() + "\n");
    }
    return prerequisite;
  }

  @Test
  public void reachabilityWithinTheBoundIsDecided() throws Exception {
    ChangeInfo prerequisite = containedPrerequisiteBehind(10);
    ChangeInfo backport = backport(prerequisite.changeId);

    assertThat(vote(backport)).isEqualTo(0);
    assertThat(lastComment(backport)).contains("is already part of wmf/1.0");
  }

  @Test
  @GerritConfig(name = "plugin.backport-guard.maxCommitsPerCheck", value = "5")
  public void reachabilityBeyondTheBoundBlocksAndNamesTheSetting() throws Exception {
    ChangeInfo prerequisite = containedPrerequisiteBehind(10);
    ChangeInfo backport = backport(prerequisite.changeId);

    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(lastComment(backport)).contains("could not be decided");
    assertThat(lastComment(backport)).contains("plugin.backport-guard.maxCommitsPerCheck");
  }

  @Test
  @GerritConfig(name = "plugin.backport-guard.maxQueriesPerCheck", value = "1")
  public void indexQueriesBeyondTheBoundBlockAndNameTheSetting() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    merge(cherryPick(prerequisite));
    ChangeInfo backport = backport(String.valueOf(prerequisite._number));

    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(lastComment(backport)).contains("could not be decided");
    assertThat(lastComment(backport)).contains("plugin.backport-guard.maxQueriesPerCheck");
  }

  @Test
  @GerritConfig(name = "plugin.backport-guard.maxQueriesPerCheck", value = "3")
  public void theBudgetIsForTheWholeChainNotPerLevel() throws Exception {
    Project.NameKey lib = projectOperations.newProject().create();
    createBranch(lib, BRANCH);
    createBranch(project, BRANCH);
    ChangeInfo base = create(lib, "master", message("Library API"));
    merge(base);
    ChangeInfo middle = create("master", message("Use the API", "Depends-On: " + base.changeId));
    merge(middle);
    // Each level costs two queries: the first fits, the second does not.
    ChangeInfo top = backport(middle.changeId);

    String comment = lastComment(top);
    assertThat(vote(top)).isEqualTo(-1);
    assertThat(comment).contains("MISSING: change " + middle._number + " merged on master");
    assertThat(comment)
        .contains(
            "change "
                + middle._number
                + " declares prerequisites of its own that were not all checked: the check reached"
                + " its bound (plugin.backport-guard.maxQueriesPerCheck)");
  }

  @Test
  public void ownersQueryLimitDoesNotCutTheCandidates() throws Exception {
    AccountGroup.UUID limited =
        groupOperations.newGroup().name(name("limited")).addMember(user.id()).create();
    projectOperations
        .allProjectsForUpdate()
        .add(allowCapability(GlobalCapability.QUERY_LIMIT).group(limited).range(0, 2))
        .update();
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo pick = cherryPick(prerequisite);
    merge(pick);
    // Newer copies on other branches: the index lists them first.
    for (String b : new String[] {"b1", "b2", "b3"}) {
      createBranch(project, b);
      cherryPickTo(prerequisite, b);
    }

    requestScopeOperations.setApiUser(user.id());
    // The owner's own queries are cut at two.
    assertThat(gApi.changes().query("change:" + prerequisite.changeId).get()).hasSize(2);
    ChangeInfo backport = create(BRANCH, message("Use it", "Depends-On: " + prerequisite.changeId));
    requestScopeOperations.setApiUser(admin.id());
    awaitEvaluations();

    // Found in the index, not only by the walk for commits pushed without review.
    assertThat(lastComment(backport))
        .contains("OK: change " + pick._number + " is merged on wmf/1.0");
    assertThat(vote(backport)).isEqualTo(0);
  }
}
