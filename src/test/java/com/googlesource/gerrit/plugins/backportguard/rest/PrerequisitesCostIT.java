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

import com.google.common.flogger.FluentLogger;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.server.index.change.ChangeIndex;
import com.google.gerrit.server.index.change.ChangeIndexCollection;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * What the REST endpoints cost in index queries, counted at Gerrit's change index as in {@code
 * QueryCostsIT}: an answer costs what a check costs, and a forced check costs a check plus the
 * answer.
 */
public class PrerequisitesCostIT extends BackportGuardTestBase {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();
  private static final String RESOLVE = "com.googlesource.gerrit.plugins.backportguard.resolve.";
  private static final Set<String> QUERIES = Set.of("getSource", "get", "getRaw");

  @Inject private ChangeIndexCollection changeIndexes;

  private ChangeIndex original;
  private final AtomicInteger answering = new AtomicInteger();
  private final AtomicInteger evaluating = new AtomicInteger();
  private final AtomicInteger other = new AtomicInteger();

  @Before
  public void countQueries() {
    original = changeIndexes.getSearchIndex();
    ChangeIndex index = original;
    ChangeIndex counting =
        (ChangeIndex)
            Proxy.newProxyInstance(
                ChangeIndex.class.getClassLoader(),
                new Class<?>[] {ChangeIndex.class},
                (proxy, method, args) -> {
                  if (QUERIES.contains(method.getName())) {
                    count();
                  }
                  try {
                    return method.invoke(index, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    changeIndexes.setSearchIndex(counting, false);
  }

  @After
  public void restoreIndex() {
    changeIndexes.setSearchIndex(original, false);
  }

  private void count() {
    String thread = Thread.currentThread().getName();
    boolean resolving =
        StackWalker.getInstance().walk(s -> s.anyMatch(f -> f.getClassName().startsWith(RESOLVE)));
    if (thread.startsWith(BOT + "-answers")) {
      (resolving ? answering : other).incrementAndGet();
    } else if (thread.startsWith(BOT)) {
      (resolving ? evaluating : other).incrementAndGet();
    }
  }

  /** The queries since the last call: answering, evaluating, other on the plugin's threads. */
  private List<Integer> taken() {
    List<Integer> out = new ArrayList<>();
    out.add(answering.getAndSet(0));
    out.add(evaluating.getAndSet(0));
    out.add(other.getAndSet(0));
    return out;
  }

  /** Runs the call {@code times} times after the plugin is idle; logs the median time. */
  private void timed(String what, int times, ThrowingRunnable call) throws Exception {
    awaitEvaluations();
    taken();
    long[] ms = new long[times];
    for (int i = 0; i < times; i++) {
      long start = System.nanoTime();
      call.run();
      ms[i] = (System.nanoTime() - start) / 1_000_000;
    }
    java.util.Arrays.sort(ms);
    String line =
        String.format(
            "COST %s: median %d ms, min %d ms, max %d ms over %d calls",
            what, ms[times / 2], ms[0], ms[times - 1], times);
    logger.atInfo().log("%s", line);
    System.out.println(line);
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  private void get(ChangeInfo c) throws Exception {
    adminRestSession
        .get("/changes/" + c.id + "/revisions/current/backport-guard~prerequisites")
        .assertOK();
  }

  @Test
  public void anAnswerCostsWhatACheckCosts() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo nothing = create(BRANCH, message("Nothing declared"));
    List<String> footers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ChangeInfo p = create("master", message("Prerequisite " + i));
      merge(p);
      footers.add("Depends-On: " + p.changeId);
    }
    ChangeInfo one = create(BRANCH, message("One", footers.get(0)));
    ChangeInfo ten = create(BRANCH, message("Ten", footers.toArray(String[]::new)));

    get(nothing); // Warms up the REST session, so that the times below are the answers'.

    timed("GET, declares nothing", 5, () -> get(nothing));
    assertThat(taken()).containsExactly(0, 0, 0).inOrder();
    timed("GET, 1 dependency", 5, () -> get(one));
    assertThat(taken()).containsExactly(5 * 2, 0, 0).inOrder();
    timed("GET, 10 dependencies", 5, () -> get(ten));
    assertThat(taken()).containsExactly(5 * 2, 0, 0).inOrder();
  }

  @Test
  public void aChainCostsTwoQueriesPerLevel() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo base = create("master", message("Base"));
    merge(base);
    ChangeInfo middle = create("master", message("Middle", "Depends-On: " + base.changeId));
    merge(middle);
    ChangeInfo top = backport(middle.changeId);

    get(top); // Warms up the REST session.

    timed("GET, chain of three", 5, () -> get(top));
    assertThat(taken()).containsExactly(5 * 4, 0, 0).inOrder();
  }

  @Test
  public void aForcedCheckCostsACheckAndAnAnswer() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo c = backport(prerequisite.changeId);

    userRestSession
        .get("/changes/" + c.id + "/revisions/current/backport-guard~prerequisites")
        .assertOK(); // Warms up the REST session.

    timed(
        "POST check, unchanged verdict",
        1,
        () ->
            userRestSession
                .post("/changes/" + c.id + "/revisions/current/backport-guard~check")
                .assertOK());
    assertThat(taken()).containsExactly(2, 2, 0).inOrder();
  }
}
