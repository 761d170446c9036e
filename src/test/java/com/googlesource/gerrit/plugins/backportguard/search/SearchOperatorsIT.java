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

package com.googlesource.gerrit.plugins.backportguard.search;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.allow;
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.block;
import static com.google.gerrit.server.group.SystemGroupBackend.ANONYMOUS_USERS;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gerrit.acceptance.RestResponse;
import com.google.gerrit.acceptance.RestSession;
import com.google.gerrit.entities.Permission;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.server.index.change.ChangeIndex;
import com.google.gerrit.server.index.change.ChangeIndexCollection;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import com.googlesource.gerrit.plugins.backportguard.query.QueryTerms;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URLEncoder;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.Before;
import org.junit.Test;

/** The plugin's search operators, on a real server's index, as a dashboard would use them. */
public class SearchOperatorsIT extends BackportGuardTestBase {
  private static final Set<String> QUERIES = Set.of("getSource", "get", "getRaw");

  @Inject private ChangeIndexCollection changeIndexes;

  private ChangeInfo prerequisite;
  private ChangeInfo byId;
  private ChangeInfo byNumber;
  private ChangeInfo byUrl;
  private ChangeInfo byProjectNumber;
  private ChangeInfo inProse;
  private ChangeInfo passing;

  @Before
  public void backports() throws Exception {
    prerequisite = prerequisiteMergedAfterCut();
    byId = create(BRANCH, message("By Change-Id", "Depends-On: " + prerequisite.changeId));
    byNumber = create(BRANCH, message("By number", "Depends-On: " + prerequisite._number));
    byUrl = create(BRANCH, message("By link", "Depends-On: " + link(prerequisite)));
    byProjectNumber =
        create(
            BRANCH,
            message(
                "By project~number", "Depends-On: " + project.get() + "~" + prerequisite._number));
    inProse =
        create(
            BRANCH,
            message("Prose", "This depends on " + prerequisite.changeId + " only in prose."));
    ChangeInfo other = create("master", message("Another helper"));
    merge(other);
    merge(cherryPick(other));
    passing = create(BRANCH, message("Passing", "Depends-On: " + other.changeId));
    awaitEvaluations();
  }

  /** The numbers of the changes a query lists for the session's user. */
  private static List<Integer> numbers(RestSession session, String query) throws Exception {
    RestResponse r = session.get("/changes/?q=" + URLEncoder.encode(query, UTF_8));
    r.assertOK();
    JsonArray changes = JsonParser.parseReader(r.getReader()).getAsJsonArray();
    return StreamSupport.stream(changes.spliterator(), false)
        .map(JsonElement::getAsJsonObject)
        .map(c -> c.get("_number").getAsInt())
        .sorted()
        .toList();
  }

  private List<Integer> numbers(String query) throws Exception {
    return numbers(adminRestSession, query);
  }

  private static List<Integer> numbersOf(ChangeInfo... changes) {
    return java.util.Arrays.stream(changes).map(c -> c._number).sorted().toList();
  }

  private String refusal(String query) throws Exception {
    RestResponse r = adminRestSession.get("/changes/?q=" + URLEncoder.encode(query, UTF_8));
    r.assertBadRequest();
    return r.getEntityContent();
  }

  @Test
  public void isMissingListsTheBackportsWithAnUnmergedPrerequisite() throws Exception {
    assertThat(numbers("is:missing_backport-guard project:" + project.get()))
        .containsExactlyElementsIn(numbersOf(byId, byNumber, byUrl, byProjectNumber));
    assertThat(numbers("is:open outcome_backport-guard:missing project:" + project.get()))
        .containsExactlyElementsIn(numbersOf(byId, byNumber, byUrl, byProjectNumber));
  }

  @Test
  public void outcomeListsTheChangesWithThatStoredOutcome() throws Exception {
    assertThat(numbers("outcome_backport-guard:passes project:" + project.get()))
        .containsExactlyElementsIn(numbersOf(passing));
    assertThat(numbers("is:open outcome_backport-guard:no-dependency project:" + project.get()))
        .containsExactlyElementsIn(numbersOf(inProse));

    merge(cherryPick(prerequisite));
    awaitEvaluations();

    assertThat(numbers("is:missing_backport-guard project:" + project.get())).isEmpty();
  }

  @Test
  public void anUnknownOutcomeIsRefusedWithTheKnownOnes() throws Exception {
    assertThat(refusal("outcome_backport-guard:\"it's \\\"fine\\\"\""))
        .contains("outcome_backport-guard: unknown outcome \"it's \"fine\"\"; use one of passes");
  }

  @Test
  public void needsFindsTheChangesThatDeclareTheChangeInAnyForm() throws Exception {
    List<Integer> declaring = numbersOf(byId, byNumber, byUrl, byProjectNumber);
    for (String form :
        List.of(
            prerequisite.changeId,
            prerequisite.changeId.substring(0, 10),
            Integer.toString(prerequisite._number),
            project.get() + "~" + prerequisite._number,
            project.get() + "~master~" + prerequisite.changeId,
            link(prerequisite))) {
      assertWithMessage(form)
          .that(numbers("needs_backport-guard:" + QueryTerms.quote(form)))
          .containsExactlyElementsIn(declaring);
    }
    // What the dashboard asks: the open backports that still wait for it.
    assertThat(
            numbers(
                "is:open is:missing_backport-guard needs_backport-guard:" + prerequisite._number))
        .containsExactlyElementsIn(declaring);
  }

  @Test
  public void needsRefusesWhatItCannotRead() throws Exception {
    assertThat(refusal("needs_backport-guard:I123"))
        .contains("needs_backport-guard: cannot read \"I123\" as a change: too short");
    assertThat(refusal("needs_backport-guard:\"https://elsewhere.example/c/x/+/1\""))
        .contains("another server");
    assertThat(refusal("needs_backport-guard:999999"))
        .contains("no change \"999999\" that you can see");
  }

  @Test
  public void needsRefusesAnAbbreviationOfSeveralChangeIds() throws Exception {
    String prefix = newChangeId().substring(0, 9);
    create("master", messageWithId("One", prefix + newChangeId().substring(9)));
    create("master", messageWithId("Two", prefix + newChangeId().substring(9)));

    assertThat(refusal("needs_backport-guard:" + prefix))
        .contains("\"" + prefix + "\" abbreviates 2 Change-Ids; write more of it");
  }

  @Test
  public void needsNeitherNamesNorListsWhatTheCallerCannotSee() throws Exception {
    Project.NameKey secret = projectOperations.newProject().create();
    projectOperations
        .project(secret)
        .forUpdate()
        .add(block(Permission.READ).ref("refs/*").group(ANONYMOUS_USERS))
        .add(allow(Permission.READ).ref("refs/*").group(adminGroupUuid()))
        .add(allow(Permission.READ).ref("refs/*").group(bots))
        .update();
    createBranch(secret, BRANCH);
    ChangeInfo hidden =
        create(secret, BRANCH, message("Hidden", "Depends-On: " + prerequisite.changeId));
    ChangeInfo secretPrerequisite = create(secret, "master", message("Secret"));
    awaitEvaluations();

    assertThat(numbers("needs_backport-guard:" + prerequisite.changeId)).contains(hidden._number);
    assertThat(numbers(userRestSession, "needs_backport-guard:" + prerequisite.changeId))
        .containsExactlyElementsIn(numbersOf(byId, byNumber, byUrl, byProjectNumber));

    RestResponse r =
        userRestSession.get("/changes/?q=needs_backport-guard:" + secretPrerequisite._number);
    r.assertBadRequest();
    assertThat(r.getEntityContent()).contains("that you can see");
  }

  /** The index queries each operator costs, counted at Gerrit's change index. */
  @Test
  public void operatorCosts() throws Exception {
    AtomicInteger queries = new AtomicInteger();
    ChangeIndex original = changeIndexes.getSearchIndex();
    Thread me = Thread.currentThread();
    changeIndexes.setSearchIndex(
        (ChangeIndex)
            Proxy.newProxyInstance(
                ChangeIndex.class.getClassLoader(),
                new Class<?>[] {ChangeIndex.class},
                (proxy, method, args) -> {
                  if (QUERIES.contains(method.getName()) && Thread.currentThread() == me) {
                    queries.incrementAndGet();
                  }
                  try {
                    return method.invoke(original, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                }),
        false);
    try {
      for (String q :
          List.of(
              "project:" + project.get(),
              "is:missing_backport-guard project:" + project.get(),
              "outcome_backport-guard:passes project:" + project.get(),
              "needs_backport-guard:" + prerequisite._number,
              "needs_backport-guard:" + prerequisite.changeId)) {
        gApi.changes().query(q).get(); // Warm up.
        queries.set(0);
        long t0 = System.nanoTime();
        int n = gApi.changes().query(q).get().size();
        long took = System.nanoTime() - t0;
        int cost = queries.getAndSet(0);
        System.out.printf(
            "operator cost: %s -> %d changes, %d index queries, %.1f ms%n", q, n, cost, took / 1e6);
        assertThat(cost).isEqualTo(q.startsWith("needs") ? 3 : 1);
      }
    } finally {
      changeIndexes.setSearchIndex(original, false);
    }
  }
}
