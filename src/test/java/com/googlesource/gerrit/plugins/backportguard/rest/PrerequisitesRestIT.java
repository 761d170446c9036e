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

package com.googlesource.gerrit.plugins.backportguard.rest;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.block;
import static com.google.gerrit.server.group.SystemGroupBackend.ANONYMOUS_USERS;
import static com.google.gerrit.server.group.SystemGroupBackend.REGISTERED_USERS;

import com.google.gerrit.acceptance.RestResponse;
import com.google.gerrit.entities.AccountGroup;
import com.google.gerrit.entities.Permission;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** {@code GET .../backport-guard~prerequisites} and {@code POST .../backport-guard~check}. */
public class PrerequisitesRestIT extends BackportGuardTestBase {
  static final String EXTERNAL = "https://other-gerrit.example.org/r/c/project/+/12345";

  static String url(ChangeInfo c, String revision, String view) {
    return "/changes/" + c.id + "/revisions/" + revision + "/backport-guard~" + view;
  }

  static JsonObject json(RestResponse r) throws Exception {
    r.assertOK();
    return JsonParser.parseReader(r.getReader()).getAsJsonObject();
  }

  private JsonObject get(ChangeInfo c) throws Exception {
    return json(adminRestSession.get(url(c, "current", "prerequisites")));
  }

  private static List<Integer> numbers(JsonArray refs, String field) {
    List<Integer> out = new ArrayList<>();
    for (JsonElement e : refs) {
      JsonObject o = e.getAsJsonObject();
      out.add((field == null ? o : o.getAsJsonObject(field)).get("number").getAsInt());
    }
    return out;
  }

  @Test
  public void aBlockedBackportNamesWhatIsMissingWithItsChainInLandingOrder() throws Exception {
    // Short names: the answer is the example of rest-api.md.
    Project.NameKey demo = projectOperations.newProject().name("demo").create();
    Project.NameKey lib = projectOperations.newProject().name("lib").create();
    createBranch(lib, BRANCH);
    createBranch(demo, BRANCH);
    ChangeInfo base = create(lib, "master", message("Library API"));
    merge(base);
    ChangeInfo middle =
        create(demo, "master", message("Use the API", "Depends-On: " + base.changeId));
    merge(middle);
    ChangeInfo top =
        create(
            demo,
            BRANCH,
            message(
                "Use it",
                "Depends-On: " + middle.changeId,
                "Depends-On: " + EXTERNAL,
                "Depends-On: bogus"));
    awaitEvaluations();

    RestResponse raw = adminRestSession.get(url(top, "current", "prerequisites"));
    // The example of rest-api.md comes from here (target/surefire-reports/*-output.txt).
    System.out.println("EXAMPLE GET " + url(top, "current", "prerequisites") + "\n");
    raw.assertOK();
    String body = raw.getEntityContent();
    System.out.println(body);
    JsonObject info =
        JsonParser.parseString(body.substring(body.indexOf('\n') + 1)).getAsJsonObject();

    assertThat(vote(top)).isEqualTo(-1);
    assertThat(info.get("project").getAsString()).isEqualTo(demo.get());
    assertThat(info.get("change").getAsInt()).isEqualTo(top._number);
    assertThat(info.get("patch_set").getAsInt()).isEqualTo(1);
    assertThat(info.get("branch").getAsString()).isEqualTo(BRANCH);
    assertThat(info.get("backport").getAsBoolean()).isTrue();
    assertThat(info.get("backport_reason").getAsString()).isEqualTo("not_default_branch");
    JsonObject outcome = info.getAsJsonObject("outcome");
    assertThat(outcome.get("status").getAsString()).isEqualTo("blocked");
    assertThat(outcome.get("vote").getAsInt()).isEqualTo(-1);
    assertThat(outcome.get("passes").getAsBoolean()).isFalse();
    assertThat(outcome.get("missing").getAsInt()).isEqualTo(1);

    JsonArray deps = info.getAsJsonArray("dependencies");
    assertThat(deps.size()).isEqualTo(2);
    JsonObject first = deps.get(0).getAsJsonObject();
    assertThat(first.get("line").getAsString()).isEqualTo("Depends-On: " + middle.changeId);
    assertThat(first.get("form").getAsString()).isEqualTo("change_id");
    JsonObject p = first.getAsJsonArray("prerequisites").get(0).getAsJsonObject();
    assertThat(p.get("state").getAsString()).isEqualTo("not_backported");
    assertThat(p.get("result").getAsString()).isEqualTo("missing");
    assertThat(p.get("description").getAsString())
        .isEqualTo(
            "change "
                + middle._number
                + " merged on master but was never cherry-picked onto "
                + BRANCH);
    assertThat(p.get("action").getAsString())
        .isEqualTo(
            "cherry-pick change " + middle._number + " onto " + BRANCH + " and merge it first");
    JsonObject change = p.getAsJsonObject("change");
    assertThat(change.get("number").getAsInt()).isEqualTo(middle._number);
    assertThat(change.get("branch").getAsString()).isEqualTo("master");
    assertThat(change.get("status").getAsString()).isEqualTo("merged");
    assertThat(change.get("url").getAsString()).isEqualTo(link(middle));
    assertThat(numbers(p.getAsJsonArray("chain"), "change")).containsExactly(base._number);
    assertThat(p.getAsJsonArray("needed_by").get(0).getAsJsonObject().get("self").getAsBoolean())
        .isTrue();
    assertThat(deps.get(1).getAsJsonObject().get("form").getAsString()).isEqualTo("external");

    // Landing order: the deepest first, each with what needs it.
    JsonArray order = info.getAsJsonArray("landing_order");
    assertThat(numbers(order, "change")).containsExactly(base._number, middle._number).inOrder();
    JsonObject deepest = order.get(0).getAsJsonObject();
    assertThat(deepest.getAsJsonObject("change").get("project").getAsString()).isEqualTo(lib.get());
    assertThat(numbers(deepest.getAsJsonArray("needed_by"), null)).containsExactly(middle._number);
    assertThat(numbers(info.getAsJsonArray("cherry_pick_plan"), null))
        .containsExactly(base._number, middle._number)
        .inOrder();
    assertThat(info.getAsJsonArray("external").get(0).getAsString()).isEqualTo(EXTERNAL);
    JsonObject bogus = info.getAsJsonArray("not_understood").get(0).getAsJsonObject();
    assertThat(bogus.get("line").getAsString()).isEqualTo("Depends-On: bogus");
    assertThat(bogus.get("reason").getAsString()).isNotEmpty();
    assertThat(info.has("cycle")).isFalse();
    assertThat(info.has("withheld")).isFalse();
  }

  @Test
  public void aCycleIsAPathBackToTheChange() throws Exception {
    createBranch(project, BRANCH);
    String topId = newChangeId();
    ChangeInfo other = create("master", message("Other half", "Depends-On: " + topId));
    ChangeInfo top =
        create(BRANCH, messageWithId("One half", topId, "Depends-On: " + other.changeId));
    awaitEvaluations();

    JsonObject info = get(top);

    assertThat(vote(top)).isEqualTo(-1);
    assertThat(info.getAsJsonObject("outcome").get("passes").getAsBoolean()).isFalse();
    JsonArray cycle = info.getAsJsonArray("cycle");
    assertThat(numbers(cycle, null)).containsExactly(top._number, other._number, top._number);
    assertThat(cycle.get(0).getAsJsonObject().get("self").getAsBoolean()).isTrue();
    assertThat(info.has("landing_order")).isFalse();
    assertThat(info.has("cherry_pick_plan")).isFalse();
  }

  @Test
  public void notABackportAndDeclaringNothingSayWhy() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo onMaster = create("master", message("On master", "Depends-On: I1234567"));
    ChangeInfo nothing = create(BRANCH, message("Nothing declared"));
    awaitEvaluations();

    JsonObject a = get(onMaster);
    assertThat(a.get("backport").getAsBoolean()).isFalse();
    assertThat(a.has("backport_reason")).isFalse();
    assertThat(a.getAsJsonObject("outcome").get("status").getAsString()).isEqualTo("not_backport");
    assertThat(a.getAsJsonObject("outcome").get("vote").getAsInt()).isEqualTo(0);
    assertThat(a.getAsJsonObject("outcome").get("passes").getAsBoolean()).isTrue();
    assertThat(a.getAsJsonArray("dependencies").get(0).getAsJsonObject().get("form").getAsString())
        .isEqualTo("change_id_prefix");

    JsonObject b = get(nothing);
    assertThat(b.get("backport").getAsBoolean()).isTrue();
    assertThat(b.getAsJsonObject("outcome").get("status").getAsString())
        .isEqualTo("declares_nothing");
    assertThat(b.has("dependencies")).isFalse();
  }

  @Test
  public void onlyTheCurrentPatchSetIsAnswered() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo c = create(BRANCH, message("First"));
    gApi.changes().id(c.id).setMessage(messageWithId("Second", c.changeId));
    awaitEvaluations();

    RestResponse r = adminRestSession.get(url(c, "1", "prerequisites"));

    r.assertConflict();
    assertThat(r.getEntityContent())
        .isEqualTo("backport-guard checks only the current patch set 2");
  }

  @Test
  public void anAnonymousReaderOfAPublicChangeIsAnswered() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo c = backport(prerequisite.changeId);

    JsonObject info = json(anonymousRestSession.get(url(c, "current", "prerequisites")));

    assertThat(info.getAsJsonObject("outcome").get("vote").getAsInt()).isEqualTo(vote(c));
    assertThat(numbers(info.getAsJsonArray("cherry_pick_plan"), null))
        .containsExactly(prerequisite._number);
  }

  @Test
  public void aCallerIsNotToldWhatTheyCannotReadEvenWhereTheCommentMayNameIt() throws Exception {
    // Every registered user reads the library, but a BLOCK keeps the attacker out: the comment
    // names the prerequisite (its readers may read it), the attacker's answer must not.
    Project.NameKey lib = projectOperations.newProject().create();
    AccountGroup.UUID outsiders = groupOperations.newGroup().addMember(user.id()).create();
    projectOperations
        .project(lib)
        .forUpdate()
        .add(block(Permission.READ).ref("refs/*").group(outsiders))
        .update();
    createBranch(lib, BRANCH);
    createBranch(project, BRANCH);
    ChangeInfo hidden = create(lib, "master", message("Secret subject xyzzy"));
    merge(hidden);
    ChangeInfo c = backport(hidden.changeId);
    assertThat(lastComment(c)).contains("change " + hidden._number + " in " + lib.get());

    JsonObject seen = json(userRestSession.get(url(c, "current", "prerequisites")));

    // The same outcome as the plugin's vote...
    assertThat(vote(c)).isEqualTo(-1);
    assertThat(seen.getAsJsonObject("outcome").get("vote").getAsInt()).isEqualTo(-1);
    assertThat(seen.getAsJsonObject("outcome").get("passes").getAsBoolean()).isFalse();
    assertThat(seen.get("withheld").getAsInt()).isEqualTo(1);
    JsonObject p =
        seen.getAsJsonArray("dependencies")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("prerequisites")
            .get(0)
            .getAsJsonObject();
    assertThat(p.get("state").getAsString()).isEqualTo("not_found");
    // ...and no trace of the hidden change beyond the footer line the caller can read anyway.
    seen.getAsJsonArray("dependencies").get(0).getAsJsonObject().remove("line");
    String text = seen.toString();
    assertThat(text).doesNotContain(lib.get());
    assertThat(text).doesNotContain("xyzzy");
    assertThat(text).doesNotContain(hidden.changeId);
    assertThat(text).doesNotContain("/+/" + hidden._number);
    assertThat(text).doesNotContain("\"number\":" + hidden._number);

    // The admin, who can read it, is told.
    assertThat(get(c).toString()).contains(lib.get());
  }

  @Test
  public void copiesOnOtherBranchesAreNamedOnlyWhereTheCallerReads() throws Exception {
    // Every registered user reads wmf/1.1, so the comment's readers may be told of a copy there;
    // a BLOCK keeps the attacker out of that branch alone.
    AccountGroup.UUID outsiders = groupOperations.newGroup().addMember(user.id()).create();
    projectOperations
        .project(project)
        .forUpdate()
        .add(block(Permission.READ).ref("refs/heads/wmf/1.1").group(outsiders))
        .update();
    createBranch(project, BRANCH);
    createBranch(project, "wmf/0.9");
    createBranch(project, "wmf/1.1");
    ChangeInfo prerequisite = create("master", message("Add the helper"));
    merge(prerequisite);
    ChangeInfo old = cherryPickTo(prerequisite, "wmf/0.9");
    merge(old);
    ChangeInfo hidden = cherryPickTo(prerequisite, "wmf/1.1");
    ChangeInfo c = backport(prerequisite.changeId);

    JsonObject p = firstPrerequisite(get(c));
    assertThat(p.get("state").getAsString()).isEqualTo("not_backported");
    assertThat(copies(p))
        .containsExactly(
            prerequisite._number + " master merged",
            old._number + " wmf/0.9 merged",
            hidden._number + " wmf/1.1 open")
        .inOrder();
    JsonObject copy = p.getAsJsonArray("copies").get(1).getAsJsonObject();
    assertThat(copy.get("url").getAsString()).isEqualTo(link(old));
    assertThat(copy.get("change_id").getAsString()).isEqualTo(prerequisite.changeId);
    assertThat(copy.get("project").getAsString()).isEqualTo(project.get());

    JsonObject seen = json(userRestSession.get(url(c, "current", "prerequisites")));
    // The same verdict, less the copy on the branch the caller cannot read.
    assertThat(seen.getAsJsonObject("outcome").get("vote").getAsInt()).isEqualTo(vote(c));
    assertThat(seen.has("withheld")).isFalse();
    JsonObject q = firstPrerequisite(seen);
    assertThat(q.get("state").getAsString()).isEqualTo("not_backported");
    assertThat(copies(q))
        .containsExactly(prerequisite._number + " master merged", old._number + " wmf/0.9 merged")
        .inOrder();
    String text = seen.toString();
    assertThat(text).doesNotContain("wmf/1.1");
    assertThat(text).doesNotContain("/+/" + hidden._number);
    assertThat(text).doesNotContain("\"number\":" + hidden._number);
  }

  private static JsonObject firstPrerequisite(JsonObject info) {
    return info.getAsJsonArray("dependencies")
        .get(0)
        .getAsJsonObject()
        .getAsJsonArray("prerequisites")
        .get(0)
        .getAsJsonObject();
  }

  private static List<String> copies(JsonObject prerequisite) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : prerequisite.getAsJsonArray("copies")) {
      JsonObject o = e.getAsJsonObject();
      out.add(
          o.get("number").getAsInt()
              + " "
              + o.get("branch").getAsString()
              + " "
              + o.get("status").getAsString());
    }
    return out;
  }

  @Test
  public void aPrerequisiteInAProjectOnlyTheAdminReadsIsNotNamed() throws Exception {
    Project.NameKey secret = projectOperations.newProject().create();
    projectOperations
        .project(secret)
        .forUpdate()
        .add(block(Permission.READ).ref("refs/*").group(REGISTERED_USERS))
        .add(block(Permission.READ).ref("refs/*").group(ANONYMOUS_USERS))
        .add(
            com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.allow(Permission.READ)
                .ref("refs/*")
                .group(adminGroupUuid()))
        .update();
    createBranch(project, BRANCH);
    ChangeInfo hidden = create(secret, "master", message("Secret subject plugh"));
    merge(hidden);
    ChangeInfo c = backport(secret.get() + "~" + hidden._number);

    for (JsonObject seen :
        List.of(json(userRestSession.get(url(c, "current", "prerequisites"))), get(c))) {
      JsonObject p =
          seen.getAsJsonArray("dependencies")
              .get(0)
              .getAsJsonObject()
              .getAsJsonArray("prerequisites")
              .get(0)
              .getAsJsonObject();
      assertThat(p.get("state").getAsString()).isEqualTo("not_found");
      seen.getAsJsonArray("dependencies").get(0).getAsJsonObject().remove("line");
      assertThat(seen.toString()).doesNotContain(secret.get());
      assertThat(seen.toString()).doesNotContain("plugh");
      assertThat(seen.toString()).doesNotContain(hidden.changeId);
    }
  }

  @Test
  public void aPlainUserAsksForAFreshCheckOncePerWindow() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo c = backport(prerequisite.changeId);
    assertThat(vote(c)).isEqualTo(-1);
    // The vote goes stale while the plugin cannot act.
    accountOperations.account(bot).forUpdate().inactive().update();
    merge(cherryPick(prerequisite));
    awaitEvaluations();
    accountOperations.account(bot).forUpdate().active().update();
    assertThat(vote(c)).isEqualTo(-1);

    JsonObject info = json(userRestSession.post(url(c, "current", "check")));

    assertThat(vote(c)).isEqualTo(0);
    assertThat(info.getAsJsonObject("outcome").get("status").getAsString()).isEqualTo("pass");
    assertThat(info.getAsJsonObject("outcome").get("vote").getAsInt()).isEqualTo(0);
    assertThat(lastComment(c)).contains("the prerequisite is merged on " + BRANCH);

    RestResponse again = userRestSession.post(url(c, "current", "check"));
    again.assertStatus(429);
    assertThat(again.getEntityContent()).contains("ask again in");
    adminRestSession.post(url(c, "current", "check")).assertStatus(429);
    anonymousRestSession.post(url(c, "current", "check")).assertForbidden();
  }

  @Test
  public void oneCallerCannotForceChecksOnEveryChangeTheyRead() throws Exception {
    // One check per change per window is no bound for a caller who reads many changes: each
    // request makes the plugin check (and perhaps post) anew, ahead of the events it must follow.
    List<ChangeInfo> changes = new ArrayList<>();
    for (int i = 0; i <= PostCheck.CHECKS_PER_CALLER; i++) {
      changes.add(create("master", message("Change " + i)));
    }
    awaitEvaluations();
    for (int i = 0; i < PostCheck.CHECKS_PER_CALLER; i++) {
      RestResponse r = userRestSession.post(url(changes.get(i), "current", "check"));
      assertWithMessage(r.getEntityContent()).that(r.getStatusCode()).isEqualTo(200);
    }
    ChangeInfo last = changes.get(PostCheck.CHECKS_PER_CALLER);

    RestResponse refused = userRestSession.post(url(last, "current", "check"));

    assertWithMessage(refused.getEntityContent()).that(refused.getStatusCode()).isEqualTo(429);
    assertThat(refused.getEntityContent()).contains("ask again in");
    // Another caller is not held back by it, nor is the change.
    adminRestSession.post(url(last, "current", "check")).assertOK();
  }

  @Test
  public void aCheckAskedWhileOneIsQueuedJoinsIt() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo c = backport(prerequisite.changeId);
    java.util.concurrent.CountDownLatch release = holdQueue();
    java.util.concurrent.CompletableFuture<?> queued =
        queue().submit(Project.nameKey(c.project), com.google.gerrit.entities.Change.id(c._number));
    java.util.concurrent.CompletableFuture<RestResponse> asked =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return userRestSession.post(url(c, "current", "check"));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(1000);
    // One waiting evaluation for the change, whoever asked.
    assertThat(queue().size()).isEqualTo(1);
    assertThat(asked.isDone()).isFalse();
    release.countDown();

    json(asked.get());
    assertThat(queued.isDone()).isTrue();
  }
}
