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
import com.google.gerrit.extensions.api.changes.RevertInput;
import com.google.gerrit.extensions.common.ChangeInfo;
import org.junit.Test;

/**
 * Nobody but the authors steers the verdict: a stranger's change that copies a prerequisite's
 * Change-Id into another project, or a revert's Change-Id into another project's same-named branch.
 * The attacker is the framework's unprivileged {@code user}.
 */
public class SteeringIT extends BackportGuardTestBase {

  /** A passing backport in {@link #project} of a library change merged on the branch. */
  private ChangeInfo passingBackportOf(ChangeInfo prerequisite) throws Exception {
    merge(prerequisite);
    merge(cherryPick(prerequisite));
    ChangeInfo backport = backport(prerequisite.changeId);
    assertThat(vote(backport)).isEqualTo(0);
    return backport;
  }

  @Test
  public void changeIdSquattedInAnotherProjectDoesNotSteerTheVerdict() throws Exception {
    Project.NameKey lib = projectOperations.newProject().create();
    Project.NameKey elsewhere = projectOperations.newProject().create();
    createBranch(lib, BRANCH);
    createBranch(project, BRANCH);
    ChangeInfo prerequisite = create(lib, "master", message("Library change"));
    ChangeInfo backport = passingBackportOf(prerequisite);
    int posted = comments(backport).size();

    requestScopeOperations.setApiUser(user.id());
    ChangeInfo squat = create(elsewhere, "master", messageWithId("Squat", prerequisite.changeId));
    requestScopeOperations.setApiUser(admin.id());
    awaitEvaluations();
    for (int i = 0; i < 2; i++) {
      requestScopeOperations.setApiUser(user.id());
      gApi.changes().id(squat.id).abandon();
      awaitEvaluations();
      gApi.changes().id(squat.id).restore();
      requestScopeOperations.setApiUser(admin.id());
      awaitEvaluations();
    }
    // And a fresh check of the victim, as its next patch set would get.
    gApi.changes()
        .id(backport.id)
        .setMessage(
            messageWithId(
                "Use it again", backport.changeId, "Depends-On: " + prerequisite.changeId));
    awaitEvaluations();

    assertThat(vote(backport)).isEqualTo(0);
    assertThat(comments(backport)).hasSize(posted);
    assertThat(lastComment(backport)).doesNotContain(elsewhere.get());
  }

  @Test
  public void abbreviationMadeAmbiguousByAStrangerStillResolves() throws Exception {
    Project.NameKey elsewhere = projectOperations.newProject().create();
    createBranch(project, BRANCH);
    String prefix = newChangeId().substring(0, 10);
    ChangeInfo prerequisite =
        create("master", "Helper\n\nChange-Id: " + prefix + newChangeId().substring(10) + "\n");
    merge(prerequisite);
    merge(cherryPick(prerequisite));
    ChangeInfo backport = backport(prefix);
    assertThat(vote(backport)).isEqualTo(0);

    requestScopeOperations.setApiUser(user.id());
    create(elsewhere, "master", "Squat\n\nChange-Id: " + prefix + newChangeId().substring(10));
    requestScopeOperations.setApiUser(admin.id());
    gApi.changes()
        .id(backport.id)
        .setMessage(messageWithId("Use it again", backport.changeId, "Depends-On: " + prefix));
    awaitEvaluations();

    assertThat(vote(backport)).isEqualTo(0);
    assertThat(lastComment(backport)).doesNotContain("matches more than one change");
  }

  @Test
  public void oneAuthorsSameChangeIdInTwoProjectsBothCount() throws Exception {
    Project.NameKey lib = projectOperations.newProject().create();
    Project.NameKey lib2 = projectOperations.newProject().create();
    createBranch(lib, BRANCH);
    createBranch(lib2, BRANCH);
    createBranch(project, BRANCH);
    String id = newChangeId();
    ChangeInfo first = create(lib, "master", messageWithId("Part one", id));
    merge(first);
    merge(cherryPickTo(first, BRANCH));
    ChangeInfo second = create(lib2, "master", messageWithId("Part two", id));
    merge(second);

    ChangeInfo backport = backport(id);

    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(lastComment(backport))
        .contains(
            "change "
                + second._number
                + " in "
                + lib2.get()
                + " merged on master but was never cherry-picked onto wmf/1.0");
  }

  @Test
  public void revertCopiedIntoAnotherProjectsSameNamedBranchIsNoRevert() throws Exception {
    Project.NameKey elsewhere = projectOperations.newProject().create();
    createBranch(project, BRANCH);
    createBranch(elsewhere, BRANCH);
    ChangeInfo prerequisite = create("master", message("Add the helper"));
    merge(prerequisite);
    merge(cherryPick(prerequisite));
    // Reverted on master only; the branch keeps it.
    ChangeInfo revert = gApi.changes().id(prerequisite.id).revert(new RevertInput()).get();
    merge(revert);
    // A change in another project, on a branch of the same name, carrying the revert's Change-Id.
    merge(create(elsewhere, BRANCH, messageWithId("Unrelated", revert.changeId)));

    ChangeInfo backport = backport(prerequisite.changeId);

    assertThat(lastComment(backport)).doesNotContain("reverted");
    assertThat(lastComment(backport)).contains("is merged on wmf/1.0");
    assertThat(vote(backport)).isEqualTo(0);
  }
}
