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

import com.google.common.collect.ImmutableMap;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which open prerequisites land together with the change, and which still block. */
class LandingTogetherTest {
  private static final String B = "wmf/1.0";
  private static final Node ROOT = node("root", 100);
  private static final Node Y = node("y", 1);
  private static final Node Z = node("z", 2);
  private static final Node W = node("w", 3);

  private static Node node(String name, int number) {
    return new Node("p", "I" + name + number);
  }

  private static int number(Node n) {
    return Integer.parseInt(n.changeId().replaceAll("\\D", ""));
  }

  private static PrerequisiteStatus status(Node n, PrerequisiteState state) {
    Candidate c = new Candidate(n.project(), number(n), B, Candidate.Status.OPEN, "");
    return new PrerequisiteStatus(
        state,
        Optional.of(n.project()),
        Optional.of(c),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.of(n.changeId()),
        Optional.empty(),
        Optional.empty());
  }

  private static final Map<Integer, PrerequisiteState> TOGETHER =
      ImmutableMap.of(
          number(Y), PrerequisiteState.LANDS_AS_ANCESTOR,
          number(Z), PrerequisiteState.LANDS_WITH_TOPIC);

  @Test
  void onlyAnOpenPrerequisiteOnTheBranchThatIsSubmittedTogetherLandsTogether() {
    assertThat(LandingTogether.apply(status(Y, PrerequisiteState.OPEN_ON_BRANCH), TOGETHER).state())
        .isEqualTo(PrerequisiteState.LANDS_AS_ANCESTOR);
    assertThat(LandingTogether.apply(status(Z, PrerequisiteState.OPEN_ON_BRANCH), TOGETHER).state())
        .isEqualTo(PrerequisiteState.LANDS_WITH_TOPIC);
    // Not in the set: still open, still blocking.
    assertThat(LandingTogether.apply(status(W, PrerequisiteState.OPEN_ON_BRANCH), TOGETHER).state())
        .isEqualTo(PrerequisiteState.OPEN_ON_BRANCH);
    // Open elsewhere or abandoned: a submission of this branch does not merge it here.
    assertThat(LandingTogether.apply(status(Y, PrerequisiteState.OPEN_ELSEWHERE), TOGETHER).state())
        .isEqualTo(PrerequisiteState.OPEN_ELSEWHERE);
    assertThat(
            LandingTogether.apply(status(Y, PrerequisiteState.ABANDONED_ON_BRANCH), TOGETHER)
                .state())
        .isEqualTo(PrerequisiteState.ABANDONED_ON_BRANCH);
    assertThat(PrerequisiteState.LANDS_AS_ANCESTOR.satisfied()).isTrue();
    assertThat(PrerequisiteState.LANDS_WITH_TOPIC.satisfied()).isTrue();
  }

  @Test
  void aLandingTogetherPrerequisiteBelowAnotherIsFine() {
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 10);
    g.addNeed(ROOT, Y, status(Y, PrerequisiteState.LANDS_AS_ANCESTOR));
    g.addNeed(Y, Z, status(Z, PrerequisiteState.LANDS_AS_ANCESTOR));
    Chain chain = g.build();
    assertThat(LandingTogether.blocked(chain)).isEmpty();
    assertThat(chain.goesDeeper()).isFalse();
  }

  @Test
  void somethingMissingBelowALandingTogetherPrerequisiteBlocksEveryOneAboveIt() {
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 10);
    g.addNeed(ROOT, Y, status(Y, PrerequisiteState.LANDS_AS_ANCESTOR));
    g.addNeed(Y, Z, status(Z, PrerequisiteState.LANDS_AS_ANCESTOR));
    g.addNeed(Z, W, status(W, PrerequisiteState.NOT_BACKPORTED));
    Chain chain = g.build();
    assertThat(LandingTogether.blocked(chain)).containsExactly(Y, Z);

    Chain demoted = LandingTogether.demote(chain, LandingTogether.blocked(chain));
    assertThat(demoted.statuses().get(Y).state()).isEqualTo(PrerequisiteState.OPEN_ON_BRANCH);
    assertThat(demoted.statuses().get(Z).state()).isEqualTo(PrerequisiteState.OPEN_ON_BRANCH);
    assertThat(demoted.statuses().get(W).state()).isEqualTo(PrerequisiteState.NOT_BACKPORTED);
    assertThat(demoted.goesDeeper()).isTrue();
  }

  @Test
  void aChainNotFollowedToItsEndBelowALandingTogetherPrerequisiteBlocks() {
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 10);
    g.addNeed(ROOT, Y, status(Y, PrerequisiteState.LANDS_AS_ANCESTOR));
    g.markCut(Y);
    assertThat(LandingTogether.blocked(g.build())).containsExactly(Y);

    PrerequisiteGraph budget = new PrerequisiteGraph(ROOT, 10);
    budget.addNeed(ROOT, Y, status(Y, PrerequisiteState.LANDS_AS_ANCESTOR));
    budget.addNeed(Y, Z, status(Z, PrerequisiteState.LANDS_WITH_TOPIC));
    budget.markOverBudget(Z, "plugin.backport-guard.maxQueriesPerCheck");
    assertThat(LandingTogether.blocked(budget.build())).containsExactly(Y, Z);
  }

  @Test
  void aCycleThroughLandingTogetherPrerequisitesBlocks() {
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 10);
    g.addNeed(ROOT, Y, status(Y, PrerequisiteState.LANDS_AS_ANCESTOR));
    g.addNeed(Y, ROOT, PrerequisiteStatus.selfReference());
    assertThat(LandingTogether.blocked(g.build())).containsExactly(Y);
  }
}
