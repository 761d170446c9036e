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

package com.googlesource.gerrit.plugins.backportguard.pick;

import com.google.common.collect.ImmutableList;
import com.googlesource.gerrit.plugins.backportguard.resolve.Candidate;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import java.util.Optional;

/**
 * What one click does: the prerequisites to cherry-pick onto the backport's branch, in landing
 * order, and those it leaves alone, with why.
 *
 * @param branch the short name of the branch the picks go to: the backport's
 * @param picks the cherry-picks to make, deepest of a chain first
 * @param skipped the prerequisites not picked, in landing order
 * @param notFollowed prerequisites whose own prerequisites were not all followed (a bound of the
 *     check was reached), so the plan may lack some further down
 * @param withheld how many prerequisites in the chain the caller cannot read (or reaches only
 *     through one they cannot read): neither picked nor named
 */
public record PickPlan(
    String branch,
    ImmutableList<Pick> picks,
    ImmutableList<Skip> skipped,
    ImmutableList<Node> notFollowed,
    int withheld) {

  /**
   * One cherry-pick.
   *
   * @param prerequisite the prerequisite it copies
   * @param source the merged change to cherry-pick
   * @param stackedOn the earlier pick, in the same project, whose new change it is based on; empty
   *     when it is based on the tip of the branch
   * @param neededBy who declares it: other prerequisites, or the backport (the chain's root)
   */
  public record Pick(
      Node prerequisite,
      Candidate source,
      Optional<Node> stackedOn,
      ImmutableList<Node> neededBy) {}

  /**
   * A prerequisite the click leaves alone.
   *
   * @param prerequisite the prerequisite
   * @param change the change that decides its state (the open or abandoned one on the branch, the
   *     unmerged original), when there is one
   * @param reason why it is not picked
   */
  public record Skip(Node prerequisite, Optional<Candidate> change, Reason reason) {}

  /** Why a prerequisite is not picked. */
  public enum Reason {
    /** Already open on the branch: review and merge that change. */
    OPEN_ON_BRANCH("already open on the target branch: review and merge that change"),
    /** Open on the branch and lands in the same submission as the backport. */
    LANDS_TOGETHER("open on the target branch and lands together with the backport"),
    /** Its copy on the branch was abandoned; a new cherry-pick would meet that closed change. */
    ABANDONED_ON_BRANCH("its copy on the target branch was abandoned: restore it"),
    /** Landed on the branch and was reverted there; picking it again is a decision to make. */
    REVERTED_ON_BRANCH("reverted on the target branch: revert the revert if it is still needed"),
    /** Merged nowhere: there is nothing final to cherry-pick yet. */
    NOT_MERGED("merged nowhere yet: merge it first, then cherry-pick it"),
    /** Abandoned wherever it was uploaded. */
    ABANDONED("abandoned everywhere: restore and merge it, or drop the Depends-On");

    private final String explanation;

    Reason(String explanation) {
      this.explanation = explanation;
    }

    /** What the caller reads. */
    public String explanation() {
      return explanation;
    }
  }
}
