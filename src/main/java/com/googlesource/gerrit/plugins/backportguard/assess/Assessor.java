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

package com.googlesource.gerrit.plugins.backportguard.assess;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.gerrit.entities.Account;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.PatchSet;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.gerrit.server.git.GitRepositoryManager;
import com.google.gerrit.server.notedb.ChangeNotes;
import com.google.gerrit.server.project.NoSuchChangeException;
import com.google.gerrit.server.project.NoSuchProjectException;
import com.google.gerrit.server.util.ManualRequestContext;
import com.google.gerrit.server.util.OneOffRequestContext;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.assess.Assessment.Status;
import com.googlesource.gerrit.plugins.backportguard.config.InvalidSettingsException;
import com.googlesource.gerrit.plugins.backportguard.config.ProjectSettings;
import com.googlesource.gerrit.plugins.backportguard.config.ProjectSettingsLoader;
import com.googlesource.gerrit.plugins.backportguard.config.ServerSettings;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationQueue;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependencies;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependency;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyFooterParser;
import com.googlesource.gerrit.plugins.backportguard.resolve.CheckedChange;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResolver;
import com.googlesource.gerrit.plugins.backportguard.resolve.Resolution;
import com.googlesource.gerrit.plugins.backportguard.verdict.BackportPolicy;
import com.googlesource.gerrit.plugins.backportguard.verdict.Verdict;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Decides what the plugin would say about the current patch set of a change, without saying it: the
 * one place that knows the rule, for the vote the plugin casts ({@code ChangeEvaluator}), the REST
 * API and the {@code check} command alike.
 *
 * <p>In two steps, so that a caller can stop cheaply between them: {@link #subject} reads the
 * project settings, the change notes and the commit message (no index query); {@link #resolve}
 * looks the declared dependencies up. {@link #assess} does both.
 *
 * <p>Resolution always runs for the readers of the change, in the request context of its owner (see
 * {@code DependencyResolver}), so the outcome is the same whoever asks; the {@link Viewer} only
 * decides what the answer names.
 */
public class Assessor {
  private final ServerSettings serverSettings;
  private final ProjectSettingsLoader projectSettings;
  private final OneOffRequestContext requestContext;
  private final ChangeNotes.Factory notesFactory;
  private final GitRepositoryManager repoManager;
  private final DependencyResolver resolver;
  private final DependencyFooterParser parser;

  @Inject
  Assessor(
      ServerSettings serverSettings,
      ProjectSettingsLoader projectSettings,
      OneOffRequestContext requestContext,
      ChangeNotes.Factory notesFactory,
      GitRepositoryManager repoManager,
      DependencyResolver resolver,
      DependencyFooterParser parser) {
    this.serverSettings = serverSettings;
    this.projectSettings = projectSettings;
    this.requestContext = requestContext;
    this.notesFactory = notesFactory;
    this.repoManager = repoManager;
    this.resolver = resolver;
    this.parser = parser;
  }

  /** What the plugin decides for the change's current patch set, as the viewer may see it. */
  public Assessment assess(Project.NameKey project, Change.Id changeId, Viewer viewer)
      throws RestApiException, IOException {
    Assessment subject = subject(project, changeId);
    return subject.status() == Status.TO_RESOLVE ? resolve(subject, viewer) : subject;
  }

  /**
   * What the change is for the plugin, without querying the index: {@link Status#TO_RESOLVE} when
   * its dependencies are to be checked, else why not.
   */
  public Assessment subject(Project.NameKey project, Change.Id changeId) throws IOException {
    ProjectSettings settings;
    try {
      settings = projectSettings.load(project);
    } catch (NoSuchProjectException e) {
      return Assessment.ofProject(
          project, changeId, Status.NO_SUCH_PROJECT, "no such project", Optional.empty());
    } catch (InvalidSettingsException e) {
      return Assessment.misconfigured(project, changeId, e);
    }
    if (!settings.enabled()) {
      return Assessment.ofProject(
          project, changeId, Status.DISABLED, "disabled", Optional.of(settings));
    }
    ChangeNotes notes;
    try {
      notes = notesFactory.createChecked(project, changeId);
    } catch (NoSuchChangeException e) {
      return Assessment.ofProject(
          project, changeId, Status.NO_SUCH_CHANGE, "no such change", Optional.of(settings));
    }
    Change change = notes.getChange();
    DeclaredDependencies nothing = new DeclaredDependencies(ImmutableList.of(), ImmutableList.of());
    if (!change.isNew()) {
      return Assessment.ofChange(
          project,
          changeId,
          Status.CLOSED,
          Optional.of(notes),
          settings,
          Optional.empty(),
          nothing);
    }
    // Private changes are their owner's business until they are published.
    if (change.isPrivate()) {
      return Assessment.ofChange(
          project,
          changeId,
          Status.PRIVATE,
          Optional.of(notes),
          settings,
          Optional.empty(),
          nothing);
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
    Optional<BackportPolicy.Reason> backport =
        settings.checkAllChanges()
            ? Optional.of(BackportPolicy.Reason.CHECK_ALL_CHANGES)
            : BackportPolicy.reason(
                branch,
                defaultBranch,
                settings.backportBranches(),
                change.getCherryPickOf() != null,
                message);
    Status status =
        backport.isEmpty()
            ? Status.NOT_BACKPORT
            : declared.isEmpty() ? Status.DECLARES_NOTHING : Status.TO_RESOLVE;
    return Assessment.ofChange(
        project, changeId, status, Optional.of(notes), settings, backport, declared);
  }

  /**
   * Resolves the dependencies of a subject {@link Status#TO_RESOLVE}. A failure that may go away by
   * itself ({@link EvaluationQueue#isTransient}) is thrown, to be tried again; any other makes the
   * assessment {@link Status#CHECK_FAILED}, as the plugin fails closed.
   */
  public Assessment resolve(Assessment subject, Viewer viewer)
      throws RestApiException, IOException {
    if (subject.status() != Status.TO_RESOLVE) {
      throw new IllegalArgumentException("nothing to resolve: " + subject.status());
    }
    ChangeNotes notes = subject.notes().get();
    ProjectSettings settings = subject.settings().get();
    Change change = notes.getChange();
    PatchSet patchSet = notes.getCurrentPatchSet();
    CheckedChange checked =
        new CheckedChange(
            subject.project(),
            change.getId().get(),
            change.getKey().get(),
            change.getDest().shortName(),
            patchSet.createdOn());
    try {
      Resolution resolution =
          resolve(
              checked,
              change,
              // Uploaded on someone's behalf (run-as): the real uploader wrote it as well.
              ImmutableSet.of(patchSet.uploader(), patchSet.realUploader()),
              subject.declared());
      Verdict verdict = verdict(checked, settings, subject.declared(), resolution);
      Redaction.Result seen = Redaction.apply(verdict, viewer);
      return subject.checked(
          seen.verdict(),
          verdict.passes(),
          resolution.indexQueries(),
          resolution.objectsRead(),
          seen.withheld());
    } catch (RestApiException | IOException | RuntimeException e) {
      if (EvaluationQueue.isTransient(e)) {
        throw e;
      }
      // Trying again would meet it again: fail closed rather than leave the change unguarded.
      return subject.failed(e);
    }
  }

  /**
   * Resolves for the readers of the change: names only what the owner, the uploader of the patch
   * set (who wrote its footers; and its real uploader, if it was uploaded on someone's behalf) and
   * every reader of the change can see. The index is queried as the owner, so that it never returns
   * more than the owner can see.
   */
  private Resolution resolve(
      CheckedChange checked,
      Change change,
      ImmutableSet<Account.Id> uploaders,
      DeclaredDependencies declared)
      throws RestApiException, IOException {
    int max = serverSettings.maxDependencies();
    List<DeclaredDependency> all = declared.dependencies();
    try (ManualRequestContext ctx = requestContext.openAs(change.getOwner())) {
      return resolver.resolve(
          checked,
          change.getOwner(),
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
