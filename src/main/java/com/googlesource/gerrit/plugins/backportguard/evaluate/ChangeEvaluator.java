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
import com.google.gerrit.entities.Account;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.api.GerritApi;
import com.google.gerrit.extensions.client.ChangeStatus;
import com.google.gerrit.extensions.client.ListChangesOption;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.restapi.ResourceNotFoundException;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.gerrit.server.account.AccountCache;
import com.google.gerrit.server.account.AccountState;
import com.google.gerrit.server.git.GitRepositoryManager;
import com.google.gerrit.server.permissions.PermissionBackendException;
import com.google.gerrit.server.project.NoSuchProjectException;
import com.google.gerrit.server.util.ManualRequestContext;
import com.google.gerrit.server.util.OneOffRequestContext;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.config.InvalidSettingsException;
import com.googlesource.gerrit.plugins.backportguard.config.ProjectSettings;
import com.googlesource.gerrit.plugins.backportguard.config.ProjectSettingsLoader;
import com.googlesource.gerrit.plugins.backportguard.config.ServerSettings;
import com.googlesource.gerrit.plugins.backportguard.parse.ChangeUrlParser;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependencies;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyFooterParser;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResolver;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResult;
import com.googlesource.gerrit.plugins.backportguard.verdict.BackportPolicy;
import com.googlesource.gerrit.plugins.backportguard.verdict.Verdict;
import com.googlesource.gerrit.plugins.backportguard.verdict.VerdictComment;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * Checks the current patch set of one change and brings the plugin's vote and comment on it up to
 * date. Runs on the plugin's work queue, never on a Gerrit request thread.
 */
public class ChangeEvaluator {
  private static final ImmutableSet<ListChangesOption> CHANGE_OPTIONS =
      ImmutableSet.of(
          ListChangesOption.CURRENT_REVISION,
          ListChangesOption.CURRENT_COMMIT,
          ListChangesOption.DETAILED_LABELS,
          ListChangesOption.MESSAGES,
          ListChangesOption.SKIP_DIFFSTAT);

  static final String NO_DEPENDENCY_ANY_MORE =
      VerdictComment.HEADER + "this patch set declares no dependency; nothing to check.";

  private final ServerSettings serverSettings;
  private final ProjectSettingsLoader projectSettings;
  private final MisconfigurationLog misconfiguration;
  private final AccountCache accountCache;
  private final OneOffRequestContext requestContext;
  private final GerritApi gApi;
  private final GitRepositoryManager repoManager;
  private final DependencyResolver resolver;
  private final VotePoster poster;
  private final DependencyFooterParser parser;
  private final VerdictComment comment;

  @Inject
  ChangeEvaluator(
      ServerSettings serverSettings,
      ProjectSettingsLoader projectSettings,
      MisconfigurationLog misconfiguration,
      AccountCache accountCache,
      OneOffRequestContext requestContext,
      GerritApi gApi,
      GitRepositoryManager repoManager,
      DependencyResolver resolver,
      VotePoster poster) {
    this.serverSettings = serverSettings;
    this.projectSettings = projectSettings;
    this.misconfiguration = misconfiguration;
    this.accountCache = accountCache;
    this.requestContext = requestContext;
    this.gApi = gApi;
    this.repoManager = repoManager;
    this.resolver = resolver;
    this.poster = poster;
    this.parser = new DependencyFooterParser(new ChangeUrlParser(serverSettings.canonicalWebUrl()));
    String base =
        serverSettings.canonicalWebUrl().map(u -> u.endsWith("/") ? u : u + "/").orElse("/");
    this.comment = new VerdictComment((p, n) -> base + "c/" + p + "/+/" + n);
  }

  /** Evaluates the current patch set of the change. */
  public void evaluate(Project.NameKey project, Change.Id changeId)
      throws RestApiException, IOException, PermissionBackendException {
    ProjectSettings settings;
    try {
      settings = projectSettings.load(project);
    } catch (NoSuchProjectException e) {
      return;
    } catch (InvalidSettingsException e) {
      misconfiguration.report(project, e.getMessage());
      return;
    }
    if (!settings.enabled()) {
      return;
    }
    Optional<String> accountName = serverSettings.account();
    if (accountName.isEmpty()) {
      misconfiguration.report(
          project,
          "no service account is configured: set "
              + serverSettings.gerritConfigKey(ServerSettings.KEY_ACCOUNT)
              + " in gerrit.config to the username of the account that votes");
      return;
    }
    Optional<AccountState> account = accountCache.getByUsername(accountName.get());
    if (account.isEmpty() || !account.get().account().isActive()) {
      misconfiguration.report(
          project,
          String.format(
              "%s = %s names no active account: create it or fix the setting in gerrit.config",
              serverSettings.gerritConfigKey(ServerSettings.KEY_ACCOUNT), accountName.get()));
      return;
    }
    Account.Id bot = account.get().account().id();

    ChangeInfo change;
    try (ManualRequestContext ctx = requestContext.openAs(bot)) {
      change = gApi.changes().id(project.get(), changeId.get()).get(CHANGE_OPTIONS);
    } catch (ResourceNotFoundException e) {
      misconfiguration.report(
          project,
          String.format(
              "account %s cannot see change %d; grant it read access to the project",
              accountName.get(), changeId.get()));
      return;
    }
    if (change.status != ChangeStatus.NEW) {
      return;
    }
    String message = change.revisions.get(change.currentRevision).commit.message;
    DeclaredDependencies declared = parser.parse(message);
    boolean applies =
        settings.checkAllChanges()
            || BackportPolicy.isBackport(
                change.branch,
                defaultBranch(project),
                settings.backportBranches(),
                change.cherryPickOfChange != null,
                message);
    Outcome outcome;
    if (!applies || declared.isEmpty()) {
      outcome = new Outcome(0, NO_DEPENDENCY_ANY_MORE, true);
    } else {
      Verdict verdict = verdict(project, change, settings, declared);
      outcome =
          new Outcome(
              verdict.passes() ? settings.passVote() : settings.failVote(),
              comment.format(verdict),
              false);
    }
    poster.apply(change, settings, outcome, bot, accountName.get());
  }

  private Verdict verdict(
      Project.NameKey project,
      ChangeInfo change,
      ProjectSettings settings,
      DeclaredDependencies declared)
      throws RestApiException, IOException, PermissionBackendException {
    ImmutableList<DependencyResult> results;
    // Resolve as the owner: the comment must not reveal what the owner cannot see.
    try (ManualRequestContext ctx = requestContext.openAs(Account.id(change.owner._accountId))) {
      results = resolver.resolve(project, change.branch, declared.dependencies());
    }
    return new Verdict(
        project.get(), change.branch, results, declared.unreadable(), settings.blockOnNotFound());
  }

  private Optional<String> defaultBranch(Project.NameKey project) throws IOException {
    try (Repository repo = repoManager.openRepository(project)) {
      Ref head = repo.exactRef(Constants.HEAD);
      if (head != null && head.isSymbolic()) {
        return Optional.of(Repository.shortenRefName(head.getTarget().getName()));
      }
      return Optional.empty();
    } catch (RepositoryNotFoundException e) {
      return Optional.empty();
    }
  }
}
