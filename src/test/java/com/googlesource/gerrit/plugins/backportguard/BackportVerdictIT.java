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
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.block;
import static com.google.gerrit.server.group.SystemGroupBackend.REGISTERED_USERS;

import com.google.gerrit.entities.Permission;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.common.ChangeInfo;
import org.junit.Test;

/** The verdict on backports for each way a prerequisite can stand on the target branch. */
public class BackportVerdictIT extends BackportGuardTestBase {

  /** A backport owned by the test's ordinary user, who sees less than the admin. */
  private ChangeInfo backportOwnedByUser(String footer) throws Exception {
    requestScopeOperations.setApiUser(user.id());
    ChangeInfo backport = create(BRANCH, message("Use it", footer));
    requestScopeOperations.setApiUser(admin.id());
    awaitEvaluations();
    return backport;
  }

  @Test
  public void mergedOnMasterAfterCutButNotBackported() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);

    assertThat(vote(backport)).isEqualTo(-1);
    String comment = lastComment(backport);
    assertThat(comment).contains("Backport check: 1 of 1 prerequisite is not merged on wmf/1.0.");
    assertThat(comment)
        .contains("Action: cherry-pick change " + prerequisite._number + " onto wmf/1.0");
    assertThat(comment).contains(link(prerequisite));
  }

  @Test
  public void backportOfThePrerequisiteIsOpenOnTheBranch() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo pick = cherryPick(prerequisite);
    ChangeInfo backport = backport(prerequisite.changeId);

    assertThat(vote(backport)).isEqualTo(-1);
    String comment = lastComment(backport);
    assertThat(comment).contains("the backport change " + pick._number + " is open on wmf/1.0");
    assertThat(comment).contains("get change " + pick._number + " merged first");
    assertThat(comment).contains(link(pick));
  }

  @Test
  public void backportOfThePrerequisiteIsMergedOnTheBranch() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo pick = cherryPick(prerequisite);
    merge(pick);
    ChangeInfo backport = backport(prerequisite.changeId);

    assertThat(vote(backport)).isEqualTo(0);
    assertThat(lastComment(backport))
        .contains("Backport check: the prerequisite is merged on wmf/1.0.");
    assertThat(lastComment(backport))
        .contains("OK: change " + pick._number + " is merged on wmf/1.0");
  }

  @Test
  public void mergedOnMasterBeforeTheBranchWasCut() throws Exception {
    ChangeInfo prerequisite = create("master", message("Add the helper"));
    merge(prerequisite);
    createBranch(project, BRANCH);
    ChangeInfo backport = backport(prerequisite.changeId);

    assertThat(vote(backport)).isEqualTo(0);
    assertThat(lastComment(backport))
        .contains(
            "OK: change "
                + prerequisite._number
                + " merged on master and is already part of wmf/1.0");
  }

  @Test
  public void dedicatedLabelWithPassVote() throws Exception {
    defineLabel(allProjects, "Prerequisites");
    allowVote("Prerequisites", bots, -1, 1);
    setProjectConfig(
        project,
        c -> {
          c.setString("plugin", "backport-guard", "label", "Prerequisites");
          c.setInt("plugin", "backport-guard", "passVote", 1);
        });
    ChangeInfo prerequisite = create("master", message("Add the helper"));
    merge(prerequisite);
    createBranch(project, BRANCH);
    ChangeInfo passing = backport(prerequisite.changeId);
    ChangeInfo failing = backport(newChangeId());

    assertThat(vote(passing, "Prerequisites")).isEqualTo(1);
    assertThat(vote(failing, "Prerequisites")).isEqualTo(-1);
    assertThat(vote(passing, "Verified")).isEqualTo(0);
  }

  @Test
  public void openOnlyOnMaster() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo prerequisite = create("master", message("Add the helper"));
    ChangeInfo backport = backport(prerequisite.changeId);

    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(lastComment(backport))
        .contains(
            "change "
                + prerequisite._number
                + " is still open on master and merged nowhere.\n  Action: merge change "
                + prerequisite._number
                + ", then cherry-pick it onto wmf/1.0");
  }

  @Test
  public void abandonedPrerequisite() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo prerequisite = create("master", message("Add the helper"));
    abandon(prerequisite);
    ChangeInfo backport = backport(prerequisite.changeId);

    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(lastComment(backport))
        .contains("change " + prerequisite._number + " on master was abandoned");
  }

  @Test
  public void abandonedBackportOnTheBranch() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo pick = cherryPick(prerequisite);
    abandon(pick);
    ChangeInfo backport = backport(prerequisite.changeId);

    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(lastComment(backport))
        .contains("the backport change " + pick._number + " on wmf/1.0 was abandoned");
    assertThat(lastComment(backport))
        .contains("or cherry-pick change " + prerequisite._number + " onto wmf/1.0 again");
  }

  @Test
  public void unknownChangeId() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo backport = backport(newChangeId());

    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(lastComment(backport)).contains("MISSING: no change or commit");
  }

  @Test
  public void unknownChangeIdDoesNotBlockWhenConfigured() throws Exception {
    setProjectConfig(
        project, c -> c.setBoolean("plugin", "backport-guard", "blockOnNotFound", false));
    createBranch(project, BRANCH);
    ChangeInfo backport = backport(newChangeId());

    assertThat(vote(backport)).isEqualTo(0);
    assertThat(lastComment(backport)).contains("UNCHECKED (not blocking)");
  }

  @Test
  public void byNumberAndByUrlTheVerdictIsBranchAware() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo byNumber = backport(String.valueOf(prerequisite._number));
    ChangeInfo byUrl = backport(link(prerequisite));
    ChangeInfo byProjectNumber = backport(project.get() + "~" + prerequisite._number);

    for (ChangeInfo c : new ChangeInfo[] {byNumber, byUrl, byProjectNumber}) {
      assertThat(vote(c)).isEqualTo(-1);
      assertThat(lastComment(c))
          .contains("Action: cherry-pick change " + prerequisite._number + " onto wmf/1.0");
    }

    // Once its backport merges on the branch, the same master link is satisfied.
    merge(cherryPick(prerequisite));
    ChangeInfo again = backport(link(prerequisite));
    assertThat(vote(again)).isEqualTo(0);
    assertThat(lastComment(again)).contains("is merged on wmf/1.0");
  }

  @Test
  public void tripletAndAbbreviatedChangeId() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    merge(cherryPick(prerequisite));
    ChangeInfo byTriplet = backport(project.get() + "~master~" + prerequisite.changeId);
    ChangeInfo byPrefix = backport(prerequisite.changeId.substring(0, 10));

    assertThat(vote(byTriplet)).isEqualTo(0);
    assertThat(lastComment(byTriplet)).contains("is merged on wmf/1.0");
    assertThat(vote(byPrefix)).isEqualTo(0);
    assertThat(lastComment(byPrefix)).contains("is merged on wmf/1.0");
  }

  @Test
  public void crossProjectPrerequisiteOnTheSameBranch() throws Exception {
    Project.NameKey lib = projectOperations.newProject().create();
    createBranch(lib, BRANCH);
    createBranch(project, BRANCH);
    ChangeInfo prerequisite = create(lib, "master", message("Add the library call"));
    merge(prerequisite);
    ChangeInfo backport = backport(prerequisite.changeId);

    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(lastComment(backport))
        .contains(
            "change "
                + prerequisite._number
                + " in "
                + lib.get()
                + " merged on master but was never cherry-picked onto wmf/1.0");

    merge(cherryPick(prerequisite));
    ChangeInfo again = backport(prerequisite.changeId);
    assertThat(vote(again)).isEqualTo(0);
  }

  @Test
  public void crossProjectWithoutTheBranchFallsBackToAnyBranch() throws Exception {
    Project.NameKey lib = projectOperations.newProject().create();
    createBranch(project, BRANCH);
    ChangeInfo prerequisite = create(lib, "master", message("Add the library call"));
    merge(prerequisite);
    ChangeInfo backport = backport(prerequisite.changeId);

    assertThat(vote(backport)).isEqualTo(0);
    assertThat(lastComment(backport))
        .contains("has no branch wmf/1.0, so merged on any branch counts");
  }

  @Test
  public void prerequisiteInvisibleToTheOwnerLeaksNothing() throws Exception {
    Project.NameKey secret = projectOperations.newProject().create();
    createBranch(project, BRANCH);
    createBranch(secret, BRANCH);
    ChangeInfo hidden = create(secret, "master", message("Secret subject xyzzy"));
    merge(hidden);
    // Hidden once it is set up: Gerrit 3.10's branch creation needs READ on the source branch,
    // which the block takes from admin too (a registered user).
    projectOperations
        .project(secret)
        .forUpdate()
        .add(block(Permission.READ).ref("refs/*").group(REGISTERED_USERS))
        .update();

    ChangeInfo backport = backportOwnedByUser("Depends-On: " + hidden.changeId);

    assertThat(vote(backport)).isEqualTo(-1);
    String comment = lastComment(backport);
    assertThat(comment).contains("not found, or not visible to every reader of this change");
    assertThat(comment).doesNotContain(secret.get());
    assertThat(comment).doesNotContain("xyzzy");
    assertThat(comment).doesNotContain("/+/" + hidden._number);
  }

  @Test
  public void privateChangeOfSomeoneElseIsNotFound() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo prerequisite = create("master", message("Private work"));
    gApi.changes().id(prerequisite.id).setPrivate(true);

    ChangeInfo backport = backportOwnedByUser("Depends-On: " + prerequisite.changeId);

    assertThat(lastComment(backport)).contains("MISSING: no change or commit");
    assertThat(lastComment(backport)).doesNotContain("/+/" + prerequisite._number);
  }

  @Test
  public void directPushCarryingTheChangeIdCounts() throws Exception {
    createBranch(project, BRANCH);
    String id = newChangeId();
    pushToBranch("Hotfix\n\nChange-Id: " + id + "\n");
    ChangeInfo backport = backport(id);

    assertThat(vote(backport)).isEqualTo(0);
    assertThat(lastComment(backport)).contains("carrying this Change-Id is in wmf/1.0");
  }

  @Test
  public void cherryPickMadeInGerritIsABackport() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo prerequisite = create("master", message("Add the helper"));
    ChangeInfo dependent =
        create("master", message("Use the helper", "Depends-On: " + prerequisite.changeId));
    awaitEvaluations();
    assertThat(comments(dependent)).isEmpty();

    ChangeInfo pick = cherryPick(dependent);
    awaitEvaluations();
    assertThat(vote(pick)).isEqualTo(-1);
    assertThat(lastComment(pick)).contains("is still open on master");
  }

  @Test
  public void severalDependenciesAreEachReported() throws Exception {
    ChangeInfo merged = prerequisiteMergedAfterCut();
    ChangeInfo pick = cherryPick(merged);
    merge(pick);
    ChangeInfo open = create("master", message("Another one"));
    ChangeInfo backport =
        create(
            BRANCH,
            message("Use both", "Depends-On: " + merged.changeId, "Depends-On: " + open.changeId));
    awaitEvaluations();

    assertThat(vote(backport)).isEqualTo(-1);
    String comment = lastComment(backport);
    assertThat(comment).contains("1 of 2 prerequisites are not merged on wmf/1.0.");
    assertThat(comment).contains("OK: change " + pick._number);
    assertThat(comment).contains("MISSING: change " + open._number + " is still open on master");
  }

  @Test
  public void ambiguousAbbreviatedChangeIdAsksForTheFullOne() throws Exception {
    createBranch(project, BRANCH);
    String prefix = newChangeId().substring(0, 9);
    for (String subject : new String[] {"One", "Two"}) {
      String id = prefix + newChangeId().substring(9);
      merge(create("master", subject + "\n\nChange-Id: " + id + "\n"));
    }
    ChangeInfo backport = backport(prefix);

    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(lastComment(backport))
        .contains("this abbreviated Change-Id matches more than one change");
  }

  @Test
  public void aChangeThatNamesItselfIsToldSo() throws Exception {
    createBranch(project, BRANCH);
    String own = newChangeId();
    ChangeInfo byId = create(BRANCH, "Me\n\nDepends-On: " + own + "\nChange-Id: " + own + "\n");
    awaitEvaluations();

    assertThat(vote(byId)).isEqualTo(-1);
    assertThat(lastComment(byId)).contains("this names the change itself");
  }

  @Test
  public void aCherryPickIsNotItsOwnPrerequisite() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo original =
        create("master", message("Use it", "Depends-On: " + prerequisite.changeId));
    merge(original);
    ChangeInfo pick = cherryPick(original);
    awaitEvaluations();

    // Only the declared prerequisite counts, not the original that shares the pick's Change-Id.
    assertThat(lastComment(pick)).contains("1 of 1 prerequisite is not merged on wmf/1.0.");
    assertThat(lastComment(pick)).contains("cherry-pick change " + prerequisite._number);
  }

  @Test
  public void branchTheOwnerCannotReadIsNotFoundNotMissing() throws Exception {
    Project.NameKey lib = projectOperations.newProject().create();
    createBranch(project, BRANCH);
    createBranch(lib, BRANCH);
    projectOperations
        .project(lib)
        .forUpdate()
        .add(block(Permission.READ).ref("refs/heads/wmf/*").group(REGISTERED_USERS))
        .update();
    ChangeInfo prerequisite = create(lib, "master", message("Library change"));
    merge(prerequisite);

    ChangeInfo backport = backportOwnedByUser("Depends-On: " + prerequisite.changeId);

    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(lastComment(backport)).contains("MISSING: no change or commit");
    assertThat(lastComment(backport)).doesNotContain("has no branch");
  }

  @Test
  public void privateChangesAreLeftAlone() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo backport = create(BRANCH, message("Use it", "Depends-On: " + newChangeId()));
    awaitEvaluations();
    gApi.changes().id(backport.id).setPrivate(true);
    gApi.changes()
        .id(backport.id)
        .setMessage("Use it again\n\nDepends-On: 1\nChange-Id: " + backport.changeId + "\n");
    awaitEvaluations();
    // Patch set 2 would have had the -1 re-applied, and a new comment for the new verdict.
    assertThat(comments(backport)).hasSize(1);
    assertThat(vote(backport)).isEqualTo(0);
  }
}
