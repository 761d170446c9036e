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

import com.google.common.flogger.FluentLogger;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The plugin's own queue of change evaluations. Listeners hand work to it and return at once.
 *
 * <p>One worker thread: evaluations of the same change never overlap, and a burst of events costs
 * Gerrit one thread. A change that is already waiting is not queued twice, since the waiting
 * evaluation reads the newest state when it runs.
 */
@Singleton
public class EvaluationQueue {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  private final ScheduledExecutorService executor;
  private final Provider<ChangeEvaluator> evaluator;
  private final Set<String> waiting = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private int unfinished;

  @Inject
  EvaluationQueue(
      @EvaluationExecutor ScheduledExecutorService executor, Provider<ChangeEvaluator> evaluator) {
    this.executor = executor;
    this.evaluator = evaluator;
  }

  /** Queues an evaluation of the change's current patch set, unless one is already waiting. */
  public void submit(Project.NameKey project, Change.Id change) {
    String key = project.get() + "~" + change.get();
    if (!waiting.add(key)) {
      return;
    }
    synchronized (lock) {
      unfinished++;
    }
    executor.execute(
        () -> {
          waiting.remove(key);
          try {
            evaluator.get().evaluate(project, change);
          } catch (Exception e) {
            logger.atSevere().withCause(e).log(
                "Cannot check the dependencies of change %d in project %s",
                change.get(), project.get());
          } finally {
            synchronized (lock) {
              unfinished--;
              lock.notifyAll();
            }
          }
        });
  }

  /**
   * Waits until every queued evaluation has finished, for callers that need the result now (the
   * tests and the demo).
   *
   * @return false if the wait timed out
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (unfinished > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }
}
