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

import com.google.common.collect.ImmutableList;
import com.google.common.flogger.FluentLogger;
import com.google.gerrit.entities.Account;
import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.extensions.events.LifecycleListener;
import com.google.gerrit.server.util.ManualRequestContext;
import com.google.gerrit.server.util.OneOffRequestContext;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.googlesource.gerrit.plugins.backportguard.config.ServerSettings;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationExecutor;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationQueue;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Re-checks the open backports once the plugin has started, since their verdicts may have gone
 * stale while it was not running: prerequisites merged, abandoned or restored meanwhile.
 *
 * <p>Starting the plugin only schedules the sweep. The sweep lists the changes on the plugin's own
 * executor, after a delay that lets a starting server settle, and queues their checks like those of
 * new patch sets. Before it, and whether or not the sweep is on, the {@link CatchUp} replays the
 * work the last run left unfinished, which the sweep cannot find when the index lost it; when the
 * catch-up's record was incomplete, the sweep runs after it even with {@code sweepOnStart} off.
 */
@Singleton
public class StartupSweep implements LifecycleListener {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  static final Duration DELAY = Duration.ofSeconds(30);

  /** Before the sweep: replaying what a killed run left needs no settled index. */
  static final Duration CATCH_UP_DELAY = Duration.ofSeconds(5);

  private final ServerSettings settings;
  private final ScheduledExecutorService executor;
  private final ChangeSelector selector;
  private final EvaluationQueue queue;
  private final OneOffRequestContext requestContext;
  private final CatchUp catchUp;
  private final String pluginName;

  @Inject
  StartupSweep(
      ServerSettings settings,
      @EvaluationExecutor ScheduledExecutorService executor,
      ChangeSelector selector,
      EvaluationQueue queue,
      OneOffRequestContext requestContext,
      CatchUp catchUp,
      @PluginName String pluginName) {
    this.settings = settings;
    this.executor = executor;
    this.selector = selector;
    this.queue = queue;
    this.requestContext = requestContext;
    this.catchUp = catchUp;
    this.pluginName = pluginName;
  }

  @Override
  public void start() {
    long started = System.nanoTime();
    // Whatever sweepOnStart says: this replays work the plugin had accepted, not a sweep.
    executor.schedule(
        new Named(
            () -> {
              if (catchUp.run() && !settings.sweepOnStart()) {
                // The record of recent updates was incomplete: the index knows the rest.
                long waited = System.nanoTime() - started;
                try {
                  executor.schedule(
                      new Scheduled(), Math.max(0, DELAY.toNanos() - waited), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                  // The plugin stops; the next start catches up again.
                }
              }
            },
            pluginName + " catch-up with the work left by the last run"),
        CATCH_UP_DELAY.toMillis(),
        TimeUnit.MILLISECONDS);
    if (settings.sweepOnStart()) {
      executor.schedule(new Scheduled(), DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void stop() {
    // The executor, and the sweep waiting in it, stop with the plugin.
  }

  /**
   * Lists the open backports as the service account sees them and queues their checks.
   *
   * @return the counts, once every check has finished; failed if the changes could not be listed
   */
  public CompletableFuture<CheckTally> sweep() {
    long start = System.nanoTime();
    Optional<Account.Id> bot = selector.serviceAccount();
    if (bot.isEmpty()) {
      logger.atWarning().log(
          "Start-up sweep skipped: no active service account; set %s in gerrit.config",
          settings.gerritConfigKey(ServerSettings.KEY_ACCOUNT));
      return CompletableFuture.completedFuture(new CheckTally());
    }
    ImmutableList<CheckTarget> targets;
    try (ManualRequestContext ctx = requestContext.openAs(bot.get())) {
      targets = selector.openBackports();
    } catch (Exception e) {
      logger.atWarning().withCause(e).log(
          "Start-up sweep failed: cannot list the open backports: %s", e.getMessage());
      return CompletableFuture.failedFuture(e);
    }
    List<CompletableFuture<EvaluationReport>> checks =
        targets.stream().map(t -> queue.submit(t.project(), t.change())).toList();
    // Counted when the last check is done, without holding a thread of the queue meanwhile.
    return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
        .handle(
            (ignored, failure) -> {
              CheckTally tally = new CheckTally();
              for (CompletableFuture<EvaluationReport> c : checks) {
                if (c.isCompletedExceptionally()) {
                  tally.addFailed();
                } else {
                  tally.add(c.join());
                }
              }
              logger.atInfo().log(
                  "Start-up sweep of open backports: %s",
                  tally.summary(Duration.ofNanos(System.nanoTime() - start)));
              return tally;
            });
  }

  /** A task named for {@code gerrit show-queue}. */
  private record Named(Runnable task, String name) implements Runnable {
    @Override
    public void run() {
      task.run();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The scheduled sweep, named for {@code gerrit show-queue}. */
  private final class Scheduled implements Runnable {
    @Override
    public void run() {
      @SuppressWarnings("unused")
      var unused = sweep();
    }

    @Override
    public String toString() {
      return pluginName + " start-up sweep of open backports";
    }
  }
}
