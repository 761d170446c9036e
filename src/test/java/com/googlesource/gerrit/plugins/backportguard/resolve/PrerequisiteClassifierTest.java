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
import static com.googlesource.gerrit.plugins.backportguard.resolve.Candidate.Status.ABANDONED;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Candidate.Status.MERGED;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Candidate.Status.OPEN;
import static com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState.ABANDONED_ELSEWHERE;
import static com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState.ABANDONED_ON_BRANCH;
import static com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState.CONTAINED_IN_BRANCH;
import static com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState.MERGED_NO_SUCH_BRANCH;
import static com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState.MERGED_ON_BRANCH;
import static com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState.NOT_BACKPORTED;
import static com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState.NOT_FOUND;
import static com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState.OPEN_ELSEWHERE;
import static com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState.OPEN_ON_BRANCH;
import static com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState.PUSHED_TO_BRANCH;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrerequisiteClassifierTest {
  private static final String B = "wmf/1.0";
  private static final Candidate MERGED_MASTER = new Candidate("p", 10, "master", MERGED, "aa");
  private static final Candidate OPEN_MASTER = new Candidate("p", 10, "master", OPEN, "aa");
  private static final Candidate ABANDONED_MASTER =
      new Candidate("p", 10, "master", ABANDONED, "aa");
  private static final Candidate MERGED_B = new Candidate("p", 11, B, MERGED, "bb");
  private static final Candidate OPEN_B = new Candidate("p", 12, B, OPEN, "cc");
  private static final Candidate ABANDONED_B = new Candidate("p", 13, B, ABANDONED, "dd");

  private static PrerequisiteStatus classify(
      boolean branchExists, ImmutableSet<Integer> reachable, Candidate... candidates) {
    return PrerequisiteClassifier.classify(
        new PrerequisiteFacts(
            "p",
            "I1",
            B,
            branchExists,
            ImmutableList.copyOf(candidates),
            reachable,
            Optional.empty(),
            ImmutableMap.of()));
  }

  private static PrerequisiteStatus classify(Candidate... candidates) {
    return classify(true, ImmutableSet.of(), candidates);
  }

  @Test
  void mergedOnTheBranchWinsOverEverythingElse() {
    PrerequisiteStatus s = classify(OPEN_B, MERGED_MASTER, MERGED_B);
    assertThat(s.state()).isEqualTo(MERGED_ON_BRANCH);
    assertThat(s.change()).hasValue(MERGED_B);
    assertThat(s.state().satisfied()).isTrue();
  }

  @Test
  void mergedElsewhereButReachableCounts() {
    PrerequisiteStatus s = classify(true, ImmutableSet.of(10), MERGED_MASTER, OPEN_B);
    assertThat(s.state()).isEqualTo(CONTAINED_IN_BRANCH);
    assertThat(s.change()).hasValue(MERGED_MASTER);
  }

  @Test
  void pushedCommitCounts() {
    PrerequisiteStatus s =
        PrerequisiteClassifier.classify(
            new PrerequisiteFacts(
                "p",
                "I1",
                B,
                true,
                ImmutableList.of(OPEN_B),
                ImmutableSet.of(),
                Optional.of("0123456789abcdef"),
                ImmutableMap.of()));
    assertThat(s.state()).isEqualTo(PUSHED_TO_BRANCH);
    assertThat(s.pushedCommit()).hasValue("0123456789abcdef");
  }

  @Test
  void openBackportIsNamedWithItsSource() {
    PrerequisiteStatus s = classify(MERGED_MASTER, OPEN_B, ABANDONED_B);
    assertThat(s.state()).isEqualTo(OPEN_ON_BRANCH);
    assertThat(s.change()).hasValue(OPEN_B);
    assertThat(s.cherryPickSource()).hasValue(MERGED_MASTER);
    assertThat(s.state().satisfied()).isFalse();
  }

  @Test
  void everyCopyThatCountsIsKeptLowestNumberFirst() {
    Candidate onOtherBranch = new Candidate("p", 14, "wmf/0.9", OPEN, "ee");
    PrerequisiteStatus s = classify(onOtherBranch, OPEN_B, MERGED_MASTER, ABANDONED_B);
    assertThat(s.copies())
        .containsExactly(MERGED_MASTER, OPEN_B, ABANDONED_B, onOtherBranch)
        .inOrder();
    assertThat(classify(MERGED_MASTER, MERGED_B).copies()).containsExactly(MERGED_MASTER, MERGED_B);
    assertThat(classify().copies()).isEmpty();
  }

  @Test
  void onlyAbandonedOnTheBranch() {
    PrerequisiteStatus s = classify(MERGED_MASTER, ABANDONED_B);
    assertThat(s.state()).isEqualTo(ABANDONED_ON_BRANCH);
    assertThat(s.change()).hasValue(ABANDONED_B);
    assertThat(s.cherryPickSource()).hasValue(MERGED_MASTER);
  }

  @Test
  void mergedElsewhereNeverBackported() {
    PrerequisiteStatus s = classify(MERGED_MASTER);
    assertThat(s.state()).isEqualTo(NOT_BACKPORTED);
    assertThat(s.cherryPickSource()).hasValue(MERGED_MASTER);
  }

  @Test
  void theOriginalIsTheOneToCherryPick() {
    Candidate laterCopy = new Candidate("p", 20, "wmf/0.9", MERGED, "ee");
    assertThat(classify(laterCopy, MERGED_MASTER).cherryPickSource()).hasValue(MERGED_MASTER);
  }

  @Test
  void openOnlyElsewhere() {
    assertThat(classify(OPEN_MASTER).state()).isEqualTo(OPEN_ELSEWHERE);
  }

  @Test
  void abandonedEverywhere() {
    assertThat(classify(ABANDONED_MASTER).state()).isEqualTo(ABANDONED_ELSEWHERE);
  }

  @Test
  void nothingVisible() {
    PrerequisiteStatus s = classify();
    assertThat(s.state()).isEqualTo(NOT_FOUND);
    assertThat(s.project()).isEmpty();
  }

  @Test
  void projectWithoutTheBranchFallsBackToAnyBranch() {
    assertThat(classify(false, ImmutableSet.of(), MERGED_MASTER).state())
        .isEqualTo(MERGED_NO_SUCH_BRANCH);
    assertThat(classify(false, ImmutableSet.of(), OPEN_MASTER).state()).isEqualTo(OPEN_ELSEWHERE);
    assertThat(classify(false, ImmutableSet.of()).state()).isEqualTo(NOT_FOUND);
  }

  @Test
  void walkIsNeededOnlyWhenTheIndexDoesNotSettleIt() {
    PrerequisiteFacts settled =
        new PrerequisiteFacts(
            "p",
            "I1",
            B,
            true,
            ImmutableList.of(MERGED_B),
            ImmutableSet.of(),
            Optional.empty(),
            ImmutableMap.of());
    PrerequisiteFacts open =
        new PrerequisiteFacts(
            "p",
            "I1",
            B,
            true,
            ImmutableList.of(OPEN_B),
            ImmutableSet.of(),
            Optional.empty(),
            ImmutableMap.of());
    assertThat(settled.needsHistoryWalk()).isFalse();
    assertThat(open.needsHistoryWalk()).isTrue();
  }
}
