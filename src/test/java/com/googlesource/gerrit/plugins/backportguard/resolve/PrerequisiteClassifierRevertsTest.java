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
import static com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState.MERGED_ON_BRANCH;
import static com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState.OPEN_ON_BRANCH;
import static com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState.REVERTED_ON_BRANCH;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A prerequisite that landed on the target branch and was reverted there. */
class PrerequisiteClassifierRevertsTest {
  private static final String B = "wmf/1.0";
  private static final Candidate MERGED_MASTER = new Candidate("p", 10, "master", MERGED, "aa");
  private static final Candidate MERGED_B = new Candidate("p", 11, B, MERGED, "bb");
  private static final Candidate OPEN_B = new Candidate("p", 12, B, OPEN, "cc");
  private static final Candidate ABANDONED_B = new Candidate("p", 13, B, ABANDONED, "dd");
  private static final Candidate RELANDED_B = new Candidate("p", 14, B, MERGED, "ee");
  private static final Candidate REVERT_OF_10 = new Candidate("p", 40, B, MERGED, "r0");
  private static final Candidate REVERT_OF_11 = new Candidate("p", 41, B, MERGED, "r1");

  private static PrerequisiteFacts facts(
      ImmutableSet<Integer> reachable,
      ImmutableMap<Integer, Candidate> reverts,
      Candidate... candidates) {
    return new PrerequisiteFacts(
        "p", "I1", B, true, ImmutableList.copyOf(candidates), reachable, Optional.empty(), reverts);
  }

  private static PrerequisiteStatus classify(
      ImmutableSet<Integer> reachable,
      ImmutableMap<Integer, Candidate> reverts,
      Candidate... candidates) {
    return PrerequisiteClassifier.classify(facts(reachable, reverts, candidates));
  }

  @Test
  void mergedOnTheBranchThenRevertedIsNotSatisfied() {
    PrerequisiteStatus s =
        classify(ImmutableSet.of(11), ImmutableMap.of(11, REVERT_OF_11), MERGED_MASTER, MERGED_B);
    assertThat(s.state()).isEqualTo(REVERTED_ON_BRANCH);
    assertThat(s.state().satisfied()).isFalse();
    assertThat(s.state().unknown()).isFalse();
    assertThat(s.change()).hasValue(MERGED_B);
    assertThat(s.revertedBy()).hasValue(REVERT_OF_11);
    assertThat(s.project()).hasValue("p");
    assertThat(s.changeId()).hasValue("I1");
  }

  @Test
  void withoutTheRevertTheSameFactsAreSatisfied() {
    PrerequisiteStatus s =
        classify(ImmutableSet.of(11), ImmutableMap.of(), MERGED_MASTER, MERGED_B);
    assertThat(s.state()).isEqualTo(MERGED_ON_BRANCH);
    assertThat(s.revertedBy()).isEmpty();
  }

  @Test
  void containedInTheBranchThenRevertedIsNotSatisfied() {
    PrerequisiteStatus s =
        classify(ImmutableSet.of(10), ImmutableMap.of(10, REVERT_OF_10), MERGED_MASTER);
    assertThat(s.state()).isEqualTo(REVERTED_ON_BRANCH);
    assertThat(s.change()).hasValue(MERGED_MASTER);
    assertThat(s.revertedBy()).hasValue(REVERT_OF_10);
  }

  @Test
  void anOpenReBackportWinsOverTheRevert() {
    PrerequisiteStatus s =
        classify(
            ImmutableSet.of(11),
            ImmutableMap.of(11, REVERT_OF_11),
            MERGED_MASTER,
            MERGED_B,
            OPEN_B);
    assertThat(s.state()).isEqualTo(OPEN_ON_BRANCH);
    assertThat(s.change()).hasValue(OPEN_B);
    assertThat(s.revertedBy()).isEmpty();
  }

  @Test
  void aMergedReLandingIsSatisfied() {
    PrerequisiteStatus s =
        classify(
            ImmutableSet.of(11, 14),
            ImmutableMap.of(11, REVERT_OF_11),
            MERGED_MASTER,
            MERGED_B,
            RELANDED_B);
    assertThat(s.state()).isEqualTo(MERGED_ON_BRANCH);
    assertThat(s.change()).hasValue(RELANDED_B);
  }

  @Test
  void theRevertIsNamedRatherThanAnAbandonedCopy() {
    PrerequisiteStatus s =
        classify(ImmutableSet.of(11), ImmutableMap.of(11, REVERT_OF_11), MERGED_B, ABANDONED_B);
    assertThat(s.state()).isEqualTo(REVERTED_ON_BRANCH);
    assertThat(s.change()).hasValue(MERGED_B);
    assertThat(s.revertedBy()).hasValue(REVERT_OF_11);
  }

  @Test
  void aRevertedChangeOnTheBranchNeedsNoHistoryWalk() {
    // A walk would find the reverted commit itself in the branch's history and count it.
    assertThat(
            facts(ImmutableSet.of(11), ImmutableMap.of(11, REVERT_OF_11), MERGED_B)
                .needsHistoryWalk())
        .isFalse();
  }

  @Test
  void withPushedCommitKeepsTheReverts() {
    PrerequisiteFacts f =
        facts(ImmutableSet.of(), ImmutableMap.of(11, REVERT_OF_11), MERGED_B)
            .withPushedCommit("ff");
    assertThat(f.reverts()).containsExactly(11, REVERT_OF_11);
    assertThat(f.pushedCommit()).hasValue("ff");
  }
}
