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

package com.googlesource.gerrit.plugins.backportguard.neededby;

import static com.google.common.truth.Truth.assertThat;
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.allow;
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.block;
import static com.google.gerrit.server.group.SystemGroupBackend.ANONYMOUS_USERS;

import com.google.gerrit.acceptance.RestResponse;
import com.google.gerrit.acceptance.RestSession;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Permission;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.server.change.ChangeResource;
import com.google.gerrit.server.index.change.ChangeIndex;
import com.google.gerrit.server.index.change.ChangeIndexCollection;
import com.google.gerrit.server.restapi.change.ChangesCollection;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.Before;
import org.junit.Test;

/** {@code GET /changes/{change-id}/backport-guard~needed-by}, on a real server. */
public class NeededByIT extends BackportGuardTestBase {
  @Inject private ChangeIndexCollection changeIndexes;
  @Inject private ChangesCollection changes;

  private ChangeInfo prerequisite;
  private ChangeInfo byId;
  private ChangeInfo byNumber;
  private ChangeInfo byUrl;

  @Before
  public void dependents() throws Exception {
    prerequisite = prerequisiteMergedAfterCut();
    byId = create(BRANCH, message("By Change-Id", "Depends-On: " + prerequisite.changeId));
    byNumber = create(BRANCH, message("By number", "Depends-On: " + prerequisite._number));
    byUrl = create(BRANCH, message("By link", "Depends-On: " + link(prerequisite)));
    ChangeInfo abandoned =
        create(BRANCH, message("Abandoned", "Depends-On: " + prerequisite.changeId));
    create(BRANCH, message("Prose", "This depends on " + prerequisite.changeId + " in prose."));
    abandon(abandoned);
    awaitEvaluations();
  }

  private static JsonArray neededBy(RestSession session, ChangeInfo c, String params)
      throws Exception {
    RestResponse r = session.get("/changes/" + c.id + "/backport-guard~needed-by" + params);
    r.assertOK();
    return JsonParser.parseReader(r.getReader()).getAsJsonArray();
  }

  private static List<Integer> numbers(JsonArray a) {
    return StreamSupport.stream(a.spliterator(), false)
        .map(e -> e.getAsJsonObject().get("_number").getAsInt())
        .sorted()
        .toList();
  }

  private static List<Integer> numbersOf(ChangeInfo... changes) {
    return Arrays.stream(changes).map(c -> c._number).sorted().toList();
  }

  @Test
  public void listsTheOpenChangesThatDeclareItInAnyFormWithTheirOutcome() throws Exception {
    JsonArray all = neededBy(adminRestSession, prerequisite, "");

    assertThat(numbers(all)).containsExactlyElementsIn(numbersOf(byId, byNumber, byUrl));
    for (JsonElement e : all) {
      JsonObject o = e.getAsJsonObject();
      assertThat(o.get("project").getAsString()).isEqualTo(project.get());
      assertThat(o.get("branch").getAsString()).isEqualTo(BRANCH);
      assertThat(o.get("status").getAsString()).isEqualTo("NEW");
      assertThat(o.get("outcome").getAsString()).isEqualTo("missing");
      assertThat(o.get("missing").getAsInt()).isEqualTo(1);
      assertThat(o.get("url").getAsString())
          .isEqualTo(canonicalWebUrl.get() + "c/" + project.get() + "/+/" + o.get("_number"));
      assertThat(o.has("_more_changes")).isFalse();
    }
    System.out.println(
        "needed-by example: GET /changes/"
            + prerequisite._number
            + "/backport-guard~needed-by?n=2\n"
            + neededBy(adminRestSession, prerequisite, "?n=2"));
  }

  @Test
  public void pagesWithNAndS() throws Exception {
    JsonArray first = neededBy(adminRestSession, prerequisite, "?n=2");
    JsonArray second = neededBy(adminRestSession, prerequisite, "?n=2&S=2");

    assertThat(first.size()).isEqualTo(2);
    assertThat(first.get(1).getAsJsonObject().get("_more_changes").getAsBoolean()).isTrue();
    assertThat(second.size()).isEqualTo(1);
    assertThat(second.get(0).getAsJsonObject().has("_more_changes")).isFalse();
    List<Integer> both = new ArrayList<>(numbers(first));
    both.addAll(numbers(second));
    assertThat(both).containsExactlyElementsIn(numbersOf(byId, byNumber, byUrl));
  }

  /** The index queries of one call, counted at Gerrit's change index on the test's thread. */
  @Test
  public void costsTwoIndexQueries() throws Exception {
    AtomicInteger queries = new AtomicInteger();
    ChangeIndex original = changeIndexes.getSearchIndex();
    Thread me = Thread.currentThread();
    changeIndexes.setSearchIndex(
        (ChangeIndex)
            Proxy.newProxyInstance(
                ChangeIndex.class.getClassLoader(),
                new Class<?>[] {ChangeIndex.class},
                (proxy, method, args) -> {
                  if (Set.of("getSource", "get", "getRaw").contains(method.getName())
                      && Thread.currentThread() == me) {
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
      // The view itself, on this thread, for the change resource Gerrit resolved already.
      ChangeResource rsrc = changes.parse(Change.id(prerequisite._number));
      NeededBy view = plugin.getSysInjector().getInstance(NeededBy.class);
      view.apply(rsrc); // Warm up.
      queries.set(0);
      long t0 = System.nanoTime();
      assertThat(view.apply(rsrc).value()).hasSize(3);
      long took = System.nanoTime() - t0;
      System.out.printf("needed-by cost: %d index queries, %.1f ms%n", queries.get(), took / 1e6);
      assertThat(queries.get()).isEqualTo(2);
    } finally {
      changeIndexes.setSearchIndex(original, false);
    }
  }

  @Test
  public void aBadPageIsRefused() throws Exception {
    RestResponse r =
        adminRestSession.get("/changes/" + prerequisite.id + "/backport-guard~needed-by?n=0");
    r.assertBadRequest();
    assertThat(r.getEntityContent()).contains("n must be at least 1");
  }

  @Test
  public void aChangeTheCallerCannotSeeIsNotListed() throws Exception {
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
        create(
            secret,
            BRANCH,
            message("Hidden", "Depends-On: " + project.get() + "~" + prerequisite._number));
    awaitEvaluations();

    assertThat(numbers(neededBy(adminRestSession, prerequisite, "")))
        .containsExactlyElementsIn(numbersOf(byId, byNumber, byUrl, hidden));
    assertThat(numbers(neededBy(userRestSession, prerequisite, "")))
        .containsExactlyElementsIn(numbersOf(byId, byNumber, byUrl));
    // Nor can the caller learn of it through the hidden change itself.
    userRestSession
        .get("/changes/" + hidden._number + "/backport-guard~needed-by")
        .assertNotFound();
  }
}
