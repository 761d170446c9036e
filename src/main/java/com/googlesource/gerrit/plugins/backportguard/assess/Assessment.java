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

import static com.google.common.collect.ImmutableList.toImmutableList;

import com.google.common.collect.ImmutableList;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.server.notedb.ChangeNotes;
import com.googlesource.gerrit.plugins.backportguard.config.InvalidSettingsException;
import com.googlesource.gerrit.plugins.backportguard.config.ProjectSettings;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependencies;
import com.googlesource.gerrit.plugins.backportguard.resolve.Candidate;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteStatus;
import com.googlesource.gerrit.plugins.backportguard.verdict.BackportPolicy;
import com.googlesource.gerrit.plugins.backportguard.verdict.Verdict;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the plugin decides for the current patch set of one change, as one {@link Viewer} may see
 * it: made by {@link Assessor}. The vote and whether it passes are the plugin's own, whoever the
 * viewer; only what is named depends on the viewer.
 */
public final class Assessment {
  /** Where the change stands for the plugin. */
  public enum Status {
    /** The project does not exist (any more). */
    NO_SUCH_PROJECT(false),
    /** The project's settings are invalid: the plugin withdraws its vote until they are fixed. */
    MISCONFIGURED(false),
    /** The plugin is off for the project. */
    DISABLED(false),
    /** The change does not exist (any more). */
    NO_SUCH_CHANGE(false),
    /** The change is merged or abandoned: the plugin no longer checks it. */
    CLOSED(false),
    /** The change is private: its owner's business until it is published. */
    PRIVATE(false),
    /** Not a backport, and the project does not check every change. */
    NOT_BACKPORT(false),
    /** The current patch set declares no dependency. */
    DECLARES_NOTHING(false),
    /** Applicable, and not resolved yet: {@link Assessor#resolve} does that. */
    TO_RESOLVE(true),
    /** Checked: {@link #verdict()} says what was found. */
    CHECKED(true),
    /** The check failed for good: the plugin votes against the change (fails closed). */
    CHECK_FAILED(true);

    private final boolean applicable;

    Status(boolean applicable) {
      this.applicable = applicable;
    }

    /** Whether the plugin checks such a change. */
    public boolean applicable() {
      return applicable;
    }
  }

  private final Project.NameKey project;
  private final Change.Id changeId;
  private final Status status;
  private final String detail;
  private final Optional<ChangeNotes> notes;
  private final Optional<ProjectSettings> settings;
  private final Optional<BackportPolicy.Reason> backport;
  private final DeclaredDependencies declared;
  private final Optional<Verdict> verdict;
  private final boolean verdictPasses;
  private final int indexQueries;
  private final int objectsRead;
  private final int withheld;
  private final Optional<Exception> failure;

  private Assessment(
      Project.NameKey project,
      Change.Id changeId,
      Status status,
      String detail,
      Optional<ChangeNotes> notes,
      Optional<ProjectSettings> settings,
      Optional<BackportPolicy.Reason> backport,
      DeclaredDependencies declared,
      Optional<Verdict> verdict,
      boolean verdictPasses,
      int indexQueries,
      int objectsRead,
      int withheld,
      Optional<Exception> failure) {
    this.project = project;
    this.changeId = changeId;
    this.status = status;
    this.detail = detail;
    this.notes = notes;
    this.settings = settings;
    this.backport = backport;
    this.declared = declared;
    this.verdict = verdict;
    this.verdictPasses = verdictPasses;
    this.indexQueries = indexQueries;
    this.objectsRead = objectsRead;
    this.withheld = withheld;
    this.failure = failure;
  }

  private static final DeclaredDependencies NOTHING =
      new DeclaredDependencies(ImmutableList.of(), ImmutableList.of());

  /** Not applicable before the change was read: no such project, misconfigured, disabled. */
  static Assessment ofProject(
      Project.NameKey project,
      Change.Id changeId,
      Status status,
      String detail,
      Optional<ProjectSettings> settings) {
    return new Assessment(
        project,
        changeId,
        status,
        detail,
        Optional.empty(),
        settings,
        Optional.empty(),
        NOTHING,
        Optional.empty(),
        false,
        0,
        0,
        0,
        Optional.empty());
  }

  /** The project's settings are invalid; {@link #failure()} says why. */
  static Assessment misconfigured(
      Project.NameKey project, Change.Id changeId, InvalidSettingsException cause) {
    return new Assessment(
        project,
        changeId,
        Status.MISCONFIGURED,
        cause.key(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        NOTHING,
        Optional.empty(),
        false,
        0,
        0,
        0,
        Optional.of(cause));
  }

  /** The change was read: what it is, before anything is resolved. */
  static Assessment ofChange(
      Project.NameKey project,
      Change.Id changeId,
      Status status,
      Optional<ChangeNotes> notes,
      ProjectSettings settings,
      Optional<BackportPolicy.Reason> backport,
      DeclaredDependencies declared) {
    return new Assessment(
        project,
        changeId,
        status,
        "",
        notes,
        Optional.of(settings),
        backport,
        declared,
        Optional.empty(),
        false,
        0,
        0,
        0,
        Optional.empty());
  }

  /** Resolved: the verdict as the viewer sees it, the outcome as the plugin decides it. */
  Assessment checked(Verdict seen, boolean passes, int queries, int objects, int withheld) {
    return new Assessment(
        project,
        changeId,
        Status.CHECKED,
        "",
        notes,
        settings,
        backport,
        declared,
        Optional.of(seen),
        passes,
        queries,
        objects,
        withheld,
        Optional.empty());
  }

  /** The check failed for good. */
  Assessment failed(Exception cause) {
    return new Assessment(
        project,
        changeId,
        Status.CHECK_FAILED,
        cause.getClass().getSimpleName(),
        notes,
        settings,
        backport,
        declared,
        Optional.empty(),
        false,
        0,
        0,
        0,
        Optional.of(cause));
  }

  public Project.NameKey project() {
    return project;
  }

  public Change.Id changeId() {
    return changeId;
  }

  public Status status() {
    return status;
  }

  /** For {@link Status#MISCONFIGURED}, the key to fix; for a failed check, the kind of error. */
  public String detail() {
    return detail;
  }

  /** The change's notes, once it was read. */
  public Optional<ChangeNotes> notes() {
    return notes;
  }

  /** The project's settings, once they were read. */
  public Optional<ProjectSettings> settings() {
    return settings;
  }

  /** The number of the current patch set, once the change was read. */
  public Optional<Integer> patchSet() {
    return notes.map(n -> n.getChange().currentPatchSetId().get());
  }

  /** The short name of the target branch, once the change was read. */
  public Optional<String> targetBranch() {
    return notes.map(n -> n.getChange().getDest().shortName());
  }

  /** Why the change counts as a backport; empty when it does not (or was not read). */
  public Optional<BackportPolicy.Reason> backport() {
    return backport;
  }

  /** What the current patch set declares; nothing before the change was read. */
  public DeclaredDependencies declared() {
    return declared;
  }

  /** For a checked change, what was found, as the viewer may see it. */
  public Optional<Verdict> verdict() {
    return verdict;
  }

  /**
   * The vote the plugin casts (0: none, its earlier one withdrawn); empty when it leaves the change
   * alone (closed, private, gone, or not checked yet).
   */
  public Optional<Integer> vote() {
    switch (status) {
      case CHECKED:
        return settings.map(s -> verdictPasses ? s.passVote() : s.failVote());
      case CHECK_FAILED:
        return settings.map(ProjectSettings::failVote);
      case MISCONFIGURED:
      case DISABLED:
      case NOT_BACKPORT:
      case DECLARES_NOTHING:
        return Optional.of(0);
      default:
        return Optional.empty();
    }
  }

  /** True unless the plugin votes against the change. */
  public boolean passes() {
    switch (status) {
      case CHECKED:
        return verdictPasses;
      case CHECK_FAILED:
        return false;
      default:
        return true;
    }
  }

  /** How many index queries the check made. */
  public int indexQueries() {
    return indexQueries;
  }

  /** How many git objects the check read. */
  public int objectsRead() {
    return objectsRead;
  }

  /** How many prerequisites were left out because the viewer cannot read them (never named). */
  public int withheld() {
    return withheld;
  }

  /** For {@link Status#CHECK_FAILED} and {@link Status#MISCONFIGURED}, why. */
  public Optional<Exception> failure() {
    return failure;
  }

  /**
   * The prerequisites that are merged on another branch but missing on the target branch, as the
   * merged change to cherry-pick onto it, in landing order: each after the ones it needs, a chain's
   * deepest first. Only what the viewer may see; empty when the prerequisites form a cycle (there
   * is no order to land them in) or the change was not checked.
   */
  public ImmutableList<Candidate> missingOnBranchPlan() {
    return verdict.map(Assessment::missingOnBranchPlan).orElse(ImmutableList.of());
  }

  /** {@link #missingOnBranchPlan()} of a verdict. */
  public static ImmutableList<Candidate> missingOnBranchPlan(Verdict verdict) {
    Chain chain = verdict.chain();
    if (chain.cycle().isPresent()) {
      return ImmutableList.of();
    }
    Set<Candidate> plan = new LinkedHashSet<>();
    for (Chain.Node node : chain.landingOrder()) {
      PrerequisiteStatus s = chain.statuses().get(node);
      if (s != null && s.state() == PrerequisiteState.NOT_BACKPORTED && s.change().isPresent()) {
        plan.add(s.change().get());
      }
    }
    // Declared ones the chain does not hold (left out for the viewer): nothing known they need.
    verdict.results().stream()
        .flatMap(r -> r.prerequisites().stream())
        .filter(s -> s.state() == PrerequisiteState.NOT_BACKPORTED && s.change().isPresent())
        .map(s -> s.change().get())
        .collect(toImmutableList())
        .forEach(plan::add);
    return ImmutableList.copyOf(plan);
  }
}
