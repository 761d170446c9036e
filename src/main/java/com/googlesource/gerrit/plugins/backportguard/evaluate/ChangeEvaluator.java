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
import com.google.gerrit.entities.Account;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.extensions.registration.DynamicItem;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.gerrit.server.config.UrlFormatter;
import com.google.gerrit.server.notedb.ChangeNotes;
import com.google.gerrit.server.permissions.PermissionBackendException;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.assess.Assessment;
import com.googlesource.gerrit.plugins.backportguard.assess.Assessor;
import com.googlesource.gerrit.plugins.backportguard.assess.Viewer;
import com.googlesource.gerrit.plugins.backportguard.config.ProjectSettings;
import com.googlesource.gerrit.plugins.backportguard.config.ProjectSettingsLoader;
import com.googlesource.gerrit.plugins.backportguard.config.ServerSettings;
import com.googlesource.gerrit.plugins.backportguard.config.ServiceAccount;
import com.googlesource.gerrit.plugins.backportguard.evaluate.MisconfigurationLog.Setting;
import com.googlesource.gerrit.plugins.backportguard.metrics.BackportGuardMetrics;
import com.googlesource.gerrit.plugins.backportguard.page.PrerequisitesPage;
import com.googlesource.gerrit.plugins.backportguard.store.Outcomes;
import com.googlesource.gerrit.plugins.backportguard.verdict.CommentLimit;
import com.googlesource.gerrit.plugins.backportguard.verdict.Verdict;
import com.googlesource.gerrit.plugins.backportguard.verdict.VerdictComment;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks the current patch set of one change and brings the plugin's vote and comment on it up to
 * date. Runs on the plugin's work queue, never on a Gerrit request thread.
 *
 * <p>Most changes declare nothing: for them the check reads only the project settings, the change
 * notes and the commit message, and neither looks up the service account nor queries the index.
 */
public class ChangeEvaluator {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  static final String NO_DEPENDENCY =
      VerdictComment.HEADER + "this patch set declares no dependency; nothing to check.";
  static final String NOT_CHECKED =
      VerdictComment.HEADER + "this change is no longer checked (not a backport); nothing to do.";
  static final String DISABLED =
      VerdictComment.HEADER
          + "off for this project ([plugin \"%s\"] enabled = false in its"
          + " project.config, or a parent's), so the earlier vote is withdrawn.";

  /** Names the key only: the comment's readers may not be allowed to read project.config. */
  static final String MISCONFIGURED =
      VerdictComment.HEADER
          + "not checked: the project's %s settings are invalid, so the earlier vote"
          + " is withdrawn until a project owner fixes [plugin \"%s\"] %s in project.config (a"
          + " push of refs/meta/config and the server's error_log say what is wrong).";

  private final ServerSettings serverSettings;
  private final ProjectSettingsLoader projectSettings;
  private final MisconfigurationLog misconfiguration;
  private final ServiceAccount serviceAccount;
  private final Assessor assessor;
  private final VotePoster poster;
  private final VerdictComment comment;
  private final BackportGuardMetrics metrics;
  private final String pluginName;

  @Inject
  ChangeEvaluator(
      ServerSettings serverSettings,
      ProjectSettingsLoader projectSettings,
      MisconfigurationLog misconfiguration,
      ServiceAccount serviceAccount,
      Assessor assessor,
      VotePoster poster,
      CommentLimit commentLimit,
      DynamicItem<UrlFormatter> urlFormatter,
      BackportGuardMetrics metrics,
      @PluginName String pluginName) {
    this.serverSettings = serverSettings;
    this.projectSettings = projectSettings;
    this.misconfiguration = misconfiguration;
    this.serviceAccount = serviceAccount;
    this.assessor = assessor;
    this.poster = poster;
    this.pluginName = pluginName;
    this.metrics = metrics;
    this.comment =
        new VerdictComment(
            (p, n) ->
                urlFormatter
                    .get()
                    .getChangeViewUrl(Project.nameKey(p), Change.id(n))
                    // Without gerrit.canonicalWebUrl, a link relative to the server's root.
                    .orElse("/c/" + p + "/+/" + n),
            (p, n) -> PrerequisitesPage.link(urlFormatter.get().getWebUrl(), pluginName, p, n),
            commentLimit.budget(),
            pluginName,
            metrics::commentCut);
  }

  /** Evaluates the current patch set of the change. */
  public EvaluationReport evaluate(Project.NameKey project, Change.Id changeId)
      throws RestApiException, IOException, PermissionBackendException {
    long start = System.nanoTime();
    EvaluationReport report = evaluateCurrentPatchSet(project, changeId);
    return report.withCost(
        report.indexQueries(), report.objectsRead(), Duration.ofNanos(System.nanoTime() - start));
  }

  private EvaluationReport evaluateCurrentPatchSet(Project.NameKey project, Change.Id changeId)
      throws RestApiException, IOException, PermissionBackendException {
    Assessment subject = assessor.subject(project, changeId);
    switch (subject.status()) {
      case NO_SUCH_PROJECT:
      case NO_SUCH_CHANGE:
        return EvaluationReport.skipped(project, changeId, subject.detail());
      case MISCONFIGURED:
        misconfiguration.report(
            project, Setting.PROJECT_SETTINGS, subject.failure().get().getMessage());
        // No stale vote stays while the settings are broken; the comment says what to fix.
        return poster
            .withdraw(
                project,
                changeId,
                String.format(MISCONFIGURED, pluginName, pluginName, subject.detail()),
                "invalid project settings")
            .withDecision(EvaluationReport.Decision.withdrawn());
      case DISABLED:
        return poster
            .withdraw(
                project, changeId, String.format(DISABLED, pluginName), "disabled for the project")
            .withDecision(EvaluationReport.Decision.withdrawn());
      case CLOSED:
        return EvaluationReport.skipped(project, changeId, "not open");
      case PRIVATE:
        // Not checked while private: its last decision would go stale unsaid.
        return EvaluationReport.skipped(project, changeId, "private")
            .withDecision(EvaluationReport.Decision.withdrawn());
      default:
        break;
    }
    ChangeNotes notes = subject.notes().get();
    ProjectSettings settings = subject.settings().get();
    boolean applies = subject.status() != Assessment.Status.NOT_BACKPORT;

    Outcome outcome;
    Optional<Account.Id> bot;
    int queries = 0;
    int objects = 0;
    int patchSet = notes.getCurrentPatchSet().id().get();
    // What is decided, for the verdict store: the outcome keyword and the missing count.
    String decided;
    int missing = 0;
    if (subject.status() != Assessment.Status.TO_RESOLVE) {
      // Nothing to check. Say so only where the plugin spoke before, to take back its verdict.
      decided = applies ? Outcomes.NO_DEPENDENCY : Outcomes.NOT_BACKPORT;
      bot = serviceAccount(project, false);
      if (bot.isEmpty() || !Posting.answersNothingToCheck(poster.spokeBefore(notes, bot.get()))) {
        return EvaluationReport.skipped(
                project, changeId, applies ? "declares no dependency" : "not a backport")
            .withDecision(new EvaluationReport.Decision(patchSet, decided, 0, 0));
      }
      outcome = new Outcome(0, applies ? NO_DEPENDENCY : NOT_CHECKED);
    } else {
      bot = serviceAccount(project, true);
      if (bot.isEmpty()) {
        return EvaluationReport.notPosted(project, changeId, "no service account");
      }
      Assessment assessment = assessor.resolve(subject, Viewer.readersOfChange());
      queries = assessment.indexQueries();
      objects = assessment.objectsRead();
      Optional<Exception> failure = assessment.failure();
      if (failure.isEmpty()) {
        try {
          Verdict verdict = assessment.verdict().get();
          outcome = new Outcome(assessment.vote().get(), comment.format(verdict, changeId.get()));
          missing = (int) verdict.missingCount();
        } catch (RuntimeException e) {
          failure = Optional.of(e);
          outcome = null;
        }
      } else {
        outcome = null;
      }
      if (failure.isPresent()) {
        // Not rate-limited: the comment sends the change's readers to an admin and this line.
        logger.atSevere().withCause(failure.get()).log(
            "Cannot check the dependencies of change %d in project %s; voting %d",
            changeId.get(), project.get(), settings.failVote());
        outcome = new Outcome(settings.failVote(), CheckFailure.comment(failure.get()));
        decided = Outcomes.ERROR;
      } else {
        decided =
            assessment.passes()
                ? Outcomes.PASSES
                : missing > 0 ? Outcomes.MISSING : Outcomes.BLOCKED;
      }
      metrics.verdict(
          failure.isPresent()
              ? BackportGuardMetrics.Verdict.CHECK_FAILED
              : assessment.passes()
                  ? BackportGuardMetrics.Verdict.PASSED
                  : BackportGuardMetrics.Verdict.BLOCKED);
    }
    EvaluationReport report =
        poster.apply(notes, settings, outcome, bot.get(), serverSettings.account().get());
    return report
        .withCost(queries, objects, report.elapsed())
        .withDecision(new EvaluationReport.Decision(patchSet, decided, outcome.vote(), missing));
  }

  /**
   * The service account, if configured and active.
   *
   * @param reportProblems whether to log a misconfiguration: only where the plugin has something to
   *     say
   */
  private Optional<Account.Id> serviceAccount(Project.NameKey project, boolean reportProblems) {
    Optional<String> name = serverSettings.account();
    if (name.isEmpty()) {
      if (reportProblems) {
        misconfiguration.report(
            project,
            Setting.SERVICE_ACCOUNT,
            "no service account is configured: set "
                + serverSettings.gerritConfigKey(ServerSettings.KEY_ACCOUNT)
                + " in gerrit.config to the username of the account that votes");
      }
      return Optional.empty();
    }
    Optional<Account.Id> account = serviceAccount.id();
    if (account.isEmpty()) {
      if (reportProblems) {
        misconfiguration.report(
            project,
            Setting.SERVICE_ACCOUNT,
            String.format(
                "%s = %s names no active account: create it or fix the setting in gerrit.config",
                serverSettings.gerritConfigKey(ServerSettings.KEY_ACCOUNT), name.get()));
      }
      return Optional.empty();
    }
    return account;
  }
}
