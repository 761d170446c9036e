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

package com.googlesource.gerrit.plugins.backportguard.rest;

import java.util.List;

/**
 * What the plugin decides for the current patch set of a change, as the caller may see it: the
 * answer of {@code GET .../backport-guard~prerequisites}, of {@code POST .../backport-guard~check}
 * and of {@code check --format json}. Fields that do not apply are left out.
 */
public class PrerequisitesInfo {
  /** The change's project. */
  public String project;

  /** The change number. */
  public Integer change;

  /** The current patch set's number, the one checked. */
  public Integer patchSet;

  /** The short name of the branch the change targets. */
  public String branch;

  /** Whether the change counts as a backport (or the project checks every change). */
  public Boolean backport;

  /**
   * Why it counts as one: {@code check_all_changes}, {@code cherry_pick_of}, {@code
   * commit_message}, {@code branch_pattern}, {@code not_default_branch}.
   */
  public String backportReason;

  /** The plugin's vote and whether it lets the change pass. */
  public OutcomeInfo outcome;

  /** Each declared dependency, in the order written (at most {@code maxDependencies}). */
  public List<DependencyInfo> dependencies;

  /**
   * Every unmerged prerequisite, declared by the change or further down, in the order they have to
   * land on the branch: each after the ones it needs, the deepest first. Left out with a cycle.
   */
  public List<ChainEntryInfo> landingOrder;

  /** A path of declarations that leads back to where it started; its last entry is its first. */
  public List<ChangeRefInfo> cycle;

  /**
   * The prerequisites merged on another branch and missing on this one, as the changes to
   * cherry-pick onto it, in landing order.
   */
  public List<ChangeRefInfo> cherryPickPlan;

  /** Declared links to other servers: listed, never checked. */
  public List<String> external;

  /** Footer lines that look like a declaration but could not be read as one. */
  public List<NotUnderstoodInfo> notUnderstood;

  /** Declarations past {@code maxDependencies}: not checked. */
  public List<String> overLimit;

  /** The number of declarations one change may have checked ({@code maxDependencies}). */
  public Integer maxDependencies;

  /**
   * How many prerequisites are left out of this answer because the caller cannot read them; their
   * entries read as {@code not_found}. Never more is said about them.
   */
  public Integer withheld;
}
