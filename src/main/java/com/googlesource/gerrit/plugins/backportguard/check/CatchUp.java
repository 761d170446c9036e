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

package com.googlesource.gerrit.plugins.backportguard.check;

import com.google.common.flogger.FluentLogger;
import com.google.gerrit.entities.Change;
import com.google.gerrit.server.index.change.ChangeIndexer;
import com.google.gerrit.server.notedb.ChangeNotes;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationQueue;
import com.googlesource.gerrit.plugins.backportguard.evaluate.PendingWork;
import com.googlesource.gerrit.plugins.backportguard.evaluate.UpdateLog;
import com.googlesource.gerrit.plugins.backportguard.recheck.RecheckScheduler;
import com.googlesource.gerrit.plugins.backportguard.recheck.Subject;
import java.util.ArrayList;
import java.util.List;

/**
 * Catches up, when the plugin starts, with what the previous run accepted and did not finish, from
 * the plugin's own files rather than from the index.
 *
 * <p>Always: the evaluations {@link PendingWork} still holds are queued again. After a run that
 * ended without stopping (the server was killed), also the changes and branches {@link UpdateLog}
 * recorded within its window: each change is re-indexed from its notes if the index lost it or
 * holds an older state (the index commits to disk only every few minutes), evaluated, and its
 * dependents re-checked; each branch update is replayed to the re-check of what arrived on it. The
 * re-indexing comes first, so that the evaluations and the lookups of dependents, which go through
 * the index, see what the killed server had done.
 */
@Singleton
public class CatchUp implements Runnable {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  private final PendingWork pendingWork;
  private final UpdateLog updateLog;
  private final EvaluationQueue evaluations;
  private final RecheckScheduler rechecks;
  private final ChangeIndexer indexer;
  private final ChangeNotes.Factory notesFactory;

  @Inject
  CatchUp(
      PendingWork pendingWork,
      UpdateLog updateLog,
      EvaluationQueue evaluations,
      RecheckScheduler rechecks,
      ChangeIndexer indexer,
      ChangeNotes.Factory notesFactory) {
    this.pendingWork = pendingWork;
    this.updateLog = updateLog;
    this.evaluations = evaluations;
    this.rechecks = rechecks;
    this.indexer = indexer;
    this.notesFactory = notesFactory;
    // The lookups of dependents live in memory: a stop while some are pending loses them.
    pendingWork.treatStopAsCrashWhile(() -> rechecks.size() > 0);
  }

  @Override
  public void run() {
    try {
      if (pendingWork.previousRunDidNotStop()) {
        afterCrash();
      } else {
        int pending = evaluations.replayPending();
        if (pending > 0) {
          logger.atInfo().log("Queued %d evaluations left pending by the last run", pending);
        }
      }
    } catch (RuntimeException e) {
      logger.atSevere().withCause(e).log("Catch-up at start failed: %s", e.getMessage());
    }
  }

  /** The whole catch-up; the counts it logs, for tests. */
  String afterCrash() {
    long start = System.nanoTime();
    List<UpdateLog.Entry> recent = updateLog.recent();
    int reindexed = 0;
    for (UpdateLog.Entry e : recent) {
      if (e instanceof UpdateLog.ChangeUpdated c) {
        try {
          if (indexer.reindexIfStale(c.project(), c.change())) {
            reindexed++;
          }
        } catch (RuntimeException ex) {
          // Deleted meanwhile, with its project perhaps: nothing left to re-check.
          logger.atFine().withCause(ex).log("Cannot re-index change %d", c.change().get());
        }
      }
    }
    int pending = evaluations.replayPending();
    int changes = 0;
    int branches = 0;
    List<Subject> notMerged = new ArrayList<>();
    for (UpdateLog.Entry e : recent) {
      switch (e) {
        case UpdateLog.ChangeUpdated c -> {
          Change change;
          try {
            change = notesFactory.createChecked(c.project(), c.change()).getChange();
          } catch (RuntimeException ex) {
            logger.atFine().withCause(ex).log("Change %d is gone", c.change().get());
            continue;
          }
          changes++;
          Subject subject = new Subject(c.project(), c.change(), change.getKey().get());
          if (change.isNew()) {
            evaluations.submit(c.project(), c.change());
          }
          if (change.isMerged()) {
            rechecks.mergedWithWhatItReverts(subject);
          } else {
            notMerged.add(subject);
          }
        }
        case UpdateLog.BranchUpdated b -> {
          branches++;
          rechecks.arrivedOnBranch(b.project(), b.ref(), b.oldTip(), b.newTip());
        }
      }
    }
    if (!notMerged.isEmpty()) {
      rechecks.dependentsOf(notMerged.toArray(Subject[]::new));
    }
    String summary =
        String.format(
            "%d changes and %d branch updates of the last %d minutes: %d changes re-indexed;"
                + " %d pending evaluations queued again; the changes and their dependents"
                + " re-checked (%d ms)",
            changes,
            branches,
            updateLog.window().toMinutes(),
            reindexed,
            pending,
            (System.nanoTime() - start) / 1_000_000);
    logger.atInfo().log("Catch-up after a run that did not stop: %s", summary);
    return summary;
  }
}
