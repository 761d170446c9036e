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
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.server.git.WorkQueue;
import com.google.inject.Inject;
import com.google.inject.Key;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationExecutor;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationReport;
import com.googlesource.gerrit.plugins.backportguard.recheck.Subject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * Bursts of concurrent events about one change: they coalesce, and whatever the interleaving, the
 * vote and comment left on the change match its newest patch set.
 */
public class ConcurrentEventsIT extends BackportGuardTestBase {
  @Inject private WorkQueue workQueue;

  @Test
  public void rapidPatchSetsEndWithTheVerdictOfTheNewestOne() throws Exception {
    assertNewestWins(true);
  }

  @Test
  public void rapidPatchSetsEndWithTheVerdictOfTheNewestOneWhenItFails() throws Exception {
    assertNewestWins(false);
  }

  private void assertNewestWins(boolean lastPasses) throws Exception {
    ChangeInfo satisfied = prerequisiteMergedAfterCut();
    merge(cherryPick(satisfied));
    ChangeInfo missing = create("master", message("Not backported"));
    merge(missing);
    ChangeInfo backport = backport(missing.changeId);

    ExecutorService pokers = Executors.newFixedThreadPool(4);
    List<Future<?>> pokes = new ArrayList<>();
    Change.Id id = Change.id(backport._number);
    try {
      for (int i = 0; i < 4; i++) {
        pokes.add(
            pokers.submit(
                () -> {
                  for (int k = 0; k < 50; k++) {
                    queue().submit(project, id);
                  }
                }));
      }
      int rounds = 6;
      for (int i = 1; i <= rounds; i++) {
        boolean passes = (i % 2 == 0) == lastPasses;
        String dependency = passes ? satisfied.changeId : missing.changeId;
        String message =
            "Use it, take "
                + i
                + "\n\nDepends-On: "
                + dependency
                + "\nChange-Id: "
                + backport.changeId
                + "\n";
        racingThePlugin(() -> gApi.changes().id(backport.id).setMessage(message));
      }
      for (Future<?> f : pokes) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pokers.shutdownNow();
    }
    awaitEvaluations();

    assertThat(vote(backport)).isEqualTo(lastPasses ? 0 : -1);
    assertThat(lastComment(backport))
        .contains(
            lastPasses
                ? "the prerequisite is merged on wmf/1.0"
                : "1 of 1 prerequisite is not merged on wmf/1.0");
    // The vote sits on the newest patch set (7); the comment is repeated only if it changed.
    assertThat(detail(backport).revisions.get(detail(backport).currentRevision)._number)
        .isEqualTo(7);
    List<String> comments = comments(backport);
    for (int i = 1; i < comments.size(); i++) {
      // A comment is never posted twice in a row: an unchanged outcome posts nothing.
      assertThat(body(comments.get(i))).isNotEqualTo(body(comments.get(i - 1)));
    }
  }

  @Test
  public void aBurstForOneChangeCoalescesAndAllCallersGetAnAnswer() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);
    int messages = detail(backport).messages.size();

    List<CompletableFuture<EvaluationReport>> answers = new ArrayList<>();
    CountDownLatch release = holdQueue();
    try {
      for (int i = 0; i < 1000; i++) {
        answers.add(queue().submit(project, Change.id(backport._number)));
      }
      // One evaluation waits on the executor, however many events arrive, and all share it.
      assertThat(queuedFor(backport)).hasSize(1);
      assertThat(distinct(answers)).isEqualTo(1);
    } finally {
      release.countDown();
    }
    Set<EvaluationReport> runs = Collections.newSetFromMap(new IdentityHashMap<>());
    for (CompletableFuture<EvaluationReport> a : answers) {
      EvaluationReport report = a.get(60, TimeUnit.SECONDS);
      assertThat(report.result()).isEqualTo(EvaluationReport.Result.UNCHANGED);
      runs.add(report);
    }
    // Each evaluation returns its own report: one was executed for the thousand callers.
    assertThat(runs).hasSize(1);
    awaitEvaluations();
    assertThat(detail(backport).messages).hasSize(messages);
  }

  @Test
  public void showQueueSaysWhichChangeAQueuedCheckIsFor() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);

    CountDownLatch release = holdQueue();
    try {
      queue().submit(project, Change.id(backport._number));

      // What show-queue prints for a task: its toString, in the plugin's queue.
      assertThat(
              workQueue.getTasks().stream()
                  .filter(t -> t.getQueueName().equals("backport-guard"))
                  .map(Object::toString))
          .contains("check change " + backport._number + " in project " + project.get());
    } finally {
      release.countDown();
    }
    awaitEvaluations();
  }

  @Test
  public void showQueueSaysWhichChangeAQueuedReCheckIsFor() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();

    CountDownLatch release = holdQueue();
    try {
      rechecks()
          .dependentsOf(
              new Subject(project, Change.id(prerequisite._number), prerequisite.changeId));

      assertThat(
              workQueue.getTasks().stream()
                  .filter(t -> t.getQueueName().equals("backport-guard"))
                  .map(Object::toString))
          .contains(
              "re-check the dependents of change "
                  + prerequisite._number
                  + " in project "
                  + project.get());
    } finally {
      release.countDown();
    }
    awaitEvaluations();
  }

  /** The evaluations of the change waiting on the plugin's executor, as show-queue names them. */
  private List<Runnable> queuedFor(ChangeInfo c) {
    String name = "check change " + c._number + " in project " + project.get();
    return executor().getQueue().stream().filter(t -> t.toString().equals(name)).toList();
  }

  private ScheduledThreadPoolExecutor executor() {
    return (ScheduledThreadPoolExecutor)
        plugin
            .getSysInjector()
            .getInstance(Key.get(ScheduledExecutorService.class, EvaluationExecutor.class));
  }

  private static int distinct(List<? extends CompletableFuture<?>> futures) {
    Set<CompletableFuture<?>> out = Collections.newSetFromMap(new IdentityHashMap<>());
    out.addAll(futures);
    return out.size();
  }

  /** A comment without Gerrit's "Patch Set N:" prefix and vote summary. */
  private static String body(String comment) {
    return comment.substring(comment.indexOf("Backport check: "));
  }
}
