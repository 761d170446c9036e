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
import java.util.concurrent.TimeUnit;

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
 * the index, see what the killed server had done. Only once all of it has been queued does the
 * crash count as answered: a start that fails or stops before leaves it to the next one.
 */
@Singleton
public class CatchUp {
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

  /**
   * Stops the catch-up when the plugin stops; the crash is then caught up with at the next start.
   */
  private static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Catches up with the last run.
   *
   * @return whether the index-based sweep should run too: the record of recent updates was
   *     incomplete, or the catch-up failed
   */
  public boolean run() {
    try {
      if (pendingWork.previousRunDidNotStop()) {
        UpdateLog.Recent recent = updateLog.read();
        afterCrash(recent);
        pendingWork.catchUpDone();
        return !recent.complete();
      }
      int pending = evaluations.replayPending();
      if (pending > 0) {
        logger.atInfo().log("Queued %d evaluations left pending by the last run", pending);
      }
      return false;
    } catch (Stopped e) {
      logger.atInfo().log(
          "Catch-up after a run that did not stop was cut short by the plugin's stop;"
              + " the next start does it again");
      return false;
    } catch (RuntimeException e) {
      logger.atSevere().withCause(e).log(
          "Catch-up at start failed: %s; the next start tries again, the index-based sweep runs"
              + " now",
          e.getMessage());
      return true;
    }
  }

  /** The whole catch-up, without marking the crash answered; the counts it logs, for tests. */
  String afterCrash() {
    return afterCrash(updateLog.read());
  }

  private String afterCrash(UpdateLog.Recent read) {
    long start = System.nanoTime();
    List<UpdateLog.Entry> recent = read.entries();
    long toReindex = recent.stream().filter(e -> e instanceof UpdateLog.ChangeUpdated).count();
    int reindexed = 0;
    int looked = 0;
    for (UpdateLog.Entry e : recent) {
      if (e instanceof UpdateLog.ChangeUpdated c) {
        stopIfInterrupted();
        logger.atInfo().atMostEvery(30, TimeUnit.SECONDS).log(
            "Catch-up after a run that did not stop: re-indexing %d of %d recently updated"
                + " changes where the index lost them",
            looked + 1, toReindex);
        looked++;
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
    stopIfInterrupted();
    int pending = evaluations.replayPending();
    int changes = 0;
    int branches = 0;
    List<Subject> notMerged = new ArrayList<>();
    for (UpdateLog.Entry e : recent) {
      stopIfInterrupted();
      // if/else, not a pattern switch: the 3.10 build compiles for Java 17.
      if (e instanceof UpdateLog.ChangeUpdated c) {
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
      } else if (e instanceof UpdateLog.BranchUpdated b) {
        branches++;
        rechecks.arrivedOnBranch(b.project(), b.ref(), b.oldTip(), b.newTip());
      } else {
        throw new IllegalStateException("unknown update log entry: " + e);
      }
    }
    if (!notMerged.isEmpty()) {
      rechecks.dependentsOf(notMerged.toArray(Subject[]::new));
    }
    String summary =
        String.format(
            "%d changes and %d branch updates of the last %d minutes: %d changes re-indexed;"
                + " %d pending evaluations queued again; the changes and their dependents"
                + " re-checked (%d ms)%s",
            changes,
            branches,
            updateLog.window().toMinutes(),
            reindexed,
            pending,
            (System.nanoTime() - start) / 1_000_000,
            read.complete()
                ? ""
                : String.format(
                    "; %d updates left out of the record, the index-based sweep runs too",
                    read.leftOut()));
    logger.atInfo().log("Catch-up after a run that did not stop: %s", summary);
    return summary;
  }

  private static void stopIfInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new Stopped();
    }
  }
}
