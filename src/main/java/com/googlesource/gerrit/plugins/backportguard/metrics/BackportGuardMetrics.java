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

import com.google.common.base.Supplier;
import com.google.common.flogger.FluentLogger;
import com.google.gerrit.metrics.Counter0;
import com.google.gerrit.metrics.Counter1;
import com.google.gerrit.metrics.Description;
import com.google.gerrit.metrics.DisabledMetricMaker;
import com.google.gerrit.metrics.Field;
import com.google.gerrit.metrics.Histogram0;
import com.google.gerrit.metrics.MetricMaker;
import com.google.gerrit.metrics.Timer1;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Every metric of the plugin, defined in one place (Documentation/metrics.md lists them). Gerrit
 * names them {@code plugins/<plugin name>/...}; the work queue's own metrics are Gerrit's {@code
 * queue/<queue name>/...}.
 *
 * <p>Fields take values of the enums here only, so that no metric grows a series per project,
 * change or label.
 */
@Singleton
public class BackportGuardMetrics {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  /** What an evaluation of a change did. */
  public enum Result {
    /** Nothing to check or say: closed, private, not a backport or declaring nothing. */
    SKIPPED,
    /** The vote and comment on the change already said it: nothing posted. */
    UNCHANGED,
    /** The vote or the comment was brought up to date. */
    UPDATED,
    /** The plugin could not post: see {@code posting/failures}. */
    NOT_POSTED,
    /** The evaluation threw, and failed again after every retry. */
    ERROR;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What the plugin decided for a backport that declares dependencies. */
  public enum Verdict {
    /** Every prerequisite is merged on the branch (or does not block). */
    PASSED,
    /** A prerequisite blocks: missing on the branch, not found, not understood. */
    BLOCKED,
    /** The check could not complete: the plugin votes against the change (fails closed). */
    CHECK_FAILED;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Why the plugin could not post its vote and comment. */
  public enum PostingFailure {
    /** No service account is configured, or it names no active account. */
    SERVICE_ACCOUNT,
    /** The project's settings are invalid. */
    PROJECT_SETTINGS,
    /** The label is missing, or the vote is outside its range. */
    LABEL,
    /** The service account may not vote or review. */
    VOTE_PERMISSION,
    /** The service account cannot see the change. */
    READ_PERMISSION,
    /** The evaluation threw and failed again after every retry (a refused review, an outage). */
    ERROR;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What asked for a re-check of other changes. */
  public enum Trigger {
    /** A change was abandoned, restored or made public or private; or the check command. */
    DEPENDENTS_OF,
    /** A new patch set, which may declare other dependencies. */
    NEW_PATCH_SET,
    /** Commits reached a branch (a push or a submit). */
    BRANCH_UPDATED,
    /** A change was merged. */
    MERGED,
    /** A change's topic was edited. */
    TOPIC_EDITED,
    /** A change was deleted. */
    DELETED;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The answer of the submit-requirement operand. */
  public enum OperandResult {
    /** Nothing declared, not a backport, or every prerequisite merged on the branch. */
    SATISFIED,
    /** A prerequisite is not merged on the branch. */
    UNSATISFIED,
    /** The check could not complete (a bound reached, an error): answered unsatisfied. */
    FAILED_CLOSED;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final MetricMaker metrics;
  private final Counter1<String> evaluations;
  private final Counter1<String> verdicts;
  private final Timer1<String> evaluationLatency;
  private final Counter0 indexQueries;
  private final Histogram0 indexQueriesPerEvaluation;
  private final Counter0 objectsRead;
  private final Histogram0 objectsReadPerEvaluation;
  private final Counter0 evaluationsCoalesced;
  private final Counter1<String> rechecksTriggered;
  private final Counter0 rechecksCoalesced;
  private final Counter0 rechecksQueued;
  private final Counter0 postsSkippedUnchanged;
  private final Counter1<String> postingFailures;
  private final Counter0 commentsCut;
  private final Counter1<String> operandEvaluations;
  private final Timer1<String> operandLatency;
  private final Counter0 operandIndexQueries;
  private final Counter0 operandFromVote;

  @Inject
  BackportGuardMetrics(MetricMaker metrics) {
    this.metrics = metrics;
    evaluations =
        metrics.newCounter(
            "evaluation/count",
            new Description("Evaluations of a change's current patch set, by what they did")
                .setCumulative()
                .setUnit("evaluations"),
            stringField("result", "What the evaluation did"));
    verdicts =
        metrics.newCounter(
            "evaluation/verdicts",
            new Description("Verdicts on backports that declare dependencies, by outcome")
                .setCumulative()
                .setUnit("verdicts"),
            stringField("outcome", "What the plugin decided"));
    evaluationLatency =
        metrics.newTimer(
            "evaluation/latency",
            new Description("Time to evaluate a change and post the outcome, by what it did")
                .setCumulative()
                .setUnit(Description.Units.MILLISECONDS),
            stringField("result", "What the evaluation did"));
    indexQueries =
        metrics.newCounter(
            "evaluation/index_queries",
            new Description("Index queries made by evaluations")
                .setCumulative()
                .setUnit("queries"));
    indexQueriesPerEvaluation =
        metrics.newHistogram(
            "evaluation/index_queries_per_evaluation",
            new Description("Index queries made by one evaluation")
                .setCumulative()
                .setUnit("queries"));
    objectsRead =
        metrics.newCounter(
            "evaluation/objects_read",
            new Description("Git objects read by evaluations").setCumulative().setUnit("objects"));
    objectsReadPerEvaluation =
        metrics.newHistogram(
            "evaluation/objects_read_per_evaluation",
            new Description("Git objects read by one evaluation")
                .setCumulative()
                .setUnit("objects"));
    evaluationsCoalesced =
        metrics.newCounter(
            "evaluation/coalesced",
            new Description(
                    "Requests to evaluate a change that joined an evaluation of it already"
                        + " waiting")
                .setCumulative()
                .setUnit("requests"));
    rechecksTriggered =
        metrics.newCounter(
            "recheck/triggered",
            new Description("Events that asked to re-check the changes depending on others")
                .setCumulative()
                .setUnit("events"),
            stringField("trigger", "What asked for the re-check"));
    rechecksCoalesced =
        metrics.newCounter(
            "recheck/coalesced",
            new Description("Re-check lookups that joined an identical lookup already waiting")
                .setCumulative()
                .setUnit("lookups"));
    rechecksQueued =
        metrics.newCounter(
            "recheck/changes_queued",
            new Description("Evaluations of dependent changes queued by re-checks")
                .setCumulative()
                .setUnit("changes"));
    postsSkippedUnchanged =
        metrics.newCounter(
            "posting/skipped_unchanged",
            new Description("Evaluations that posted nothing: the vote and comment already said it")
                .setCumulative()
                .setUnit("evaluations"));
    postingFailures =
        metrics.newCounter(
            "posting/failures",
            new Description("Times the plugin could not post its vote and comment, by cause")
                .setCumulative()
                .setUnit("failures"),
            stringField("cause", "Why it could not post"));
    commentsCut =
        metrics.newCounter(
            "comment/cut_to_fit",
            new Description(
                    "Comments shortened (entries left out or text cut) to fit"
                        + " change.commentSizeLimit")
                .setCumulative()
                .setUnit("comments"));
    operandEvaluations =
        metrics.newCounter(
            "submit_requirement/evaluations",
            new Description(
                    "Evaluations of has:prerequisites-merged in a submit requirement, by result")
                .setCumulative()
                .setUnit("evaluations"),
            stringField("result", "The operand's answer"));
    operandLatency =
        metrics.newTimer(
            "submit_requirement/latency",
            new Description("Time to evaluate has:prerequisites-merged, by result")
                .setCumulative()
                .setUnit(Description.Units.MILLISECONDS),
            stringField("result", "The operand's answer"));
    operandIndexQueries =
        metrics.newCounter(
            "submit_requirement/index_queries",
            new Description("Index queries made by has:prerequisites-merged")
                .setCumulative()
                .setUnit("queries"));
    operandFromVote =
        metrics.newCounter(
            "submit_requirement/answered_from_vote",
            new Description(
                    "Evaluations of has:prerequisites-merged answered from the plugin's vote, while"
                        + " Gerrit indexed the change")
                .setCumulative()
                .setUnit("evaluations"));
  }

  private static Field<String> stringField(String name, String description) {
    return Field.ofString(name, Field.ignoreMetadata()).description(description).build();
  }

  /** Records what one evaluation did, its time, index queries and git objects read. */
  public void evaluated(Result result, Duration elapsed, int queries, int objects) {
    evaluations.increment(result.key());
    evaluationLatency.record(result.key(), elapsed.toNanos(), TimeUnit.NANOSECONDS);
    indexQueries.incrementBy(queries);
    indexQueriesPerEvaluation.record(queries);
    objectsRead.incrementBy(objects);
    objectsReadPerEvaluation.record(objects);
  }

  /** An evaluation that threw, and failed again after every retry. */
  public void evaluationFailed() {
    evaluations.increment(Result.ERROR.key());
    postingFailures.increment(PostingFailure.ERROR.key());
  }

  /** What the plugin decided for a backport that declares dependencies, before posting it. */
  public void verdict(Verdict verdict) {
    verdicts.increment(verdict.key());
  }

  public void evaluationCoalesced() {
    evaluationsCoalesced.increment();
  }

  public void recheckTriggered(Trigger trigger) {
    rechecksTriggered.increment(trigger.key());
  }

  public void recheckCoalesced() {
    rechecksCoalesced.increment();
  }

  public void recheckQueued(int changes) {
    rechecksQueued.incrementBy(changes);
  }

  public void postSkippedUnchanged() {
    postsSkippedUnchanged.increment();
  }

  public void postingFailed(PostingFailure cause) {
    postingFailures.increment(cause.key());
  }

  public void commentCut() {
    commentsCut.increment();
  }

  /** Records one answer of the submit-requirement operand, its time and index queries. */
  public void operandEvaluated(OperandResult result, Duration elapsed, int queries) {
    operandEvaluations.increment(result.key());
    operandLatency.record(result.key(), elapsed.toNanos(), TimeUnit.NANOSECONDS);
    operandIndexQueries.incrementBy(queries);
  }

  /** An answer of the operand read from the plugin's vote, while Gerrit indexed the change. */
  public void operandAnsweredFromVote() {
    operandFromVote.increment();
  }

  /** Publishes the number of changes waiting or being evaluated, read when metrics are reported. */
  public void evaluationQueueDepth(Supplier<Integer> size) {
    queueDepth("evaluation", "changes waiting or being evaluated", size);
  }

  /** Publishes the number of re-check lookups waiting or running. */
  public void recheckQueueDepth(Supplier<Integer> size) {
    queueDepth("recheck", "re-check lookups waiting or running", size);
  }

  /**
   * A gauge read when the metrics are reported. Each queue registers once: it lives as long as the
   * plugin, and Gerrit removes the gauge when the plugin stops.
   */
  private void queueDepth(String queue, String what, Supplier<Integer> size) {
    String name = queue + "/queue_depth";
    try {
      metrics.newCallbackMetric(
          name,
          Integer.class,
          new Description("Number of " + what).setGauge().setUnit("entries"),
          size);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // A hot reload starts the new instance before the old one stops and frees the name.
      logger.atWarning().log(
          "Metric %s is not published until the plugin is reloaded again or Gerrit restarts: %s",
          name, e.getMessage());
    }
  }

  /** Metrics that go nowhere, for unit tests of the classes that record them. */
  public static BackportGuardMetrics disabled() {
    return new BackportGuardMetrics(new DisabledMetricMaker());
  }
}
