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

package com.googlesource.gerrit.plugins.backportguard.evaluate;

import com.google.common.base.Throwables;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.collect.ImmutableList;
import com.google.common.flogger.FluentLogger;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.exceptions.StorageException;
import com.google.gerrit.extensions.restapi.AuthException;
import com.google.gerrit.extensions.restapi.BadRequestException;
import com.google.gerrit.extensions.restapi.ResourceConflictException;
import com.google.gerrit.extensions.restapi.ResourceNotFoundException;
import com.google.gerrit.extensions.restapi.UnprocessableEntityException;
import com.google.gerrit.git.LockFailureException;
import com.google.gerrit.index.query.QueryParseException;
import com.google.gerrit.server.notedb.LimitExceededException;
import com.google.gerrit.server.update.CommentsRejectedException;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.googlesource.gerrit.plugins.backportguard.metrics.BackportGuardMetrics;
import com.googlesource.gerrit.plugins.backportguard.store.VerdictStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jgit.errors.LockFailedException;

/**
 * The plugin's own queue of change evaluations. Listeners hand work to it and return at once.
 *
 * <p>Evaluations of the same change never overlap, and events for a change that is already waiting
 * are coalesced into its one evaluation, which reads the newest state when it runs. An event that
 * arrives while the change is being evaluated makes it run once more afterwards, so the vote and
 * comment left on the change always follow the newest event. Failures that go away by themselves (a
 * lock held by a concurrent update, the index or NoteDb not ready) are retried with backoff.
 *
 * <p>Every change waiting or being evaluated is also recorded in {@link PendingWork}, so that the
 * evaluations a killed server had queued run after it restarts.
 */
@Singleton
public class EvaluationQueue {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  /**
   * The kinds of error whose stack trace {@link #failedForGood} logged in the last minute. Our own
   * quiet period rather than Flogger's {@code atMostEvery(...).per(cause, byClass())}: that
   * strategy exists from Gerrit 3.12 only, and the plugin builds for 3.10 and 3.11 too.
   */
  private static final Cache<Class<?>, Boolean> tracedRecently =
      CacheBuilder.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(1_000).build();

  /** Delays before the retries of an evaluation that failed transiently. */
  public static final ImmutableList<Duration> BACKOFF =
      ImmutableList.of(
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofSeconds(4),
          Duration.ofSeconds(8),
          Duration.ofSeconds(16));

  /** One change. */
  record Key(Project.NameKey project, Change.Id change) {
    /** What {@code gerrit show-queue} lists for the change's evaluation. */
    @Override
    public String toString() {
      return "check change " + change.get() + " in project " + project.get();
    }
  }

  /** A key as one line: the change number, a space, the project name. */
  static final PendingWork.Codec<Key> CODEC =
      new PendingWork.Codec<>() {
        @Override
        public String encode(Key key) {
          return key.change().get() + " " + key.project().get();
        }

        @Override
        public Key decode(String text) {
          int space = text.indexOf(' ');
          if (space <= 0 || space == text.length() - 1) {
            throw new IllegalArgumentException("not \"<number> <project>\"");
          }
          return new Key(
              Project.nameKey(text.substring(space + 1)),
              Change.id(Integer.parseInt(text.substring(0, space))));
        }
      };

  private final CoalescingQueue<Key, EvaluationReport> queue;

  @Inject
  EvaluationQueue(
      @EvaluationExecutor ScheduledExecutorService executor,
      Provider<ChangeEvaluator> evaluator,
      PendingWork pendingWork,
      VerdictStore verdicts,
      BackportGuardMetrics metrics) {
    this.queue =
        new CoalescingQueue<>(
            executor,
            key ->
                ReportMetrics.record(
                    metrics,
                    recorded(verdicts, evaluator.get().evaluate(key.project(), key.change()))),
            EvaluationQueue::isTransient,
            BACKOFF,
            (key, attempts, cause) -> {
              metrics.evaluationFailed();
              failedForGood(key, attempts, cause);
            },
            pendingWork.journal("evaluations", CODEC),
            key -> metrics.evaluationCoalesced());
    metrics.evaluationQueueDepth(queue::size);
  }

  /** Keeps the decision for listings and search: the one place every evaluation passes. */
  private static EvaluationReport recorded(VerdictStore verdicts, EvaluationReport report) {
    report
        .decision()
        .ifPresent(
            d -> {
              if (d.isWithdrawn()) {
                verdicts.forget(report.change());
              } else {
                verdicts.record(report.change(), d.patchSet(), d.outcome(), d.vote(), d.missing());
              }
            });
    return report;
  }

  /**
   * Logs an evaluation that failed for good: one line per change, which is left without a verdict;
   * the stack trace at most once a minute per kind of error, since an outage (the index or NoteDb
   * down) fails every change the same way.
   */
  static void failedForGood(Key key, int attempts, Throwable cause) {
    logger.atSevere().log(
        "Cannot check the dependencies of change %d in project %s (%d attempts): %s",
        key.change().get(), key.project().get(), attempts, cause.getMessage());
    if (tracedRecently.asMap().putIfAbsent(cause.getClass(), true) == null) {
      logger.atSevere().withCause(cause).log(
          "The cause of the failure above, %s (logged at most once a minute per kind of error)",
          cause.getClass().getName());
    }
  }

  /**
   * Queues again the evaluations a previous run of the plugin accepted and did not finish (it was
   * killed, or stopped with evaluations waiting).
   *
   * @return how many
   */
  public int replayPending() {
    return queue.replay();
  }

  /**
   * Queues an evaluation of the change's current patch set, unless one is already waiting; the
   * future tells what it did.
   */
  public CompletableFuture<EvaluationReport> submit(Project.NameKey project, Change.Id change) {
    return queue.submit(new Key(project, change));
  }

  /** The number of changes waiting or being evaluated. */
  public int size() {
    return queue.size();
  }

  /**
   * Waits until every queued evaluation has finished, for callers that need the result now (the
   * tests and the demo).
   *
   * @return false if the wait timed out
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return queue.awaitIdle(timeout);
  }

  /**
   * Whether a failure may go away by itself, so that the same evaluation is worth retrying: a lock
   * failure anywhere in the causes, or a storage failure that no request error explains. Gerrit
   * refusing the request (a comment over its size limit, a change at {@code change.maxUpdates},
   * whose {@code LimitExceededException} is a {@code StorageException}, a query the index refuses)
   * fails the same way every time.
   */
  public static boolean isTransient(Throwable failure) {
    List<Throwable> causes = Throwables.getCausalChain(failure);
    if (causes.stream()
        .anyMatch(t -> t instanceof LockFailureException || t instanceof LockFailedException)) {
      return true;
    }
    if (causes.stream()
        .anyMatch(
            t ->
                t instanceof BadRequestException
                    || t instanceof ResourceConflictException
                    || t instanceof ResourceNotFoundException
                    || t instanceof UnprocessableEntityException
                    || t instanceof AuthException
                    || t instanceof CommentsRejectedException
                    || t instanceof LimitExceededException
                    || t instanceof QueryParseException)) {
      return false;
    }
    return causes.stream().anyMatch(t -> t instanceof StorageException);
  }
}
