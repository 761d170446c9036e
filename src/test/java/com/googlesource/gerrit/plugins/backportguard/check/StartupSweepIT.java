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

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static java.util.concurrent.TimeUnit.SECONDS;

import com.google.gerrit.acceptance.config.GerritConfig;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.events.LifecycleListener;
import com.google.inject.TypeLiteral;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationReport.Result;
import java.util.concurrent.CountDownLatch;
import org.junit.Test;

/**
 * The re-check of open backports when the plugin starts.
 *
 * <p>What starting schedules is read while every worker of the plugin's queue is held, so that no
 * scheduled task can run and leave the queue first, however long the test takes to get there.
 */
public class StartupSweepIT extends CheckTestBase {
  private static final String SWEEP_TASK = "backport-guard start-up sweep of open backports";
  private static final String CATCH_UP_TASK =
      "backport-guard catch-up with the work left by the last run";

  private StartupSweep startupSweep() {
    return plugin.getSysInjector().getInstance(StartupSweep.class);
  }

  private CheckTally sweep() throws Exception {
    return startupSweep().sweep().get(60, SECONDS);
  }

  /**
   * Starts the sweep's lifecycle as Gerrit does when it starts the plugin, with the queue held, and
   * returns what {@code gerrit show-queue} lists for the plugin's queue.
   */
  private String queueAfterStart() throws Exception {
    assertWithMessage("the sweep is one of the plugin's lifecycle listeners")
        .that(
            plugin
                .getSysInjector()
                .findBindingsByType(new TypeLiteral<LifecycleListener>() {})
                .stream()
                .anyMatch(b -> b.getProvider().get() instanceof StartupSweep))
        .isTrue();
    CountDownLatch release = holdQueue();
    try {
      startupSweep().start();
      // --by-queue and the section of the plugin's queue: --queue exists from 3.13 only.
      String all = adminSshSession.exec("gerrit show-queue --wide --by-queue");
      adminSshSession.assertSuccess();
      return queueSection(all, "backport-guard");
    } finally {
      release.countDown();
    }
  }

  /** The lines {@code show-queue --by-queue} prints under {@code Queue: <queue>}. */
  private static String queueSection(String listing, String queue) {
    StringBuilder section = new StringBuilder();
    boolean in = false;
    for (String line : listing.split("\n", -1)) {
      if (line.startsWith("Queue: ")) {
        in = line.substring("Queue: ".length()).trim().equalsIgnoreCase(queue);
      } else if (in) {
        section.append(line).append('\n');
      }
    }
    return section.toString();
  }

  @Test
  public void sweepBringsStaleVotesUpToDate() throws Exception {
    // Whatever earlier tests left on the server is up to date after this.
    CheckTally before = sweep();
    ChangeInfo stale = staleBackport();
    ChangeInfo upToDate = backport(newChangeId());
    create("master", message("Unrelated"));
    awaitEvaluations();

    CheckTally after = sweep();

    assertThat(vote(stale)).isEqualTo(0);
    assertThat(lastComment(stale))
        .contains("Backport check: the prerequisite is merged on wmf/1.0.");
    assertThat(vote(upToDate)).isEqualTo(-1);
    assertThat(comments(upToDate)).hasSize(1);
    assertThat(after.count(Result.UPDATED)).isEqualTo(1);
    assertThat(after.total()).isEqualTo(before.total() + 2);
    assertThat(after.failed()).isEqualTo(0);
  }

  @Test
  @GerritConfig(name = "plugin.backport-guard.sweepOnStart", value = "true")
  public void startingThePluginSchedulesTheSweep() throws Exception {
    String queue = queueAfterStart();

    assertThat(queue).contains(CATCH_UP_TASK);
    assertThat(queue).contains(SWEEP_TASK);
  }

  @Test
  @GerritConfig(name = "plugin.backport-guard.sweepOnStart", value = "false")
  public void sweepOnStartFalseSchedulesNoSweep() throws Exception {
    String queue = queueAfterStart();

    // The catch-up is scheduled either way: the listing does show what starting scheduled.
    assertThat(queue).contains(CATCH_UP_TASK);
    assertThat(queue).doesNotContain(SWEEP_TASK);
  }
}
