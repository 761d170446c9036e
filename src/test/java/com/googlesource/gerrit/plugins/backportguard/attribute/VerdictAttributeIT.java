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

package com.googlesource.gerrit.plugins.backportguard.attribute;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static java.util.stream.Collectors.toMap;

import com.google.common.cache.Cache;
import com.google.gerrit.acceptance.RestResponse;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.server.index.change.ChangeIndex;
import com.google.gerrit.server.index.change.ChangeIndexCollection;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.inject.Inject;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import com.googlesource.gerrit.plugins.backportguard.store.StoredVerdict;
import com.googlesource.gerrit.plugins.backportguard.store.VerdictStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.junit.Test;

/**
 * The {@code backport-guard} entry Gerrit's listings carry per change: what the plugin last
 * decided, from its store, over REST and {@code gerrit query}; and what listing costs.
 */
public class VerdictAttributeIT extends BackportGuardTestBase {
  private static final Set<String> QUERIES = Set.of("getSource", "get", "getRaw");

  @Inject private ChangeIndexCollection changeIndexes;

  /** The plugin's code that may run for a listing (not this test's own frames). */
  private static boolean isPluginCode(String className) {
    String base = "com.googlesource.gerrit.plugins.backportguard.";
    return className.startsWith(base + "attribute.VerdictAttributeFactory")
        || className.startsWith(base + "store.")
        || className.startsWith(base + "resolve.")
        || className.startsWith(base + "recheck.");
  }

  /** The plugin's entry of each change a REST query lists, by change number. */
  private Map<Integer, JsonObject> listed(String query) throws Exception {
    RestResponse r = adminRestSession.get("/changes/?q=" + query.replace(" ", "+"));
    r.assertOK();
    JsonArray changes = JsonParser.parseReader(r.getReader()).getAsJsonArray();
    return StreamSupport.stream(changes.spliterator(), false)
        .map(JsonElement::getAsJsonObject)
        .collect(toMap(c -> c.get("_number").getAsInt(), VerdictAttributeIT::entry));
  }

  static JsonObject entry(JsonObject change) {
    for (JsonElement p : change.getAsJsonArray("plugins")) {
      if (p.getAsJsonObject().get("name").getAsString().equals("backport-guard")) {
        return p.getAsJsonObject();
      }
    }
    throw new AssertionError("no backport-guard entry in " + change);
  }

  private Cache<Change.Id, StoredVerdict> cache() {
    return plugin
        .getSysInjector()
        .getInstance(
            Key.get(
                new TypeLiteral<Cache<Change.Id, StoredVerdict>>() {},
                Names.named(VerdictStore.CACHE)));
  }

  @Test
  public void aListingCarriesTheLastDecisionOfEachChange() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo blocked = backport(prerequisite.changeId);
    ChangeInfo onMaster = create("master", message("Not a backport"));
    awaitEvaluations();

    Map<Integer, JsonObject> entries = listed("project:" + project.get() + " is:open");

    JsonObject b = entries.get(blocked._number);
    assertThat(b.get("outcome").getAsString()).isEqualTo("missing");
    assertThat(b.get("vote").getAsInt()).isEqualTo(-1);
    assertThat(b.get("missing").getAsInt()).isEqualTo(1);
    assertThat(b.get("patch_set").getAsInt()).isEqualTo(1);
    assertThat(b.get("current").getAsBoolean()).isTrue();
    assertThat(b.has("checked")).isTrue();
    assertThat(entries.get(onMaster._number).get("outcome").getAsString())
        .isEqualTo("not-backport");

    merge(cherryPick(prerequisite));
    awaitEvaluations();

    JsonObject after = listed("change:" + blocked._number).get(blocked._number);
    assertThat(after.get("outcome").getAsString()).isEqualTo("passes");
    // passVote is 0 unless a project sets it: the plugin takes its -1 back.
    assertThat(after.get("vote").getAsInt()).isEqualTo(0);
    assertThat(after.get("missing").getAsInt()).isEqualTo(0);
  }

  @Test
  public void nothingStoredReadsUnknownUntilTheNextCheckFillsItIn() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo blocked = backport(prerequisite.changeId);
    cache().invalidateAll(); // A lost disk cache, or a change from before the plugin.

    JsonObject lost = listed("change:" + blocked._number).get(blocked._number);
    assertThat(lost.get("outcome").getAsString()).isEqualTo("unknown");
    assertThat(lost.has("vote")).isFalse();
    assertThat(lost.has("missing")).isFalse();

    queue().submit(Project.nameKey(blocked.project), Change.id(blocked._number)).get();

    assertThat(
            listed("change:" + blocked._number).get(blocked._number).get("outcome").getAsString())
        .isEqualTo("missing");
  }

  @Test
  public void aDecisionForAnOlderPatchSetSaysSo() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo blocked = backport(prerequisite.changeId);
    // The plugin cannot act on the new patch set, so its last word stays the one on patch set 1.
    accountOperations.account(bot).forUpdate().inactive().update();
    gApi.changes()
        .id(blocked.id)
        .setMessage(
            messageWithId(
                "Use the helper, v2", blocked.changeId, "Depends-On: " + prerequisite.changeId));
    awaitEvaluations();

    JsonObject e = listed("change:" + blocked._number).get(blocked._number);
    assertThat(e.get("patch_set").getAsInt()).isEqualTo(1);
    assertThat(e.get("current").getAsBoolean()).isFalse();
  }

  @Test
  public void aVerdictTheCheckTookBackIsNotListedAsCurrent() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo blocked = backport(prerequisite.changeId);
    awaitEvaluations();
    assertThat(
            listed("change:" + blocked._number).get(blocked._number).get("outcome").getAsString())
        .isEqualTo("missing");

    // Turned off for the project: the plugin withdraws its vote; its old word must go too, or
    // dashboards (is:missing_, outcome_) keep listing a change the plugin no longer checks.
    setProjectConfig(project, c -> c.setBoolean("plugin", "backport-guard", "enabled", false));
    queue().submit(Project.nameKey(blocked.project), Change.id(blocked._number)).get();
    awaitEvaluations();

    assertThat(vote(blocked)).isEqualTo(0);
    JsonObject e = listed("change:" + blocked._number).get(blocked._number);
    assertWithMessage(e.toString()).that(e.get("outcome").getAsString()).isEqualTo("unknown");
    assertThat(listed("is:missing_backport-guard project:" + project.get())).isEmpty();
  }

  /**
   * Listing many changes costs the one index query of the listing itself: none per listed change,
   * none from the attribute.
   */
  @Test
  public void listingManyChangesCostsNoQueryPerChange() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    List<ChangeInfo> backports = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      backports.add(
          create(BRANCH, message("Backport " + i, "Depends-On: " + prerequisite.changeId)));
    }
    awaitEvaluations();
    String oneChange = "change:" + backports.get(0)._number;
    String all = "project:" + project.get() + " branch:" + BRANCH;

    AtomicInteger queries = new AtomicInteger();
    AtomicInteger fromAttribute = new AtomicInteger();
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
                    if (StackWalker.getInstance()
                        .walk(s -> s.anyMatch(f -> isPluginCode(f.getClassName())))) {
                      fromAttribute.incrementAndGet();
                    }
                  }
                  try {
                    return method.invoke(original, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                }),
        false);
    try {
      Function<String, List<ChangeInfo>> list =
          q -> {
            try {
              return gApi.changes().query(q).get();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          };
      list.apply(all); // Warm up: the first query loads what every later one reuses.
      queries.set(0);
      fromAttribute.set(0);

      long t0 = System.nanoTime();
      assertThat(list.apply(oneChange)).hasSize(1);
      long one = System.nanoTime() - t0;
      int queriesForOne = queries.getAndSet(0);
      t0 = System.nanoTime();
      List<ChangeInfo> twenty = list.apply(all);
      long many = System.nanoTime() - t0;
      int queriesForTwenty = queries.getAndSet(0);

      assertThat(twenty).hasSize(20);
      assertThat(twenty.get(0).plugins).isNotEmpty();
      assertThat(queriesForOne).isEqualTo(1);
      assertThat(queriesForTwenty).isEqualTo(1);
      assertThat(fromAttribute.get()).isEqualTo(0);
      System.out.printf(
          "listing cost: 1 change %d index queries, %.1f ms; 20 changes %d index queries, %.1f"
              + " ms%n",
          queriesForOne, one / 1e6, queriesForTwenty, many / 1e6);
    } finally {
      changeIndexes.setSearchIndex(original, false);
    }
  }
}
