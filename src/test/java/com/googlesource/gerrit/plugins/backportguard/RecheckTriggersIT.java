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

import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.api.changes.RevertInput;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationReport;
import java.util.concurrent.CountDownLatch;
import org.junit.Test;

/**
 * The verdict stays true without anyone touching the dependent: every change to a prerequisite
 * re-checks the open changes that depend on it.
 */
public class RecheckTriggersIT extends BackportGuardTestBase {

  /** A prerequisite merged on master after the cut, and its backport merged on the branch. */
  private ChangeInfo mergedBackportOfAPrerequisite() throws Exception {
    ChangeInfo pick = cherryPick(prerequisiteMergedAfterCut());
    merge(pick);
    return pick;
  }

  @Test
  public void backportOfThePrerequisiteMergingFlipsTheDependent() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo dependent = backport(prerequisite.changeId);
    assertThat(vote(dependent)).isEqualTo(-1);

    ChangeInfo pick = cherryPick(prerequisite);
    awaitEvaluations();
    assertThat(lastComment(dependent))
        .contains("the backport change " + pick._number + " is open on wmf/1.0");

    merge(pick);
    awaitEvaluations();
    assertThat(vote(dependent)).isEqualTo(0);
    assertThat(lastComment(dependent)).contains("OK: change " + pick._number + " is merged");
  }

  @Test
  public void everyFormOfDeclarationIsFound() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo byId = backport(prerequisite.changeId);
    gApi.changes().id(byId.id).topic("by-id");
    ChangeInfo byPrefix = backport(prerequisite.changeId.substring(0, 9));
    ChangeInfo byNumber = backport(Integer.toString(prerequisite._number));
    ChangeInfo byProjectNumber = backport(project.get() + "~" + prerequisite._number);
    ChangeInfo byTriplet = backport(project.get() + "~master~" + prerequisite.changeId);
    ChangeInfo byUrl = backport(link(prerequisite) + "/1");
    ChangeInfo[] all = {byId, byPrefix, byNumber, byProjectNumber, byTriplet, byUrl};
    for (ChangeInfo c : all) {
      assertThat(vote(c)).isEqualTo(-1);
    }

    ChangeInfo pick = cherryPick(prerequisite);
    merge(pick);
    awaitEvaluations();

    for (ChangeInfo c : all) {
      assertWithMessage(detail(c).subject + "\n" + lastComment(c)).that(vote(c)).isEqualTo(0);
    }
  }

  @Test
  public void dependentsInOtherProjectsAreFound() throws Exception {
    Project.NameKey app = projectOperations.newProject().create();
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    createBranch(app, BRANCH);
    ChangeInfo dependent =
        create(app, BRANCH, message("Use the helper", "Depends-On: " + prerequisite.changeId));
    awaitEvaluations();
    assertThat(vote(dependent)).isEqualTo(-1);

    merge(cherryPick(prerequisite));
    awaitEvaluations();

    assertThat(vote(dependent)).isEqualTo(0);
  }

  @Test
  public void abandonAndRestoreOfTheBackportAreFollowed() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo pick = cherryPick(prerequisite);
    ChangeInfo dependent = backport(prerequisite.changeId);
    assertThat(lastComment(dependent)).contains("is open on wmf/1.0");

    abandon(pick);
    awaitEvaluations();
    assertThat(lastComment(dependent)).contains("on wmf/1.0 was abandoned");

    gApi.changes().id(pick.id).restore();
    awaitEvaluations();
    assertThat(lastComment(dependent)).contains("is open on wmf/1.0");
    assertThat(vote(dependent)).isEqualTo(-1);
  }

  @Test
  public void mergedRevertOnTheBranchMakesThePrerequisiteMissingAgain() throws Exception {
    ChangeInfo pick = mergedBackportOfAPrerequisite();
    ChangeInfo dependent = backport(pick.changeId);
    assertThat(vote(dependent)).isEqualTo(0);

    ChangeInfo revert = gApi.changes().id(pick.id).revert(new RevertInput()).get();
    awaitEvaluations();
    assertThat(vote(dependent)).isEqualTo(0);

    merge(revert);
    awaitEvaluations();
    assertThat(vote(dependent)).isEqualTo(-1);
    assertThat(lastComment(dependent)).contains("reverted on wmf/1.0 by change " + revert._number);
  }

  @Test
  public void directPushOfThePrerequisiteFlipsTheDependent() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo dependent = backport(prerequisite.changeId);
    assertThat(vote(dependent)).isEqualTo(-1);

    pushToBranch("Add the helper\n\nChange-Id: " + prerequisite.changeId + "\n");
    awaitEvaluations();

    assertThat(vote(dependent)).isEqualTo(0);
    assertThat(lastComment(dependent)).contains("carrying this Change-Id is in wmf/1.0");
  }

  @Test
  public void deletedPrerequisiteIsNotFoundAndNamedNowhere() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo prerequisite = create("master", message("Work in progress"));
    ChangeInfo dependent = backport(prerequisite.changeId);
    assertThat(lastComment(dependent)).contains("is still open on master");

    gApi.changes().id(prerequisite.id).delete();
    awaitEvaluations();

    assertThat(lastComment(dependent)).contains("MISSING: no change or commit");
    assertThat(lastComment(dependent)).doesNotContain("/+/" + prerequisite._number);
  }

  @Test
  public void prerequisiteMadePrivateIsNotFoundForOthers() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo prerequisite = create("master", message("Work in progress"));
    requestScopeOperations.setApiUser(user.id());
    ChangeInfo dependent =
        create(BRANCH, message("Use it", "Depends-On: " + prerequisite.changeId));
    requestScopeOperations.setApiUser(admin.id());
    awaitEvaluations();
    assertThat(lastComment(dependent)).contains("is still open on master");

    gApi.changes().id(prerequisite.id).setPrivate(true);
    awaitEvaluations();
    assertThat(lastComment(dependent)).contains("MISSING: no change or commit");
    assertThat(lastComment(dependent)).doesNotContain("/+/" + prerequisite._number);

    gApi.changes().id(prerequisite.id).setPrivate(false);
    awaitEvaluations();
    assertThat(lastComment(dependent)).contains("is still open on master");
  }

  @Test
  public void aPrerequisiteDeclaringANewDependencyUpdatesTheChainAbove() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo middle = create("master", message("Middle"));
    ChangeInfo top = backport(middle.changeId);
    assertThat(lastComment(top)).doesNotContain("Chain:");
    ChangeInfo bottom = create("master", message("Bottom"));
    awaitEvaluations();
    int messages = detail(top).messages.size();

    gApi.changes()
        .id(middle.id)
        .setMessage(
            "Middle\n\nDepends-On: " + bottom.changeId + "\nChange-Id: " + middle.changeId + "\n");
    awaitEvaluations();

    assertThat(detail(top).messages).hasSize(messages + 1);
    assertThat(lastComment(top))
        .contains("1. change " + bottom._number + " (needed by change " + middle._number + ")");
  }

  @Test
  public void aPrerequisiteUploadedAfterItsDependentIsFound() throws Exception {
    createBranch(project, BRANCH);
    String id = newChangeId();
    ChangeInfo dependent = backport(id);
    assertThat(lastComment(dependent)).contains("MISSING: no change or commit");

    ChangeInfo prerequisite = create("master", messageWithId("Late", id));
    awaitEvaluations();

    assertThat(lastComment(dependent))
        .contains("change " + prerequisite._number + " is still open on master");
  }

  @Test
  public void aRecheckThatChangesNothingPostsNothing() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo dependent = backport(prerequisite.changeId);
    int messages = detail(dependent).messages.size();

    // A backport of the prerequisite onto another branch is found, but changes nothing on wmf/1.0.
    createBranch(project, "wmf/2.0");
    ChangeInfo other = cherryPickTo(prerequisite, "wmf/2.0");
    merge(other);
    awaitEvaluations();

    assertThat(detail(dependent).messages).hasSize(messages);
    assertThat(vote(dependent)).isEqualTo(-1);
  }

  @Test
  public void closedDependentsAreNotRechecked() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo dependent = backport(prerequisite.changeId);
    abandon(dependent);
    int messages = detail(dependent).messages.size();

    merge(cherryPick(prerequisite));
    awaitEvaluations();

    assertThat(detail(dependent).messages).hasSize(messages);
    assertThat(vote(dependent)).isEqualTo(-1);
  }

  @Test
  public void revertOfTheRevertReChecksTheDependentsOfTheOriginal() throws Exception {
    ChangeInfo pick = mergedBackportOfAPrerequisite();
    ChangeInfo dependent = backport(pick.changeId);
    assertThat(vote(dependent)).isEqualTo(0);

    ChangeInfo revert = gApi.changes().id(pick.id).revert(new RevertInput()).get();
    merge(revert);
    awaitEvaluations();
    assertThat(vote(dependent)).isEqualTo(-1);

    // Re-land: revert the revert. The prerequisite is on wmf/1.0 again.
    ChangeInfo reland = gApi.changes().id(revert.id).revert(new RevertInput()).get();
    merge(reland);
    awaitEvaluations();

    int voteAfterEvents = vote(dependent);
    String commentAfterEvents = lastComment(dependent);
    // What a manual re-check says: the resolver itself gets it right.
    EvaluationReport manual =
        queue().submit(Project.nameKey(dependent.project), Change.id(dependent._number)).get();
    assertWithMessage(
            "after the reland merged, the dependent still said:\n%s\nmanual check: %s",
            commentAfterEvents, manual.describe())
        .that(voteAfterEvents)
        .isEqualTo(0);
  }

  @Test
  public void footerWithoutSpaceAfterTheColonIsFoundAsADependent() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo dependent =
        create(BRANCH, message("Use the helper", "Depends-On:" + prerequisite.changeId));
    awaitEvaluations();
    assertThat(vote(dependent)).isEqualTo(-1);
    assertThat(lastComment(dependent)).contains("never cherry-picked onto wmf/1.0");

    merge(cherryPick(prerequisite));
    awaitEvaluations();

    assertWithMessage(lastComment(dependent)).that(vote(dependent)).isEqualTo(0);
  }

  @Test
  public void prerequisiteMadePrivateByTheOwnerOfItsDependentLeaksNothing() throws Exception {
    createBranch(project, BRANCH);
    // Same owner (admin) for both: the common case of a developer's own stack.
    ChangeInfo prerequisite = create("master", message("Work in progress"));
    ChangeInfo dependent = backport(prerequisite.changeId);
    assertThat(lastComment(dependent)).contains("is still open on master");

    gApi.changes().id(prerequisite.id).setPrivate(true);
    awaitEvaluations();

    String comment = lastComment(dependent);
    assertWithMessage(comment).that(comment).doesNotContain("/+/" + prerequisite._number);
    assertWithMessage(comment).that(comment).contains("MISSING: no change or commit");
  }

  @Test
  public void aNewChangeAmendedBeforeItsLookupRunsStillReChecksItsDependents() throws Exception {
    createBranch(project, BRANCH);
    String id = newChangeId();
    ChangeInfo dependent = backport(id);
    assertThat(lastComment(dependent)).contains("MISSING: no change or commit");

    CountDownLatch release = holdQueue();
    ChangeInfo prerequisite = create("master", messageWithId("Late", id));
    // Patch set 2, same (no) Depends-On, before the queue got to patch set 1's lookup.
    gApi.changes().id(prerequisite.id).setMessage(messageWithId("Late, reworded", id));
    release.countDown();
    awaitEvaluations();

    assertWithMessage(lastComment(dependent))
        .that(lastComment(dependent))
        .contains("change " + prerequisite._number + " is still open on master");
  }

  @Test
  public void aNewDependencyFollowedQuicklyByAnotherPatchSetStillUpdatesTheChainAbove()
      throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo middle = create("master", message("Middle"));
    ChangeInfo top = backport(middle.changeId);
    ChangeInfo bottom = create("master", message("Bottom"));
    awaitEvaluations();

    CountDownLatch release = holdQueue();
    String withDep =
        "Middle\n\nDepends-On: " + bottom.changeId + "\nChange-Id: " + middle.changeId + "\n";
    gApi.changes().id(middle.id).setMessage(withDep);
    // e.g. a rebase or a typo fix right after: same Depends-On as the patch set before.
    gApi.changes().id(middle.id).setMessage("Middle reworded" + withDep.substring(6));
    release.countDown();
    awaitEvaluations();

    assertWithMessage(lastComment(top))
        .that(lastComment(top))
        .contains("1. change " + bottom._number + " (needed by change " + middle._number + ")");
  }

  @Test
  public void aRevertCherryPickedOntoTheBranchTakesThePrerequisiteOffIt() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    merge(cherryPick(prerequisite));
    ChangeInfo dependent = backport(prerequisite.changeId);
    assertThat(vote(dependent)).isEqualTo(0);

    // Reverted on master: the prerequisite is still on wmf/1.0.
    ChangeInfo revert = gApi.changes().id(prerequisite.id).revert(new RevertInput()).get();
    merge(revert);
    awaitEvaluations();
    assertThat(vote(dependent)).isEqualTo(0);

    // Then the revert is backported like any other fix. The cherry-pick is not a revert itself:
    // only its change-merged event, through the revert on master, can reach the dependent.
    ChangeInfo revertPick = cherryPick(revert);
    merge(revertPick);
    awaitEvaluations();

    // Read as the event left them; a manual check runs only afterwards, to explain a failure.
    int voteAfterEvents = vote(dependent);
    String commentAfterEvents = lastComment(dependent);
    EvaluationReport manual =
        queue().submit(Project.nameKey(dependent.project), Change.id(dependent._number)).get();
    assertWithMessage(
            "after the cherry-picked revert merged, the dependent still said:\n%s\nmanual check: %s",
            commentAfterEvents, manual.describe())
        .that(voteAfterEvents)
        .isEqualTo(-1);
    assertThat(commentAfterEvents).contains("reverted on wmf/1.0 by change " + revertPick._number);
  }
}
