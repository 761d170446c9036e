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

package com.googlesource.gerrit.plugins.backportguard.resolve;

/** Where a prerequisite stands with respect to the target branch of the change that needs it. */
public enum PrerequisiteState {
  /** A change with the Change-Id is merged on the target branch. */
  MERGED_ON_BRANCH(true),
  /** A change with the Change-Id merged elsewhere, and its commit is in the target branch. */
  CONTAINED_IN_BRANCH(true),
  /** A commit carrying the Change-Id was pushed straight into the target branch. */
  PUSHED_TO_BRANCH(true),
  /** The prerequisite's project has no such branch; the change merged on another one. */
  MERGED_NO_SUCH_BRANCH(true),
  /** Merged on (or into) the target branch, then taken out again by a merged revert. */
  REVERTED_ON_BRANCH(false),
  /** The backport exists on the target branch but is still open. */
  OPEN_ON_BRANCH(false),
  /**
   * Open on the target branch, and an ancestor of the checked patch set: Gerrit submits it together
   * with the change, in the same submission.
   */
  LANDS_AS_ANCESTOR(true),
  /**
   * Open on the target branch, in the change's topic, on a site that submits whole topics: Gerrit
   * submits it together with the change.
   */
  LANDS_WITH_TOPIC(true),
  /** Changes with the Change-Id on the target branch were all abandoned. */
  ABANDONED_ON_BRANCH(false),
  /** Merged on another branch, never cherry-picked onto the target branch. */
  NOT_BACKPORTED(false),
  /** Open on another branch only; merged nowhere. */
  OPEN_ELSEWHERE(false),
  /** Abandoned on every branch it was uploaded to. */
  ABANDONED_ELSEWHERE(false),
  /**
   * Nothing carries the reference that the owner, the uploader of the patch set and every reader of
   * the change can all see: either there is nothing, or it is not visible enough to be named.
   */
  NOT_FOUND(false),
  /** An abbreviated Change-Id that matches more than one Change-Id. */
  AMBIGUOUS(false),
  /** The reference names the change being checked: a cycle of one, which always blocks. */
  SELF_REFERENCE(false),
  /**
   * A bound on the work of one check was reached before the state could be decided: it blocks,
   * whatever {@code blockOnNotFound} says, and the comment names the setting.
   */
  UNDECIDED(false);

  private final boolean satisfied;

  PrerequisiteState(boolean satisfied) {
    this.satisfied = satisfied;
  }

  public boolean satisfied() {
    return satisfied;
  }

  /** True when the prerequisite is open but lands in the same submission as the change. */
  public boolean landsTogether() {
    return this == LANDS_AS_ANCESTOR || this == LANDS_WITH_TOPIC;
  }

  /** True for the states in which the plugin could not tell what the author meant. */
  public boolean unknown() {
    return this == NOT_FOUND || this == AMBIGUOUS;
  }
}
