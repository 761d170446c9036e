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
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.allow;
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.allowCapability;
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.block;
import static com.google.gerrit.server.group.SystemGroupBackend.ANONYMOUS_USERS;
import static com.google.gerrit.server.group.SystemGroupBackend.REGISTERED_USERS;

import com.google.gerrit.common.data.GlobalCapability;
import com.google.gerrit.entities.AccountGroup;
import com.google.gerrit.entities.Permission;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.api.projects.ConfigInput;
import com.google.gerrit.extensions.client.ListChangesOption;
import com.google.gerrit.extensions.client.ProjectState;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.common.CommitMessageInput;
import com.google.gerrit.extensions.common.RevisionInfo;
import com.googlesource.gerrit.plugins.backportguard.verdict.VerdictComment;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.http.message.BasicHeader;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.Test;

/**
 * What readers of the comment learn: a prerequisite is described only when the owner, the uploader
 * of the patch set and every reader of the change can read it. The attacker is the framework's
 * unprivileged {@code user}.
 */
public class VisibilityIT extends BackportGuardTestBase {
  private static final String HIDDEN = "not found, or not visible to every reader of this change";

  /**
   * A project only the admin can read: Registered Users (the attacker among them) are blocked. The
   * admin's READ is explicit (an allow in the block's own section overrides it): from 3.12 Gerrit
   * lets administrators read every branch anyway, 3.10 and 3.11 do not.
   */
  private Project.NameKey restrictedProject() {
    Project.NameKey p = projectOperations.newProject().create();
    projectOperations
        .project(p)
        .forUpdate()
        .add(block(Permission.READ).ref("refs/*").group(REGISTERED_USERS))
        .add(block(Permission.READ).ref("refs/*").group(ANONYMOUS_USERS))
        .add(allow(Permission.READ).ref("refs/*").group(adminGroupUuid()))
        .update();
    return p;
  }

  /**
   * The comment without the footer lines it quotes, which differ between two references, without
   * the patch set number, and without the link to the change's own page (its own project and
   * number, which every reader of the change sees; only a line of exactly that form is left out).
   */
  private static String verdictLines(String comment) {
    return comment
        .lines()
        .filter(l -> !l.startsWith("* Depends-On:") && !l.startsWith("Patch Set "))
        .filter(l -> !OWN_PAGE.matcher(l).matches())
        .collect(Collectors.joining("\n"));
  }

  private static final Pattern OWN_PAGE =
      Pattern.compile(
          Pattern.quote(VerdictComment.PAGE_LINE)
              + "http://[^/\\s]+/plugins/backport-guard/static/prerequisites\\.html#[^\\s~]+~[0-9]+");

  private ChangeInfo secretMergedChange(Project.NameKey secret) throws Exception {
    ChangeInfo hidden = create(secret, "master", message("Secret subject xyzzy"));
    merge(hidden);
    return hidden;
  }

  private static void assertNamesNothingOf(String comment, Project.NameKey p, ChangeInfo c) {
    assertThat(comment).contains(HIDDEN);
    // The quoted footer may name what its author wrote; nothing else may.
    String verdict = verdictLines(comment);
    assertThat(verdict).doesNotContain(p.get());
    assertThat(comment).doesNotContain("xyzzy");
    assertThat(verdict).doesNotContain("change " + c._number);
    assertThat(verdict).doesNotContain("/+/" + c._number);
    assertThat(comment).doesNotContain(c.currentRevision == null ? "none" : c.currentRevision);
  }

  @Test
  public void ownerWhoCanReadARestrictedProjectCannotNameItOnAPublicBackport() throws Exception {
    Project.NameKey secret = restrictedProject();
    createBranch(project, BRANCH);
    ChangeInfo hidden = secretMergedChange(secret);

    // The admin owns the backport and can read the secret project; every reader of the public
    // backport could then learn of it.
    ChangeInfo backport = backport(hidden.changeId);

    assertThat(vote(backport)).isEqualTo(-1);
    assertNamesNothingOf(lastComment(backport), secret, detail(hidden));
  }

  @Test
  public void uploaderOfANewPatchSetCannotUseTheOwnersEyes() throws Exception {
    Project.NameKey secret = restrictedProject();
    createBranch(secret, BRANCH);
    createBranch(project, BRANCH);
    ChangeInfo hidden = secretMergedChange(secret);
    String prefix = hidden.changeId.substring(0, 12);
    ChangeInfo backport = backport(newChangeId());
    String nothing = verdictLines(lastComment(backport));

    String[] probes = {
      String.valueOf(hidden._number),
      secret.get() + "~" + hidden._number,
      prefix,
      secret.get() + "~master~" + hidden.changeId,
      link(hidden),
    };
    for (String probe : probes) {
      requestScopeOperations.setApiUser(user.id());
      gApi.changes()
          .id(backport.id)
          .setMessage(messageWithId("Probe", backport.changeId, "Depends-On: " + probe));
      requestScopeOperations.setApiUser(admin.id());
      awaitEvaluations();

      String comment = lastComment(backport);
      assertNamesNothingOf(comment, secret, detail(hidden));
      // The same as for a reference to nothing at all: no oracle.
      assertThat(verdictLines(comment)).isEqualTo(nothing);
    }
  }

  /**
   * A patch set uploaded on behalf of the owner (X-Gerrit-RunAs, as an importing bot does) was
   * written by the real uploader: it must not read through the owner's eyes either. Here the
   * backport and its prerequisite are in a project only the admin (the owner) reads; {@code user}
   * may act for others but cannot read it.
   */
  @Test
  public void realUploaderActingForTheOwnerCannotUseTheOwnersEyes() throws Exception {
    Project.NameKey secret = projectOperations.newProject().create();
    projectOperations
        .project(secret)
        .forUpdate()
        .add(block(Permission.READ).ref("refs/*").group(ANONYMOUS_USERS))
        .add(allow(Permission.READ).ref("refs/*").group(adminGroupUuid()))
        .add(allow(Permission.READ).ref("refs/*").group(bots))
        .update();
    createBranch(secret, BRANCH);
    ChangeInfo prerequisite = create(secret, "master", message("Secret helper xyzzy"));
    merge(prerequisite);
    ChangeInfo backport = create(secret, BRANCH, message("Use it"));
    awaitEvaluations();
    AccountGroup.UUID impersonators = groupOperations.newGroup().addMember(user.id()).create();
    projectOperations
        .allProjectsForUpdate()
        .add(allowCapability(GlobalCapability.RUN_AS).group(impersonators))
        .update();

    CommitMessageInput in = new CommitMessageInput();
    in.message = messageWithId("Use it", backport.changeId, "Depends-On: " + prerequisite._number);
    userRestSession
        .putWithHeaders(
            "/changes/" + backport.id + "/message",
            in,
            new BasicHeader("X-Gerrit-RunAs", admin.username()))
        .assertOK();
    awaitEvaluations();

    RevisionInfo current =
        gApi.changes()
            .id(backport.id)
            .get(ListChangesOption.CURRENT_REVISION)
            .revisions
            .values()
            .iterator()
            .next();
    assertThat(current._number).isEqualTo(2);
    assertThat(current.uploader._accountId).isEqualTo(admin.id().get());
    assertThat(current.realUploader._accountId).isEqualTo(user.id().get());
    assertNamesNothingOf(lastComment(backport), secret, detail(prerequisite));
  }

  @Test
  public void ambiguityIsDecidedOverVisibleChangesOnly() throws Exception {
    Project.NameKey secret = restrictedProject();
    createBranch(project, BRANCH);
    String prefix = newChangeId().substring(0, 10);
    ChangeInfo hidden =
        create(
            secret, "master", "Secret xyzzy\n\nChange-Id: " + prefix + newChangeId().substring(10));
    merge(hidden);
    ChangeInfo visible =
        create("master", "Public\n\nChange-Id: " + prefix + newChangeId().substring(10) + "\n");
    merge(visible);
    merge(cherryPick(visible));

    ChangeInfo backport = backport(prefix);

    // Not "ambiguous": that would tell readers a second, hidden change shares the prefix.
    assertThat(lastComment(backport)).doesNotContain("matches more than one change");
    assertThat(lastComment(backport)).contains("is merged on wmf/1.0");
    assertThat(vote(backport)).isEqualTo(0);
  }

  @Test
  public void hiddenProjectsDirectlyPushedCommitIsInvisible() throws Exception {
    Project.NameKey hiddenProject = projectOperations.newProject().create();
    createBranch(hiddenProject, BRANCH);
    createBranch(project, BRANCH);
    String id = newChangeId();
    TestRepository<InMemoryRepository> repo = cloneProject(hiddenProject, admin);
    repo.git()
        .fetch()
        .setRefSpecs("refs/heads/" + BRANCH + ":refs/remotes/origin/" + BRANCH)
        .call();
    repo.reset("origin/" + BRANCH);
    RevCommit pushed =
        repo.branch("HEAD").commit().message("Hotfix xyzzy\n\nChange-Id: " + id + "\n").create();
    repo.git().push().setRefSpecs(new RefSpec("HEAD:refs/heads/" + BRANCH)).call();
    ConfigInput hide = new ConfigInput();
    hide.state = ProjectState.HIDDEN;
    gApi.projects().name(hiddenProject.get()).config(hide);

    ChangeInfo backport = backport(hiddenProject.get() + "~" + BRANCH + "~" + id);

    String comment = lastComment(backport);
    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(comment).contains(HIDDEN);
    assertThat(comment).doesNotContain(ObjectId.toString(pushed).substring(0, 10));
    // Only the footer quoted back names the project: the author wrote it.
    assertThat(verdictLines(comment)).doesNotContain(hiddenProject.get());
  }

  @Test
  public void unreadableBranchReadsLikeAnAbsentOne() throws Exception {
    createBranch(project, BRANCH);
    Project.NameKey withBranch = projectOperations.newProject().create();
    Project.NameKey withoutBranch = projectOperations.newProject().create();
    createBranch(withBranch, BRANCH);
    ChangeInfo[] prerequisites = new ChangeInfo[2];
    int i = 0;
    for (Project.NameKey lib : new Project.NameKey[] {withBranch, withoutBranch}) {
      projectOperations
          .project(lib)
          .forUpdate()
          .add(block(Permission.READ).ref("refs/heads/wmf/*").group(REGISTERED_USERS))
          .add(block(Permission.READ).ref("refs/heads/wmf/*").group(ANONYMOUS_USERS))
          .update();
      prerequisites[i] = create(lib, "master", message("Library change"));
      merge(prerequisites[i++]);
    }

    ChangeInfo a = backport(prerequisites[0].changeId);
    ChangeInfo b = backport(prerequisites[1].changeId);

    // Whether a branch the readers may not read exists is none of their business.
    assertThat(verdictLines(lastComment(a))).isEqualTo(verdictLines(lastComment(b)));
    assertThat(lastComment(b)).doesNotContain("has no branch");
    assertThat(vote(b)).isEqualTo(-1);
  }

  @Test
  public void privateChangesNumberNeverResolvesEvenToItsPublicCopies() throws Exception {
    createBranch(project, BRANCH);
    String id = newChangeId();
    ChangeInfo publicCopy = create(BRANCH, "Public copy\n\nChange-Id: " + id + "\n");
    merge(publicCopy);
    ChangeInfo secret = create("master", "Private work\n\nChange-Id: " + id + "\n");
    gApi.changes().id(secret.id).setPrivate(true);

    ChangeInfo byNumber = backport(String.valueOf(secret._number));
    ChangeInfo byLink = backport(link(secret));

    for (ChangeInfo c : new ChangeInfo[] {byNumber, byLink}) {
      assertThat(vote(c)).isEqualTo(-1);
      assertThat(lastComment(c)).contains(HIDDEN);
      assertThat(lastComment(c)).doesNotContain("/+/" + publicCopy._number);
    }
  }

  @Test
  public void publicPrerequisiteOfAPublicBackportIsStillDescribed() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    requestScopeOperations.setApiUser(user.id());
    ChangeInfo backport = create(BRANCH, message("Use it", "Depends-On: " + prerequisite._number));
    requestScopeOperations.setApiUser(admin.id());
    awaitEvaluations();

    assertThat(lastComment(backport))
        .contains("Action: cherry-pick change " + prerequisite._number + " onto wmf/1.0");
  }

  @Test
  public void restrictedBackportMayNameItsOwnProjectsChanges() throws Exception {
    AccountGroup.UUID team = groupOperations.newGroup().name(name("team")).create();
    Project.NameKey secret = projectOperations.newProject().create();
    projectOperations
        .project(secret)
        .forUpdate()
        .add(block(Permission.READ).ref("refs/*").group(ANONYMOUS_USERS))
        .add(allow(Permission.READ).ref("refs/*").group(team))
        .add(allow(Permission.READ).ref("refs/*").group(bots))
        // The admin sets it up; 3.12+ let administrators read every branch, 3.10 and 3.11 do not.
        .add(allow(Permission.READ).ref("refs/*").group(adminGroupUuid()))
        .update();
    createBranch(secret, BRANCH);
    ChangeInfo prerequisite = create(secret, "master", message("Add the helper"));
    merge(prerequisite);
    ChangeInfo backport =
        create(secret, BRANCH, message("Use it", "Depends-On: " + prerequisite.changeId));
    awaitEvaluations();

    // Whoever can read the backport can read its project's master: the prerequisite is named.
    assertThat(lastComment(backport))
        .contains("Action: cherry-pick change " + prerequisite._number + " onto wmf/1.0");
  }

  @Test
  public void restrictedBackportMayNotNameABranchWithOtherReaders() throws Exception {
    Project.NameKey secret = projectOperations.newProject().create();
    projectOperations
        .project(secret)
        .forUpdate()
        .add(block(Permission.READ).ref("refs/heads/wmf/*").group(ANONYMOUS_USERS))
        .add(block(Permission.READ).ref("refs/heads/master").group(ANONYMOUS_USERS))
        // The admin sets it up; 3.12+ let administrators read every branch, 3.10 and 3.11 do not.
        .add(allow(Permission.READ).ref("refs/heads/master").group(adminGroupUuid()))
        .add(allow(Permission.READ).ref("refs/heads/wmf/*").group(adminGroupUuid()))
        .add(allow(Permission.READ).ref("refs/heads/wmf/*").group(bots))
        .update();
    createBranch(secret, BRANCH);
    ChangeInfo prerequisite = create(secret, "master", message("Other readers xyzzy"));
    merge(prerequisite);
    ChangeInfo backport =
        create(secret, BRANCH, message("Use it", "Depends-On: " + prerequisite.changeId));
    awaitEvaluations();

    // master and wmf/* are restricted by different rules: the readers of one are not those of the
    // other, so the plugin cannot tell that every reader of the backport may read master.
    assertThat(lastComment(backport)).contains(HIDDEN);
    assertThat(lastComment(backport)).doesNotContain("/+/" + prerequisite._number);
  }
}
