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
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.allow;
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.allowLabel;
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.block;
import static com.google.gerrit.server.group.SystemGroupBackend.ANONYMOUS_USERS;
import static com.google.gerrit.server.group.SystemGroupBackend.REGISTERED_USERS;
import static com.google.gerrit.testing.GerritJUnit.assertThrows;

import com.google.gerrit.entities.Account;
import com.google.gerrit.entities.Permission;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.api.changes.ReviewInput;
import com.google.gerrit.extensions.api.projects.BranchInput;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.restapi.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * Attacks found in the security review of issue 8. Each test fails on the code it was written
 * against; the attacker is the framework's unprivileged {@code user} or a fresh account.
 */
public class ReviewAttacksIT extends BackportGuardTestBase {

  /** A project only the admin (and the bot) can read. */
  private Project.NameKey adminOnlyProject() {
    Project.NameKey p = projectOperations.newProject().create();
    projectOperations
        .project(p)
        .forUpdate()
        .add(block(Permission.READ).ref("refs/*").group(ANONYMOUS_USERS))
        .add(allow(Permission.READ).ref("refs/*").group(adminGroupUuid()))
        .add(allow(Permission.READ).ref("refs/*").group(bots))
        .update();
    return p;
  }

  /**
   * A public library change by {@code author}, merged on master and backported onto {@link #BRANCH}
   * (by the same author), with the given Change-Id; the backport in {@link #project} depending on
   * it, owned by the admin.
   */
  private ChangeInfo backportOfPublicLibraryChange(String changeId) throws Exception {
    Account.Id author = accountOperations.newAccount().create();
    Project.NameKey lib = projectOperations.newProject().create();
    createBranch(lib, BRANCH);
    createBranch(project, BRANCH);
    requestScopeOperations.setApiUser(author);
    ChangeInfo original = create(lib, "master", messageWithId("Library change", changeId));
    requestScopeOperations.setApiUser(admin.id());
    merge(original);
    requestScopeOperations.setApiUser(author);
    ChangeInfo pick = cherryPickTo(original, BRANCH);
    requestScopeOperations.setApiUser(admin.id());
    merge(pick);
    return backport(changeId);
  }

  /** Control for the test below: without a hidden copy the public prerequisite is merged. */
  @Test
  public void publicPrerequisiteWithoutHiddenCopyIsMerged() throws Exception {
    ChangeInfo backport = backportOfPublicLibraryChange(newChangeId());

    assertThat(lastComment(backport)).contains("is merged on wmf/1.0");
    assertThat(vote(backport)).isEqualTo(0);
  }

  /**
   * Threat 1 (existence of a hidden change) and 3 (a correct backport blocked): an earlier change
   * with the same Change-Id in a project the readers cannot read (an embargoed fix, say, published
   * later by someone else) must change nothing in the comment on a public backport. It turns the
   * public prerequisite into "not found", which tells every reader (and any uploader probing with
   * the owner's eyes) that a hidden earlier copy exists.
   */
  @Test
  public void hiddenEarlierCopyOfAPublicChangeIdChangesNothing() throws Exception {
    String id = newChangeId();
    Project.NameKey secret = adminOnlyProject();
    create(secret, "master", messageWithId("Embargoed fix", id));

    ChangeInfo backport = backportOfPublicLibraryChange(id);

    assertThat(lastComment(backport)).contains("is merged on wmf/1.0");
    assertThat(vote(backport)).isEqualTo(0);
  }

  /**
   * Threat 3: a stranger who may upload to the prerequisite's project (any registered user, by
   * default) makes an abbreviated Change-Id ambiguous there, turning a passing backport into a
   * failing one; toggling the squat's private flag makes the plugin post again each time.
   */
  @Test
  public void abbreviationSquattedInThePrerequisitesOwnProjectDoesNotSteerTheVerdict()
      throws Exception {
    createBranch(project, BRANCH);
    String prefix = newChangeId().substring(0, 10);
    ChangeInfo prerequisite =
        create("master", "Helper\n\nChange-Id: " + prefix + newChangeId().substring(10) + "\n");
    merge(prerequisite);
    merge(cherryPick(prerequisite));
    ChangeInfo backport = backport(prefix);
    assertThat(vote(backport)).isEqualTo(0);
    int posted = comments(backport).size();

    requestScopeOperations.setApiUser(user.id());
    ChangeInfo squat =
        create("master", "Squat\n\nChange-Id: " + prefix + newChangeId().substring(10) + "\n");
    requestScopeOperations.setApiUser(admin.id());
    awaitEvaluations();
    for (int i = 0; i < 2; i++) {
      requestScopeOperations.setApiUser(user.id());
      gApi.changes().id(squat.id).setPrivate(true);
      requestScopeOperations.setApiUser(admin.id());
      awaitEvaluations();
      requestScopeOperations.setApiUser(user.id());
      gApi.changes().id(squat.id).setPrivate(false);
      requestScopeOperations.setApiUser(admin.id());
      awaitEvaluations();
    }

    assertWithMessage("comments: %s", comments(backport)).that(comments(backport)).hasSize(posted);
    assertThat(lastComment(backport)).doesNotContain("matches more than one change");
    assertThat(vote(backport)).isEqualTo(0);
  }

  /**
   * Threat 3 (steering the author): where the project has the branch, the stranger's sandbox merge
   * of an open prerequisite's Change-Id becomes "merged on sandbox/... but never cherry-picked";
   * the comment tells the author to cherry-pick the stranger's commit onto the release branch.
   */
  @Test
  public void strangersSandboxMergeIsNotOfferedForCherryPick() throws Exception {
    Project.NameKey lib = projectWithSandboxes();
    createBranch(lib, BRANCH);
    createBranch(project, BRANCH);
    ChangeInfo prerequisite = create(lib, "master", message("Library change"));
    ChangeInfo backport = backport(prerequisite.changeId);
    assertThat(lastComment(backport)).contains("is still open on master");

    ChangeInfo squat = mergeInUsersSandbox(lib, prerequisite.changeId);

    assertThat(lastComment(backport)).doesNotContain("change " + squat._number);
    assertThat(lastComment(backport)).contains("is still open on master");
  }

  /**
   * Threat 2 and 4: a change link whose project part Gerrit's query parser refuses makes the whole
   * check fail with a 400 that is not retried; the backport gets no vote and no comment at all,
   * although it also declares a missing prerequisite. Anyone who may add a patch set to someone
   * else's backport can so switch its guard off. Of the values below only the link to project
   * "a%zz~b" fails today; the others are kept as neighbours that must keep working.
   */
  @Test
  public void referenceTheQueryParserCannotReadStillGetsAVote() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    List<String> unguarded = new ArrayList<>();
    String[] values = {
      "x\"y~1",
      "x\\y~1",
      "\"~1",
      canonicalWebUrl.get() + "c/x%22y/+/1",
      // A project name with a '~' makes Gerrit read project~number as a triplet, and URL-decode
      // its parts: a '%' that starts no escape then throws.
      canonicalWebUrl.get() + "c/a%25zz~b/+/1",
      canonicalWebUrl.get() + "c/a~~/+/1",
      "../x~b~I" + "0".repeat(40),
      "x.git~b~I" + "1".repeat(40),
      "/x~b~I" + "2".repeat(40),
      "x//y~1",
      canonicalWebUrl.get() + "c/..%2F..%2Fx/+/1",
    };
    for (String value : values) {
      ChangeInfo backport =
          create(
              BRANCH,
              message(
                  "Use the helper",
                  "Depends-On: " + prerequisite.changeId,
                  "Depends-On: " + value));
      awaitEvaluations();
      if (vote(backport) != -1 || comments(backport).isEmpty()) {
        unguarded.add(value + " (vote " + vote(backport) + ")");
      }
    }

    assertWithMessage("references that left a backport with a missing prerequisite unguarded")
        .that(unguarded)
        .isEmpty();
  }

  /** A project where every user may create branches under sandbox/USERNAME/ and submit there. */
  private Project.NameKey projectWithSandboxes() {
    Project.NameKey p = projectOperations.newProject().create();
    String sandbox = "refs/heads/sandbox/${username}/*";
    projectOperations
        .project(p)
        .forUpdate()
        .add(allow(Permission.CREATE).ref(sandbox).group(REGISTERED_USERS))
        .add(allow(Permission.PUSH).ref(sandbox).group(REGISTERED_USERS))
        .add(allow(Permission.SUBMIT).ref(sandbox).group(REGISTERED_USERS))
        .add(allowLabel("Code-Review").ref(sandbox).group(REGISTERED_USERS).range(-2, 2))
        .update();
    return p;
  }

  /** The attacker {@code user} submits a change with the Change-Id in their sandbox. */
  private ChangeInfo mergeInUsersSandbox(Project.NameKey p, String changeId) throws Exception {
    requestScopeOperations.setApiUser(user.id());
    String branch = "sandbox/" + user.username() + "/x";
    gApi.projects().name(p.get()).branch(branch).create(new BranchInput());
    ChangeInfo squat = create(p, branch, messageWithId("Squat", changeId));
    gApi.changes().id(squat.id).current().review(ReviewInput.approve());
    gApi.changes().id(squat.id).current().submit();
    requestScopeOperations.setApiUser(admin.id());
    awaitEvaluations();
    return squat;
  }

  /**
   * Threat 3 (a failing backport made to pass): sites commonly give every user a sandbox, {@code
   * refs/heads/sandbox/${username}/*}, where they may create branches and submit their own changes.
   * A stranger copies an open prerequisite's Change-Id into a sandbox branch of the same project
   * and submits it there: in a project without the backport's branch, "merged on any branch" then
   * counts, and the backport that needs the still-open prerequisite passes.
   */
  @Test
  public void strangersSandboxMergeDoesNotSatisfyAPrerequisite() throws Exception {
    Project.NameKey lib = projectWithSandboxes();
    createBranch(project, BRANCH);
    // The library has no wmf/1.0; its change is still under review on master.
    ChangeInfo prerequisite = create(lib, "master", message("Library change"));
    ChangeInfo backport = backport(prerequisite.changeId);
    assertThat(vote(backport)).isEqualTo(-1);

    mergeInUsersSandbox(lib, prerequisite.changeId);

    assertThat(lastComment(backport)).contains("is still open on master");
    assertThat(vote(backport)).isEqualTo(-1);
  }

  /**
   * Why the reference above leaves no vote (passes: it pins down Gerrit's behaviour): the query the
   * resolver builds for it, {@code change:"a%zz~b~1"}, is read by Gerrit as a project~branch~id
   * triplet whose parts it URL-decodes; a '%' that starts no escape makes the whole query a 400,
   * which {@code ChangeQuery.any} rethrows and nothing above catches.
   */
  @Test
  public void gerritRefusesTheQueryBuiltForATildeProjectLink() throws Exception {
    BadRequestException e =
        assertThrows(
            BadRequestException.class, () -> gApi.changes().query("change:\"a%zz~b~1\"").get());
    assertThat(e).hasMessageThat().contains("Error in operator change:a%zz~b~1");
  }
}
