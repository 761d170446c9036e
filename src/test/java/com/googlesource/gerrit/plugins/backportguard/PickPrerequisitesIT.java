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
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.block;
import static com.google.gerrit.server.group.SystemGroupBackend.REGISTERED_USERS;

import com.google.common.collect.ImmutableMap;
import com.google.gerrit.acceptance.RestResponse;
import com.google.gerrit.entities.AccountGroup;
import com.google.gerrit.entities.Permission;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.client.ListChangesOption;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.common.CommitInfo;
import com.googlesource.gerrit.plugins.backportguard.pick.PickPrerequisitesInfo;
import com.googlesource.gerrit.plugins.backportguard.pick.PickPrerequisitesInfo.PickInfo;
import java.util.List;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.junit.Test;

/**
 * {@code cherry-pick-prerequisites}: one click cherry-picks a backport's missing prerequisites onto
 * its branch, as the caller, through Gerrit's own cherry-pick.
 */
public class PickPrerequisitesIT extends BackportGuardTestBase {

  private static String url(ChangeInfo c) {
    return "/changes/"
        + c.project
        + "~"
        + c._number
        + "/revisions/current/backport-guard~cherry-pick-prerequisites";
  }

  /** A change on a branch that adds a file, so that its cherry-pick is not empty. */
  private ChangeInfo change(Project.NameKey p, String branch, String message, String file)
      throws Exception {
    push(p, branch, message, file, "content of " + file + "\n", "refs/for/" + branch);
    String changeId = message.substring(message.lastIndexOf("Change-Id: ") + 11).strip();
    return gApi.changes().id(p.get(), branch, changeId).get();
  }

  /** Pushes a commit on top of a branch that adds a file, for review or straight in. */
  private void push(
      Project.NameKey p, String branch, String message, String file, String content, String ref)
      throws Exception {
    TestRepository<InMemoryRepository> repo = cloneProject(p, admin);
    repo.git()
        .fetch()
        .setRefSpecs("refs/heads/" + branch + ":refs/remotes/origin/" + branch)
        .call();
    repo.reset("origin/" + branch);
    repo.branch("HEAD").commit().message(message).add(file, content).create();
    for (PushResult r : repo.git().push().setRefSpecs(new RefSpec("HEAD:" + ref)).call()) {
      for (RemoteRefUpdate u : r.getRemoteUpdates()) {
        assertWithMessage(u.getMessage() + "\n" + r.getMessages())
            .that(u.getStatus())
            .isEqualTo(RemoteRefUpdate.Status.OK);
      }
    }
  }

  private ChangeInfo merged(Project.NameKey p, String message, String file) throws Exception {
    ChangeInfo c = change(p, "master", message, file);
    merge(c);
    return c;
  }

  /** Pushes a commit that adds a file straight into a branch. */
  private void pushFile(Project.NameKey p, String branch, String file, String content)
      throws Exception {
    push(p, branch, message("Direct " + file), file, content, "refs/heads/" + branch);
  }

  private ChangeInfo backportOf(ChangeInfo... prerequisites) throws Exception {
    return backportIn(project, prerequisites);
  }

  private ChangeInfo backportIn(Project.NameKey p, ChangeInfo... prerequisites) throws Exception {
    String[] footers = new String[prerequisites.length];
    for (int i = 0; i < prerequisites.length; i++) {
      footers[i] = "Depends-On: " + prerequisites[i].changeId;
    }
    ChangeInfo b = change(p, BRANCH, message("Use the helper", footers), "use.txt");
    awaitEvaluations();
    return b;
  }

  private List<ChangeInfo> onBranch(Project.NameKey p) throws Exception {
    return gApi.changes().query("project:" + p.get() + " branch:" + BRANCH).get();
  }

  private String parentOf(int number) throws Exception {
    CommitInfo c = gApi.changes().id(number).current().commit(false);
    return c.parents.get(0).commit;
  }

  private String commitOf(int number) throws Exception {
    return gApi.changes().id(number).get(ListChangesOption.CURRENT_REVISION).currentRevision;
  }

  @Test
  public void oneClickPicksAChainOfThreeInLandingOrderStackedInOneTopic() throws Exception {
    // A short name, as the docs show this run's request and answer.
    Project.NameKey demo = projectOperations.newProject().name("demo").create();
    createBranch(demo, BRANCH);
    ChangeInfo base = merged(demo, message("Add the helper"), "helper.txt");
    ChangeInfo middle =
        merged(demo, message("Use the helper", "Depends-On: " + base.changeId), "use.txt");
    ChangeInfo top =
        merged(demo, message("Configure it", "Depends-On: " + middle.changeId), "conf.txt");
    ChangeInfo backport = backportIn(demo, top);
    assertThat(vote(backport)).isEqualTo(-1);

    long start = System.nanoTime();
    RestResponse response = adminRestSession.post(url(backport), ImmutableMap.of());
    long millis = (System.nanoTime() - start) / 1_000_000;
    String body = response.getEntityContent();
    System.out.println(
        "ONE-CLICK-OF-THREE POST " + url(backport) + " took " + millis + " ms; answer:\n" + body);
    PickPrerequisitesInfo info = reparse(response, body);

    assertThat(info.picks.stream().map(p -> p.source.changeId).toList())
        .containsExactly(base.changeId, middle.changeId, top.changeId)
        .inOrder();
    assertThat(info.picks.stream().map(p -> p.source.number).toList())
        .containsExactly(base._number, middle._number, top._number)
        .inOrder();
    String topic = "backport-" + backport._number;
    assertThat(info.topic).isEqualTo(topic);
    assertThat(info.topicOnBackport).isEqualTo("set");
    assertThat(info.recheckQueued).isTrue();
    assertThat(info.dryRun).isNull();
    PickInfo first = info.picks.get(0);
    assertThat(first.stackedOn).isNull();
    assertThat(info.picks.get(1).stackedOn).isEqualTo(base.changeId);
    assertThat(info.picks.get(2).stackedOn).isEqualTo(middle.changeId);
    assertThat(info.picks.get(2).neededBy).containsExactly(backport.changeId);

    // Stacked: each made change's parent is the one made before it; the first is on the branch.
    String branchTip = gApi.projects().name(demo.get()).branch(BRANCH).get().revision;
    int[] made = info.picks.stream().mapToInt(p -> p.created.number).toArray();
    assertThat(parentOf(made[0])).isEqualTo(branchTip);
    assertThat(parentOf(made[1])).isEqualTo(commitOf(made[0]));
    assertThat(parentOf(made[2])).isEqualTo(commitOf(made[1]));
    for (int i = 0; i < 3; i++) {
      ChangeInfo c = gApi.changes().id(made[i]).get();
      assertThat(c.branch).isEqualTo(BRANCH);
      assertThat(c.topic).isEqualTo(topic);
      assertThat(c.changeId).isEqualTo(info.picks.get(i).source.changeId);
      assertThat(info.picks.get(i).created.url)
          .isEqualTo(canonicalWebUrl.get() + "c/" + demo.get() + "/+/" + made[i]);
    }
    assertThat(gApi.changes().id(backport._number).get().topic).isEqualTo(topic);

    // The plugin re-checked the backport: its prerequisite is now open on the branch.
    awaitEvaluations();
    assertThat(lastComment(backport)).contains("change " + made[2]);
    assertThat(vote(backport)).isEqualTo(-1);

    // They land in order; the backport is re-voted.
    for (int number : made) {
      merge(gApi.changes().id(number).get());
      awaitEvaluations();
    }
    assertWithMessage(lastComment(backport)).that(vote(backport)).isEqualTo(0);
  }

  private static PickPrerequisitesInfo reparse(RestResponse r, String body) throws Exception {
    assertWithMessage(body).that(r.getStatusCode()).isEqualTo(200);
    return newGson().fromJson(body.substring(body.indexOf('\n') + 1), PickPrerequisitesInfo.class);
  }

  @Test
  public void aConflictMidwayStopsNamingItAndListingWhatWasMade() throws Exception {
    // Shadows the test's project: a short name, as the docs show this answer.
    Project.NameKey project = projectOperations.newProject().name("demo-conflict").create();
    createBranch(project, BRANCH);
    // The branch already has m.txt, with other content: the middle pick conflicts.
    pushFile(project, BRANCH, "m.txt", "something else\n");
    ChangeInfo base = merged(project, message("Base"), "base.txt");
    ChangeInfo middle = merged(project, message("Middle", "Depends-On: " + base.changeId), "m.txt");
    ChangeInfo top = merged(project, message("Top", "Depends-On: " + middle.changeId), "top.txt");
    ChangeInfo backport = backportIn(project, top);

    RestResponse r = adminRestSession.post(url(backport), ImmutableMap.of());

    String body = r.getEntityContent();
    System.out.println("CONFLICT answer " + r.getStatusCode() + ":\n" + body);
    assertWithMessage(body).that(r.getStatusCode()).isEqualTo(409);
    assertThat(body)
        .contains(
            "Stopped at change "
                + middle._number
                + " in "
                + project.get()
                + " ("
                + middle.changeId
                + "): Gerrit refused to cherry-pick it onto "
                + BRANCH);
    assertThat(body).contains("Cherry pick failed");
    List<ChangeInfo> made =
        onBranch(project).stream().filter(c -> c.changeId.equals(base.changeId)).toList();
    assertThat(made).hasSize(1);
    assertThat(body).contains("* change " + made.get(0)._number + " copies change " + base._number);
    assertThat(body).contains("Not tried: change " + top._number);
    assertThat(made.get(0).status.name()).isEqualTo("NEW");
    assertThat(made.get(0).topic).isEqualTo("backport-" + backport._number);
    // Only the base was made, and the backport joined its topic.
    assertThat(onBranch(project).stream().map(c -> c.changeId).toList())
        .containsExactly(base.changeId, backport.changeId);
    assertThat(gApi.changes().id(backport._number).get().topic)
        .isEqualTo("backport-" + backport._number);
  }

  @Test
  public void aDryRunShowsThePlanAndMakesNothing() throws Exception {
    // Shadows the test's project: a short name, as the docs show this answer.
    Project.NameKey project = projectOperations.newProject().name("demo-dry-run").create();
    createBranch(project, BRANCH);
    ChangeInfo base = merged(project, message("Base"), "base.txt");
    ChangeInfo top = merged(project, message("Top", "Depends-On: " + base.changeId), "top.txt");
    ChangeInfo backport = backportIn(project, top);

    RestResponse r = adminRestSession.post(url(backport), ImmutableMap.of("dry_run", true));
    String body = r.getEntityContent();
    System.out.println("DRY-RUN answer:\n" + body);
    PickPrerequisitesInfo info = reparse(r, body);

    assertThat(info.dryRun).isTrue();
    assertThat(info.picks.stream().map(p -> p.source.changeId).toList())
        .containsExactly(base.changeId, top.changeId)
        .inOrder();
    assertThat(info.picks.stream().allMatch(p -> p.created == null)).isTrue();
    assertThat(info.picks.get(1).stackedOn).isEqualTo(base.changeId);
    assertThat(info.topic).isEqualTo("backport-" + backport._number);
    assertThat(onBranch(project)).hasSize(1);
    assertThat(gApi.changes().id(backport._number).get().topic).isNull();
  }

  @Test
  public void aCallerWhoMayNotCreateChangesOnTheBranchIsRefusedAndNothingIsMade() throws Exception {
    // Shadows the test's project: a short name, as the docs show this answer.
    Project.NameKey project = projectOperations.newProject().name("demo-forbidden").create();
    createBranch(project, BRANCH);
    ChangeInfo base = merged(project, message("Base"), "base.txt");
    ChangeInfo backport = backportIn(project, base);
    projectOperations
        .project(project)
        .forUpdate()
        .add(block(Permission.PUSH).ref("refs/for/refs/heads/" + BRANCH).group(REGISTERED_USERS))
        .update();

    RestResponse r = userRestSession.post(url(backport), ImmutableMap.of());

    String body = r.getEntityContent();
    System.out.println("FORBIDDEN answer " + r.getStatusCode() + ":\n" + body);
    assertWithMessage(body).that(r.getStatusCode()).isEqualTo(403);
    assertThat(body).contains("Stopped at change " + base._number);
    assertThat(body).contains("not permitted");
    assertThat(body).contains("Nothing was made.");
    assertThat(onBranch(project)).hasSize(1);
    assertThat(gApi.changes().id(backport._number).get().topic).isNull();
  }

  @Test
  public void aPrerequisiteTheCallerCannotReadIsNeitherPickedNorNamed() throws Exception {
    Project.NameKey lib = projectOperations.newProject().create();
    createBranch(lib, BRANCH);
    createBranch(project, BRANCH);
    AccountGroup.UUID blocked =
        groupOperations.newGroup().name(name("blocked")).addMember(user.id()).create();
    projectOperations
        .project(lib)
        .forUpdate()
        .add(block(Permission.READ).ref("refs/*").group(blocked))
        .update();
    ChangeInfo hidden = merged(lib, message("Library"), "lib.txt");
    ChangeInfo seen = merged(project, message("Seen"), "seen.txt");
    ChangeInfo backport = backportOf(seen, hidden);
    assertThat(lastComment(backport)).contains("change " + hidden._number + " in " + lib.get());

    RestResponse r = userRestSession.post(url(backport), ImmutableMap.of());
    String body = r.getEntityContent();
    PickPrerequisitesInfo info = reparse(r, body);

    assertThat(info.picks.stream().map(p -> p.source.changeId).toList())
        .containsExactly(seen.changeId);
    assertThat(info.withheld).isEqualTo(1);
    assertThat(body).doesNotContain(hidden.changeId);
    assertThat(body).doesNotContain(lib.get());
    assertThat(body).doesNotContain("/" + hidden._number);
    assertThat(onBranch(lib)).isEmpty();
    // The backport is admin's: the user may not set its topic, and is told so.
    assertThat(info.topicOnBackport).isEqualTo("not_allowed");
    ChangeInfo made = gApi.changes().id(info.picks.get(0).created.number).get();
    assertThat(made.owner._accountId).isEqualTo(user.id().get());
  }

  @Test
  public void prerequisitesAlreadyOpenOnTheBranchAreSkipped() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo base = merged(project, message("Base"), "base.txt");
    ChangeInfo openPick = cherryPick(base);
    ChangeInfo top = merged(project, message("Top", "Depends-On: " + base.changeId), "top.txt");
    ChangeInfo backport = backportOf(top);

    RestResponse r = adminRestSession.post(url(backport), ImmutableMap.of());
    PickPrerequisitesInfo info = reparse(r, r.getEntityContent());

    assertThat(info.picks.stream().map(p -> p.source.changeId).toList())
        .containsExactly(top.changeId);
    assertThat(info.skipped).hasSize(1);
    assertThat(info.skipped.get(0).change.changeId).isEqualTo(base.changeId);
    assertThat(info.skipped.get(0).change.number).isEqualTo(openPick._number);
    assertThat(info.skipped.get(0).reason).isEqualTo("open_on_branch");
    assertThat(onBranch(project).stream().filter(c -> c.changeId.equals(base.changeId)).toList())
        .hasSize(1);
  }

  @Test
  public void aCycleIsRefusedWithItsPathAndNothingIsMade() throws Exception {
    createBranch(project, BRANCH);
    String backportId = newChangeId();
    ChangeInfo other = merged(project, message("Other half", "Depends-On: " + backportId), "o.txt");
    ChangeInfo backport =
        change(
            project,
            BRANCH,
            messageWithId("One half", backportId, "Depends-On: " + other.changeId),
            "half.txt");
    awaitEvaluations();

    RestResponse r = adminRestSession.post(url(backport), ImmutableMap.of());

    String body = r.getEntityContent();
    assertWithMessage(body).that(r.getStatusCode()).isEqualTo(409);
    assertThat(body).contains("no order exists");
    assertThat(body)
        .contains(
            "the backport -> change "
                + other._number
                + " in "
                + project.get()
                + " -> the backport");
    assertThat(onBranch(project)).hasSize(1);
  }

  @Test
  public void aTopicSomeoneElseAlreadyUsesIsNotPutOnTheBackport() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo base = merged(project, message("Base"), "base.txt");
    ChangeInfo backport = backportOf(base);
    // The attacker knows the default topic (backport-<number>) and squats on it with a change of
    // their own, private so that the backport's owner cannot even see it. With
    // change.submitWholeTopic, the backport would be submitted with it (or held up by it).
    String squatted = "backport-" + backport._number;
    requestScopeOperations.setApiUser(user.id());
    com.google.gerrit.extensions.common.ChangeInput in =
        new com.google.gerrit.extensions.common.ChangeInput(project.get(), BRANCH, "Squat");
    in.topic = squatted;
    in.isPrivate = true;
    ChangeInfo squat = gApi.changes().create(in).get();
    requestScopeOperations.setApiUser(admin.id());

    RestResponse r = adminRestSession.post(url(backport), ImmutableMap.of());
    String body = r.getEntityContent();
    assertWithMessage(body).that(r.getStatusCode()).isEqualTo(409);
    assertThat(body).contains(squatted);
    assertThat(body).doesNotContain(Integer.toString(squat._number));
    assertThat(gApi.changes().id(backport._number).get().topic).isNull();
    // Nothing was made. Asked as the squatter, who sees their private change on every release
    // (an administrator sees others' private changes only from Gerrit 3.12).
    requestScopeOperations.setApiUser(user.id());
    assertThat(onBranch(project).stream().map(c -> c._number).toList())
        .containsExactly(backport._number, squat._number);
    requestScopeOperations.setApiUser(admin.id());

    // Nor the topic the caller gives, if it is in use.
    r = adminRestSession.post(url(backport), ImmutableMap.of("topic", squatted));
    assertWithMessage(r.getEntityContent()).that(r.getStatusCode()).isEqualTo(409);
    // A fresh one is used.
    r = adminRestSession.post(url(backport), ImmutableMap.of("topic", "fresh-" + backport._number));
    PickPrerequisitesInfo info = reparse(r, r.getEntityContent());
    assertThat(info.topicOnBackport).isEqualTo("set");
    assertThat(gApi.changes().id(backport._number).get().topic)
        .isEqualTo("fresh-" + backport._number);
  }

  @Test
  public void aTopicGerritWouldRefuseIsRefusedBeforeAnythingIsMade() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo base = merged(project, message("Base"), "base.txt");
    ChangeInfo backport = backportOf(base);
    // Gerrit's cherry-pick takes any topic, but setting it on the backport refuses one this long:
    // the picks would be made and the run end in an error that does not list them.
    String huge = "t".repeat(com.google.gerrit.server.ChangeUtil.TOPIC_MAX_LENGTH + 1);

    RestResponse r = adminRestSession.post(url(backport), ImmutableMap.of("topic", huge));

    assertWithMessage(r.getEntityContent()).that(r.getStatusCode()).isEqualTo(400);
    assertThat(r.getEntityContent()).contains("topic");
    assertThat(r.getEntityContent().length()).isLessThan(1000);
    assertThat(onBranch(project).stream().map(c -> c._number).toList())
        .containsExactly(backport._number);
  }
}
