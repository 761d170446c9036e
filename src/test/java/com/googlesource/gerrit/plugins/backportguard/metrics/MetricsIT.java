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

package com.googlesource.gerrit.plugins.backportguard.metrics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.Assume.assumeTrue;

import com.google.gerrit.acceptance.TestMetricMaker;
import com.google.gerrit.acceptance.config.GerritConfig;
import com.google.gerrit.entities.Change;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import com.googlesource.gerrit.plugins.backportguard.config.ServerSettings;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationReport;
import com.googlesource.gerrit.plugins.backportguard.recheck.Subject;
import java.lang.reflect.Method;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * The plugin's metrics appear in the server's metric registry (the acceptance framework's {@link
 * TestMetricMaker}, which stands in for it in tests) and move as the plugin works.
 */
public class MetricsIT extends BackportGuardTestBase {
  private static final String PREFIX = "plugins/backport-guard/";

  @Inject private TestMetricMaker metrics;

  private long count(String name, Object... fields) {
    return metrics.getCount(PREFIX + name, fields);
  }

  @Test
  public void evaluationsAreCountedWithTheirVerdictTimeIndexQueriesAndObjectsRead()
      throws Exception {
    long blocked = count("evaluation/verdicts", "blocked");
    long passed = count("evaluation/verdicts", "passed");
    long updated = count("evaluation/count", "updated");
    long skipped = count("evaluation/count", "skipped");
    long queries = count("evaluation/index_queries");
    long objects = count("evaluation/objects_read");
    long latency = metrics.getTimer(PREFIX + "evaluation/latency");

    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);
    assertThat(vote(backport)).isEqualTo(-1);

    // The prerequisite on master is not a backport; the backport lacks it on its branch.
    assertThat(count("evaluation/count", "skipped")).isGreaterThan(skipped);
    assertThat(count("evaluation/count", "updated")).isGreaterThan(updated);
    assertThat(count("evaluation/verdicts", "blocked")).isGreaterThan(blocked);
    assertThat(count("evaluation/verdicts", "passed")).isEqualTo(passed);
    assertThat(count("evaluation/index_queries")).isGreaterThan(queries);
    // At least the branch tip and the prerequisite's commit were read.
    assertThat(count("evaluation/objects_read")).isAtLeast(objects + 2);
    assertThat(metrics.getTimer(PREFIX + "evaluation/latency")).isGreaterThan(latency);

    merge(cherryPick(prerequisite));
    awaitEvaluations();
    assertThat(lastComment(backport)).contains("is merged on " + BRANCH);
    assertThat(count("evaluation/verdicts", "passed")).isGreaterThan(passed);
  }

  @Test
  public void aReCheckOfAnUnchangedChangeSkipsThePost() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);
    long skipped = count("posting/skipped_unchanged");
    int messages = detail(backport).messages.size();

    EvaluationReport report =
        queue().submit(project, Change.id(backport._number)).get(60, TimeUnit.SECONDS);

    assertThat(report.result()).isEqualTo(EvaluationReport.Result.UNCHANGED);
    assertThat(detail(backport).messages).hasSize(messages);
    assertThat(count("posting/skipped_unchanged")).isEqualTo(skipped + 1);
  }

  @Test
  public void evaluationsAndReChecksOfTheSameChangeCoalesce() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);
    Subject subject = new Subject(project, Change.id(prerequisite._number), prerequisite.changeId);
    long evaluations = count("evaluation/coalesced");
    long lookups = count("recheck/coalesced");
    long triggered = count("recheck/triggered", "dependents_of");
    long queued = count("recheck/changes_queued");

    CountDownLatch release = holdQueue();
    try {
      queue().submit(project, Change.id(backport._number));
      queue().submit(project, Change.id(backport._number));
      queue().submit(project, Change.id(backport._number));
      rechecks().dependentsOf(subject);
      rechecks().dependentsOf(subject);
    } finally {
      release.countDown();
    }
    awaitEvaluations();

    assertThat(count("evaluation/coalesced")).isEqualTo(evaluations + 2);
    assertThat(count("recheck/coalesced")).isEqualTo(lookups + 1);
    assertThat(count("recheck/triggered", "dependents_of")).isEqualTo(triggered + 2);
    // The one lookup found the backport and queued its evaluation.
    assertThat(count("recheck/changes_queued")).isEqualTo(queued + 1);
  }

  @Test
  @GerritConfig(name = "change.commentSizeLimit", value = "300")
  public void aCommentCutToFitIsCounted() throws Exception {
    long cut = count("comment/cut_to_fit");
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    long cutBefore = count("comment/cut_to_fit");
    assertWithMessage("a change declaring nothing has no comment to cut")
        .that(cutBefore)
        .isEqualTo(cut);

    ChangeInfo backport = backport(prerequisite.changeId);

    assertThat(vote(backport)).isEqualTo(-1);
    // Once per evaluation of the backport: each formats the comment, posted or not.
    assertThat(count("comment/cut_to_fit")).isGreaterThan(cut);
  }

  @Test
  public void aCommentThatFitsIsNotCounted() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    long cut = count("comment/cut_to_fit");

    ChangeInfo backport = backport(prerequisite.changeId);

    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(count("comment/cut_to_fit")).isEqualTo(cut);
  }

  @Test
  public void aPostThatCannotBeMadeIsCountedByCause() throws Exception {
    setProjectConfig(project, c -> c.setString("plugin", "backport-guard", "label", "Nope"));
    long label = count("posting/failures", "label");
    long notPosted = count("evaluation/count", "not_posted");
    createBranch(project, BRANCH);

    create(BRANCH, message("One", "Depends-On: " + newChangeId()));
    create(BRANCH, message("Two", "Depends-On: " + newChangeId()));
    awaitEvaluations();

    // Counted every time, though the log says it once an hour.
    assertThat(count("posting/failures", "label")).isEqualTo(label + 2);
    assertThat(count("evaluation/count", "not_posted")).isEqualTo(notPosted + 2);
  }

  /**
   * A callback metric's value. TestMetricMaker records them from Gerrit 3.12 ({@code
   * getCallbackMetricValue}); this tree also builds against 3.10 and 3.11, whose TestMetricMaker
   * does not, so the test is skipped there.
   */
  private Object callbackValue(String name) throws Exception {
    Method get;
    try {
      get = TestMetricMaker.class.getMethod("getCallbackMetricValue", String.class);
    } catch (NoSuchMethodException e) {
      assumeTrue("this Gerrit's TestMetricMaker does not record callback metrics", false);
      return null;
    }
    return get.invoke(metrics, name);
  }

  @Test
  public void thePluginsWorkQueueHasGerritsQueueMetrics() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);
    // Named by Gerrit after the queue, which is named after the plugin; in every release 3.10+.
    assertThat(callbackValue("queue/backportguard/max_pool_size")).isNotNull();
    assertThat((Long) callbackValue("queue/backportguard/pool_size"))
        .isAtMost(plugin.getSysInjector().getInstance(ServerSettings.class).threads());

    CountDownLatch release = holdQueue();
    try {
      // What else waits (a delayed retry, another test's leftovers) is not this test's business.
      int waiting = (Integer) callbackValue("queue/backportguard/scheduled_tasks");
      queue().submit(project, Change.id(backport._number));
      assertThat(callbackValue("queue/backportguard/scheduled_tasks")).isEqualTo(waiting + 1);
    } finally {
      release.countDown();
    }
    awaitEvaluations();
  }
}
