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

import static com.google.common.truth.Truth.assertThat;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Changes.BRANCH;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Changes.merged;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Changes.revert;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Changes.snapshot;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableSet;
import com.google.gerrit.extensions.common.ChangeInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whether a merged revert took a prerequisite off the branch again. */
class RevertsTest {
  private static final String P = "lib";

  /** In the branch: merged on it in {@code P}. */
  private static final Reverts.InBranch ON_BRANCH =
      c -> Reverts.inBranch(c, P, BRANCH, commit -> false);

  private static Optional<Integer> effective(int original, List<ChangeInfo> reverts) {
    return effective(original, reverts, ON_BRANCH);
  }

  private static Optional<Integer> effective(
      int original, List<ChangeInfo> reverts, Reverts.InBranch in) {
    try {
      return Reverts.effective(List.of(original), snapshot(List.of(), List.of(), reverts), in)
          .map(c -> c._number);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A chain of reverts on the branch: each reverts the one before, the first reverts 1. */
  private static List<ChangeInfo> revertChain(int levels) {
    List<ChangeInfo> out = new ArrayList<>();
    for (int i = 1; i <= levels; i++) {
      out.add(revert(10 * i, P, BRANCH, "Ir" + i, i == 1 ? 1 : 10 * (i - 1)));
    }
    return out;
  }

  @Test
  void withoutARevertThePrerequisiteStays() {
    assertThat(effective(1, List.of())).isEmpty();
  }

  @Test
  void aMergedRevertOnTheBranchTakesItOff() {
    assertThat(effective(1, revertChain(1))).hasValue(10);
  }

  @Test
  void aRevertOfTheRevertPutsItBack() {
    assertThat(effective(1, revertChain(2))).isEmpty();
  }

  @Test
  void aThirdRevertTakesItOffAgain() {
    assertThat(effective(1, revertChain(3))).hasValue(10);
  }

  @Test
  void revertsAreFollowedThreeLevelsDeepAndNoFurther() {
    // A fourth revert would put it back, but is not followed: the third level counts as final.
    assertThat(Reverts.MAX_LEVELS).isEqualTo(3);
    assertThat(effective(1, revertChain(4))).hasValue(10);
  }

  @Test
  void aRevertOnlyOnAnotherBranchDoesNotCount() {
    assertThat(effective(1, List.of(revert(10, P, "master", "Ir1", 1)))).isEmpty();
  }

  @Test
  void aRevertCherryPickedOntoTheBranchCountsByItsCopy() {
    ChangeInfo onMaster = revert(10, P, "master", "Ir1", 1);
    ChangeInfo pick = merged(11, P, BRANCH, "Ir1");

    assertThat(effective(1, List.of(onMaster, pick))).hasValue(11);
  }

  @Test
  void aRevertOfTheRevertOnlyOnAnotherBranchLeavesTheRevertInForce() {
    ChangeInfo revert = revert(10, P, BRANCH, "Ir1", 1);
    ChangeInfo revertOfRevert = revert(20, P, "master", "Ir2", 10);

    assertThat(effective(1, List.of(revert, revertOfRevert))).hasValue(10);
  }

  @Test
  void aRevertInAnotherProjectsBranchOfTheSameNameIsNoRevert() {
    ChangeInfo elsewhere = revert(10, "other", BRANCH, "Ir1", 1);

    assertThat(effective(1, List.of(elsewhere))).isEmpty();
  }

  @Test
  void aRevertMergedElsewhereCountsWhenItsCommitIsInTheBranch() throws Exception {
    ChangeInfo onMaster = revert(10, P, "master", "Ir1", 1);
    Set<String> inHistory = Set.of(onMaster.currentRevision);
    Reverts.InBranch in = c -> Reverts.inBranch(c, P, BRANCH, inHistory::contains);

    assertThat(effective(1, List.of(onMaster), in)).hasValue(10);
  }

  @Test
  void inBranchAsksGitOnlyForAChangeOfThisProjectOnAnotherBranch() throws Exception {
    Reverts.Contains never =
        commit -> {
          throw new IOException("git was asked");
        };
    assertThat(Reverts.inBranch(merged(1, P, BRANCH, "I1"), P, BRANCH, never)).isTrue();
    assertThat(Reverts.inBranch(merged(1, "other", "master", "I1"), P, BRANCH, never)).isFalse();
    ChangeInfo noRevision = merged(1, P, "master", "I1");
    noRevision.currentRevision = null;
    assertThat(Reverts.inBranch(noRevision, P, BRANCH, never)).isFalse();
    assertThrows(
        IOException.class, () -> Reverts.inBranch(merged(1, P, "master", "I1"), P, BRANCH, never));
  }

  @Test
  void theRevertUndoesTheMergedCandidatesInTheBranchOnly() {
    Candidate onBranch = new Candidate(P, 1, BRANCH, Candidate.Status.MERGED, "a");
    Candidate reachable = new Candidate(P, 2, "master", Candidate.Status.MERGED, "b");
    Candidate elsewhere = new Candidate(P, 3, "master", Candidate.Status.MERGED, "c");
    Candidate open = new Candidate(P, 4, BRANCH, Candidate.Status.OPEN, "d");
    ChangeInfo revert = revert(10, P, BRANCH, "Ir1", 1);

    assertThat(
            Reverts.undone(
                    List.of(onBranch, reachable, elsewhere, open),
                    ImmutableSet.of(2),
                    BRANCH,
                    revert)
                .keySet())
        .containsExactly(1, 2);
    assertThat(Reverts.undone(List.of(onBranch), ImmutableSet.of(), BRANCH, revert).get(1).number())
        .isEqualTo(10);
  }
}
