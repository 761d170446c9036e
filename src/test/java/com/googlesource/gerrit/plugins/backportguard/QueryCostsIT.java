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

import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.server.index.change.ChangeIndex;
import com.google.gerrit.server.index.change.ChangeIndexCollection;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationReport;
import com.googlesource.gerrit.plugins.backportguard.recheck.Subject;
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
 * The index queries that the pages (about.md, cmd-check.md) say a check, a post and a lookup of
 * dependents cost, counted at Gerrit's change index on the plugin's threads.
 */
public class QueryCostsIT extends BackportGuardTestBase {
  private static final String RESOLVE = "com.googlesource.gerrit.plugins.backportguard.resolve.";
  private static final String RECHECK = "com.googlesource.gerrit.plugins.backportguard.recheck.";
  private static final Set<String> QUERIES = Set.of("getSource", "get", "getRaw");

  @Inject private ChangeIndexCollection changeIndexes;

  private ChangeIndex original;
  private final AtomicInteger resolving = new AtomicInteger();
  private final AtomicInteger lookingUp = new AtomicInteger();
  private final AtomicInteger other = new AtomicInteger();

  /** Puts a counting index in place of the search index: every query goes through it. */
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
    if (!Thread.currentThread().getName().startsWith(BOT)) {
      return; // Not the plugin's queue: the test's own requests.
    }
    String caller =
        StackWalker.getInstance()
            .walk(
                s ->
                    s.map(StackWalker.StackFrame::getClassName)
                        .filter(c -> c.startsWith(RESOLVE) || c.startsWith(RECHECK))
                        .findFirst()
                        .orElse(""));
    (caller.startsWith(RESOLVE) ? resolving : caller.startsWith(RECHECK) ? lookingUp : other)
        .incrementAndGet();
  }

  /** The queries counted since the last call: resolving, looking up dependents, other. */
  private List<Integer> taken() {
    List<Integer> out = new ArrayList<>();
    out.add(resolving.getAndSet(0));
    out.add(lookingUp.getAndSet(0));
    out.add(other.getAndSet(0));
    return out;
  }

  private EvaluationReport check(ChangeInfo c) throws Exception {
    awaitEvaluations();
    taken();
    return queue().submit(Project.nameKey(c.project), Change.id(c._number)).get();
  }

  @Test
  public void aChangeThatDeclaresNothingMakesNoIndexQuery() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo c = create(BRANCH, message("Nothing declared"));

    EvaluationReport report = check(c);

    assertThat(report.describe()).contains("declares no dependency");
    assertThat(taken()).containsExactly(0, 0, 0).inOrder();
  }

  @Test
  public void aCheckCostsTheSameQueriesWhateverTheNumberOfDependencies() throws Exception {
    createBranch(project, BRANCH);
    List<String> footers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ChangeInfo p = create("master", message("Prerequisite " + i));
      merge(p);
      footers.add("Depends-On: " + p.changeId);
    }
    ChangeInfo one = create(BRANCH, message("One", footers.get(0)));
    ChangeInfo ten = create(BRANCH, message("Ten", footers.toArray(String[]::new)));

    // Each merged on master and not backported: the references, then the merged reverts.
    EvaluationReport first = check(one);
    assertThat(taken()).containsExactly(2, 0, 0).inOrder();
    EvaluationReport tenth = check(ten);
    assertThat(taken()).containsExactly(2, 0, 0).inOrder();
    assertThat(first.indexQueries()).isEqualTo(2);
    assertThat(tenth.indexQueries()).isEqualTo(2);
  }

  @Test
  public void theCheckLineCountsTheResolutionNotThePosting() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo c = backport(prerequisite.changeId);
    assertThat(vote(c)).isEqualTo(-1);
    // The vote and comment go stale while the plugin cannot act, as in CheckTestBase.
    accountOperations.account(bot).forUpdate().inactive().update();
    merge(cherryPick(prerequisite));
    awaitEvaluations();
    accountOperations.account(bot).forUpdate().active().update();

    EvaluationReport report = check(c);

    assertThat(report.describe()).contains("vote -1 -> 0, new comment (2 index queries");
    // Resolving: 2, as the line says; posting the changed vote and comment: 2 more of Gerrit's.
    assertThat(taken()).containsExactly(2, 0, 2).inOrder();
  }

  @Test
  public void findingDependentsCostsThreeQueriesPerLevel() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo bottom = create("master", message("Bottom"));
    ChangeInfo middle = create("master", message("Middle", "Depends-On: " + bottom.changeId));
    ChangeInfo top = backport(middle.changeId);
    awaitEvaluations();

    // Nothing depends on the top: one level, which finds nothing.
    taken();
    rechecks().dependentsOf(subject(top)).get();
    awaitEvaluations();
    assertThat(taken()).containsExactly(0, 3, 0).inOrder();

    // Middle, then top, then a level that finds nothing; the top is checked again (2 queries).
    rechecks().dependentsOf(subject(bottom)).get();
    awaitEvaluations();
    assertThat(taken()).containsExactly(2, 9, 0).inOrder();

    // A merge also looks up what the change reverts: one query when it reverts nothing.
    rechecks().mergedWithWhatItReverts(subject(top)).get();
    awaitEvaluations();
    assertThat(taken()).containsExactly(0, 4, 0).inOrder();
  }

  @Test
  public void everyFurtherFourteenChangeIdsOfALevelCostTwoQueries() throws Exception {
    List<Subject> arrived = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      arrived.add(Subject.arrived(project, "refs/heads/" + BRANCH, newChangeId()));
    }
    awaitEvaluations();
    taken();

    rechecks().dependentsOf(arrived.subList(0, 14).toArray(Subject[]::new)).get();
    awaitEvaluations();
    assertThat(taken()).containsExactly(0, 3, 0).inOrder();

    rechecks().dependentsOf(arrived.toArray(Subject[]::new)).get();
    awaitEvaluations();
    assertThat(taken()).containsExactly(0, 5, 0).inOrder();
  }

  private Subject subject(ChangeInfo c) {
    return new Subject(Project.nameKey(c.project), Change.id(c._number), c.changeId);
  }
}
