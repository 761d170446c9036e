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

package com.googlesource.gerrit.plugins.backportguard.requirement;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.flogger.FluentLogger;
import com.google.gerrit.entities.Account;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.PatchSetApproval;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.server.query.change.ChangeData;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.googlesource.gerrit.plugins.backportguard.assess.Assessment;
import com.googlesource.gerrit.plugins.backportguard.assess.Assessor;
import com.googlesource.gerrit.plugins.backportguard.assess.Viewer;
import com.googlesource.gerrit.plugins.backportguard.config.ProjectSettings;
import com.googlesource.gerrit.plugins.backportguard.config.ServiceAccount;
import com.googlesource.gerrit.plugins.backportguard.metrics.BackportGuardMetrics;
import com.googlesource.gerrit.plugins.backportguard.metrics.BackportGuardMetrics.OperandResult;
import java.time.Duration;
import java.util.Optional;

/**
 * Computes {@code has:prerequisites-merged_<plugin>} for a change, fresh, with the same code and
 * the same bounds ({@code maxQueriesPerCheck}, {@code maxCommitsPerCheck}, {@code maxDependencies},
 * {@code maxChainDepth}) as the plugin's vote, so the two never disagree on the same state.
 *
 * <p>Gerrit evaluates submit requirements on its own threads (a request's, an indexing one's), so
 * this never throws and never retries: whatever keeps it from deciding (an error, a lock held, the
 * index down) answers "unsatisfied", and says why in one WARNING line per change and reason every
 * ten minutes.
 *
 * <p>Resolved for the readers of the change, in its owner's request context, whoever evaluates the
 * requirement: the answer does not depend on who looks, and tells them nothing but pass or fail.
 */
@Singleton
public class PrerequisitesMergedCheck {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  static final Duration QUIET_PERIOD = Duration.ofMinutes(10);

  private final Assessor assessor;
  private final ServiceAccount serviceAccount;
  private final BackportGuardMetrics metrics;
  private final String pluginName;
  private final Cache<String, Boolean> loggedRecently =
      CacheBuilder.newBuilder().expireAfterWrite(QUIET_PERIOD).maximumSize(10_000).build();

  @Inject
  PrerequisitesMergedCheck(
      Assessor assessor,
      ServiceAccount serviceAccount,
      BackportGuardMetrics metrics,
      @PluginName String pluginName) {
    this.assessor = assessor;
    this.serviceAccount = serviceAccount;
    this.metrics = metrics;
    this.pluginName = pluginName;
  }

  /**
   * The answer for the current patch set of the change, as of now; while Gerrit indexes the change,
   * from the plugin's vote (see {@link #byVote}).
   */
  public PrerequisitesMerged check(ChangeData cd) {
    Project.NameKey project = cd.project();
    Change.Id change = cd.getId();
    long start = System.nanoTime();
    int queries = 0;
    PrerequisitesMerged answer;
    Exception cause = null;
    try {
      Assessment assessment = assessor.subject(project, change);
      if (assessment.status() != Assessment.Status.TO_RESOLVE) {
        answer = PrerequisitesMerged.of(assessment);
      } else if (Indexing.now()) {
        answer = byVote(assessment, cd);
        metrics.operandAnsweredFromVote();
      } else {
        assessment = assessor.resolve(assessment, Viewer.readersOfChange());
        queries = assessment.indexQueries();
        answer = PrerequisitesMerged.of(assessment);
        if (assessment.failure().isPresent()) {
          cause = assessment.failure().get();
        }
      }
    } catch (Exception e) {
      // Transient ones too: a request thread is no place to back off and try again.
      cause = e;
      answer = PrerequisitesMerged.failedClosed(e.getClass().getSimpleName());
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    metrics.operandEvaluated(
        answer.satisfied()
            ? OperandResult.SATISFIED
            : answer.failedClosed() ? OperandResult.FAILED_CLOSED : OperandResult.UNSATISFIED,
        elapsed,
        queries);
    if (answer.failedClosed()) {
      logFailedClosed(project, change, answer, cause);
    }
    logger.atFine().log(
        "has:prerequisites-merged_%s for change %d in project %s: %s (%d index queries, %d ms)",
        pluginName, change.get(), project.get(), answer.satisfied(), queries, elapsed.toMillis());
    return answer;
  }

  /**
   * The answer while Gerrit indexes the change, which must not query the index (see {@link
   * Indexing}): satisfied unless the plugin's vote on the current patch set is its failing one.
   * Only {@code is:submittable} in searches is computed so; the change's page and submit check
   * afresh. A new patch set the plugin has not checked yet reads as satisfied until its vote is
   * posted, which indexes the change again.
   */
  private PrerequisitesMerged byVote(Assessment assessment, ChangeData cd) {
    Optional<Account.Id> bot = serviceAccount.id();
    if (bot.isEmpty()) {
      return PrerequisitesMerged.failedClosed("no service account, so no vote to read");
    }
    ProjectSettings settings = assessment.settings().get();
    for (PatchSetApproval a : cd.currentApprovals()) {
      if (a.accountId().equals(bot.get())
          && a.label().equalsIgnoreCase(settings.label())
          && a.value() == settings.failVote()
          && settings.failVote() != settings.passVote()) {
        return PrerequisitesMerged.MISSING;
      }
    }
    return PrerequisitesMerged.SATISFIED;
  }

  private void logFailedClosed(
      Project.NameKey project, Change.Id change, PrerequisitesMerged answer, Exception cause) {
    String key = project.get() + '\n' + change.get() + '\n' + answer.why();
    if (loggedRecently.asMap().putIfAbsent(key, true) != null) {
      return;
    }
    logger.atWarning().withCause(cause).log(
        "has:prerequisites-merged_%s is unsatisfied for change %d in project %s, failing closed:"
            + " %s (logged once every %d minutes per change and reason)",
        pluginName, change.get(), project.get(), answer.why(), QUIET_PERIOD.toMinutes());
  }
}
