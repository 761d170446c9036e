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

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.flogger.FluentLogger;
import com.google.gerrit.entities.Account;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.PatchSet;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.extensions.registration.DynamicItem;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.gerrit.server.config.UrlFormatter;
import com.google.gerrit.server.git.GitRepositoryManager;
import com.google.gerrit.server.notedb.ChangeNotes;
import com.google.gerrit.server.permissions.PermissionBackendException;
import com.google.gerrit.server.project.NoSuchChangeException;
import com.google.gerrit.server.project.NoSuchProjectException;
import com.google.gerrit.server.util.ManualRequestContext;
import com.google.gerrit.server.util.OneOffRequestContext;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.config.InvalidSettingsException;
import com.googlesource.gerrit.plugins.backportguard.config.ProjectSettings;
import com.googlesource.gerrit.plugins.backportguard.config.ProjectSettingsLoader;
import com.googlesource.gerrit.plugins.backportguard.config.ServerSettings;
import com.googlesource.gerrit.plugins.backportguard.config.ServiceAccount;
import com.googlesource.gerrit.plugins.backportguard.evaluate.MisconfigurationLog.Setting;
import com.googlesource.gerrit.plugins.backportguard.metrics.BackportGuardMetrics;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependencies;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependency;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyFooterParser;
import com.googlesource.gerrit.plugins.backportguard.resolve.CheckedChange;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResolver;
import com.googlesource.gerrit.plugins.backportguard.resolve.Resolution;
import com.googlesource.gerrit.plugins.backportguard.verdict.BackportPolicy;
import com.googlesource.gerrit.plugins.backportguard.verdict.CommentLimit;
import com.googlesource.gerrit.plugins.backportguard.verdict.Verdict;
import com.googlesource.gerrit.plugins.backportguard.verdict.VerdictComment;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

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
  private final OneOffRequestContext requestContext;
  private final ChangeNotes.Factory notesFactory;
  private final GitRepositoryManager repoManager;
  private final DependencyResolver resolver;
  private final VotePoster poster;
  private final DependencyFooterParser parser;
  private final VerdictComment comment;
  private final String pluginName;

  @Inject
  ChangeEvaluator(
      ServerSettings serverSettings,
      ProjectSettingsLoader projectSettings,
      MisconfigurationLog misconfiguration,
      ServiceAccount serviceAccount,
      OneOffRequestContext requestContext,
      ChangeNotes.Factory notesFactory,
      GitRepositoryManager repoManager,
      DependencyResolver resolver,
      VotePoster poster,
      DependencyFooterParser parser,
      CommentLimit commentLimit,
      DynamicItem<UrlFormatter> urlFormatter,
      BackportGuardMetrics metrics,
      @PluginName String pluginName) {
    this.serverSettings = serverSettings;
    this.projectSettings = projectSettings;
    this.misconfiguration = misconfiguration;
    this.serviceAccount = serviceAccount;
    this.requestContext = requestContext;
    this.notesFactory = notesFactory;
    this.repoManager = repoManager;
    this.resolver = resolver;
    this.poster = poster;
    this.parser = parser;
    this.pluginName = pluginName;
    this.comment =
        new VerdictComment(
            (p, n) ->
                urlFormatter
                    .get()
                    .getChangeViewUrl(Project.nameKey(p), Change.id(n))
                    // Without gerrit.canonicalWebUrl, a link relative to the server's root.
                    .orElse("/c/" + p + "/+/" + n),
            commentLimit.budget(),
            pluginName,
            metrics::commentCut);
  }

  /** Evaluates the current patch set of the change. */
  public EvaluationReport evaluate(Project.NameKey project, Change.Id changeId)
      throws RestApiException, IOException, PermissionBackendException {
    long start = System.nanoTime();
    EvaluationReport report = evaluateCurrentPatchSet(project, changeId);
    return report.withCost(report.indexQueries(), Duration.ofNanos(System.nanoTime() - start));
  }

  private EvaluationReport evaluateCurrentPatchSet(Project.NameKey project, Change.Id changeId)
      throws RestApiException, IOException, PermissionBackendException {
    ProjectSettings settings;
    try {
      settings = projectSettings.load(project);
    } catch (NoSuchProjectException e) {
      return EvaluationReport.skipped(project, changeId, "no such project");
    } catch (InvalidSettingsException e) {
      misconfiguration.report(project, Setting.PROJECT_SETTINGS, e.getMessage());
      // No stale vote stays while the settings are broken; the comment says what to fix.
      return poster.withdraw(
          project,
          changeId,
          String.format(MISCONFIGURED, pluginName, pluginName, e.key()),
          "invalid project settings");
    }
    if (!settings.enabled()) {
      return poster.withdraw(
          project, changeId, String.format(DISABLED, pluginName), "disabled for the project");
    }
    ChangeNotes notes;
    try {
      notes = notesFactory.createChecked(project, changeId);
    } catch (NoSuchChangeException e) {
      return EvaluationReport.skipped(project, changeId, "no such change");
    }
    Change change = notes.getChange();
    // Private changes are their owner's business until they are published.
    if (!change.isNew()) {
      return EvaluationReport.skipped(project, changeId, "not open");
    }
    if (change.isPrivate()) {
      return EvaluationReport.skipped(project, changeId, "private");
    }
    PatchSet patchSet = notes.getCurrentPatchSet();
    String message;
    Optional<String> defaultBranch;
    // One repository open per check: this runs for every patch set on the server.
    try (Repository repo = repoManager.openRepository(project)) {
      message = commitMessage(repo, patchSet);
      defaultBranch = defaultBranch(repo);
    }
    String branch = change.getDest().shortName();
    DeclaredDependencies declared = parser.parse(message);
    boolean applies =
        settings.checkAllChanges()
            || BackportPolicy.isBackport(
                branch,
                defaultBranch,
                settings.backportBranches(),
                change.getCherryPickOf() != null,
                message);

    Outcome outcome;
    Optional<Account.Id> bot;
    int queries = 0;
    if (!applies || declared.isEmpty()) {
      // Nothing to check. Say so only where the plugin spoke before, to take back its verdict.
      bot = serviceAccount(project, false);
      if (bot.isEmpty() || !Posting.answersNothingToCheck(poster.spokeBefore(notes, bot.get()))) {
        return EvaluationReport.skipped(
            project, changeId, applies ? "declares no dependency" : "not a backport");
      }
      outcome = new Outcome(0, applies ? NO_DEPENDENCY : NOT_CHECKED);
    } else {
      bot = serviceAccount(project, true);
      if (bot.isEmpty()) {
        return EvaluationReport.notPosted(project, changeId, "no service account");
      }
      CheckedChange checked =
          new CheckedChange(
              project, changeId.get(), change.getKey().get(), branch, patchSet.createdOn());
      try {
        Resolution resolution =
            resolve(
                checked,
                change.getOwner(),
                // Uploaded on someone's behalf (run-as): the real uploader wrote it as well.
                ImmutableSet.of(patchSet.uploader(), patchSet.realUploader()),
                declared);
        queries = resolution.indexQueries();
        Verdict verdict = verdict(checked, settings, declared, resolution);
        outcome =
            new Outcome(
                verdict.passes() ? settings.passVote() : settings.failVote(),
                comment.format(verdict));
      } catch (RestApiException | IOException | RuntimeException e) {
        if (EvaluationQueue.isTransient(e)) {
          throw e; // The queue tries again.
        }
        // Trying again would meet it again: fail closed rather than leave the change unguarded.
        // Not rate-limited: the comment sends the change's readers to an admin and this line.
        logger.atSevere().withCause(e).log(
            "Cannot check the dependencies of change %d in project %s; voting %d",
            changeId.get(), project.get(), settings.failVote());
        outcome = new Outcome(settings.failVote(), CheckFailure.comment(e));
      }
    }
    EvaluationReport report =
        poster.apply(notes, settings, outcome, bot.get(), serverSettings.account().get());
    return report.withCost(queries, report.elapsed());
  }

  /**
   * Resolves for the readers of the change: the comment names only what the owner, the uploader of
   * the patch set (who wrote its footers; and its real uploader, if it was uploaded on someone's
   * behalf) and every reader of the change can see. The index is queried as the owner, so that it
   * never returns more than the owner can see.
   */
  private Resolution resolve(
      CheckedChange change,
      Account.Id owner,
      ImmutableSet<Account.Id> uploaders,
      DeclaredDependencies declared)
      throws RestApiException, IOException {
    int max = serverSettings.maxDependencies();
    List<DeclaredDependency> all = declared.dependencies();
    try (ManualRequestContext ctx = requestContext.openAs(owner)) {
      return resolver.resolve(
          change,
          owner,
          uploaders,
          all.subList(0, Math.min(max, all.size())),
          serverSettings.maxChainDepth(),
          max);
    }
  }

  private Verdict verdict(
      CheckedChange change,
      ProjectSettings settings,
      DeclaredDependencies declared,
      Resolution resolution) {
    List<DeclaredDependency> all = declared.dependencies();
    return new Verdict(
        change.project().get(),
        change.branch(),
        resolution.results(),
        declared.unreadable(),
        settings.blockOnNotFound(),
        resolution.chain(),
        all.subList(resolution.results().size(), all.size()).stream()
            .map(DeclaredDependency::line)
            .collect(ImmutableList.toImmutableList()),
        serverSettings.maxDependencies());
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

  private static String commitMessage(Repository repo, PatchSet patchSet) throws IOException {
    try (RevWalk rw = new RevWalk(repo)) {
      return rw.parseCommit(patchSet.commitId()).getFullMessage();
    }
  }

  /** The branch the project's HEAD points to. */
  private static Optional<String> defaultBranch(Repository repo) throws IOException {
    Ref head = repo.exactRef(Constants.HEAD);
    if (head != null && head.isSymbolic()) {
      return Optional.of(Repository.shortenRefName(head.getTarget().getName()));
    }
    return Optional.empty();
  }
}
