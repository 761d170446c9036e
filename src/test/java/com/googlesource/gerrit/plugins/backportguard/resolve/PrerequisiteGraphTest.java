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

import com.google.common.collect.ImmutableList;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The landing order and the cycles of a chain of prerequisites, and what {@link Chain} says. */
class PrerequisiteGraphTest {
  private static final String B = "wmf/1.0";
  private static final Node ROOT = node("root");
  private static final Node A = node("a");
  private static final Node BB = node("b");
  private static final Node C = node("c");
  private static final Node D = node("d");

  private static Node node(String name) {
    return new Node("p", "I" + name);
  }

  /** An open backport on the branch; the graph does not look at it. */
  private static PrerequisiteStatus open(Node n) {
    Candidate c = new Candidate(n.project(), 1, B, Candidate.Status.OPEN, "");
    return new PrerequisiteStatus(
        PrerequisiteState.OPEN_ON_BRANCH,
        Optional.of(n.project()),
        Optional.of(c),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.of(n.changeId()),
        Optional.empty(),
        Optional.empty());
  }

  private static PrerequisiteGraph graph() {
    return new PrerequisiteGraph(ROOT, 10);
  }

  private static boolean need(PrerequisiteGraph g, Node from, Node to) {
    return g.addNeed(from, to, open(to));
  }

  /** Every change comes after each change it needs (the root aside), and only once. */
  private static void assertLandsAfterItsNeeds(Chain chain) {
    List<Node> order = chain.landingOrder();
    assertThat(order).containsNoDuplicates();
    assertThat(order).doesNotContain(chain.root());
    chain
        .needs()
        .forEach(
            (from, tos) -> {
              if (from.equals(chain.root()) || chain.cycle().isPresent()) {
                return;
              }
              for (Node to : tos) {
                assertThat(order.indexOf(to)).isLessThan(order.indexOf(from));
              }
            });
  }

  @Test
  void straightChainLandsDeepestFirst() {
    PrerequisiteGraph g = graph();
    need(g, ROOT, A);
    need(g, A, BB);
    need(g, BB, C);
    Chain chain = g.build();
    assertThat(chain.root()).isEqualTo(ROOT);
    assertThat(chain.landingOrder()).containsExactly(C, BB, A).inOrder();
    assertThat(chain.cycle()).isEmpty();
    assertThat(chain.statuses().keySet()).containsExactly(A, BB, C);
    assertThat(chain.needs())
        .containsExactly(
            ROOT, ImmutableList.of(A), A, ImmutableList.of(BB), BB, ImmutableList.of(C));
    assertThat(chain.maxDepth()).isEqualTo(10);
    assertThat(chain.goesDeeper()).isTrue();
    assertLandsAfterItsNeeds(chain);
  }

  @Test
  void diamondLandsTheSharedPrerequisiteOnceAndFirst() {
    PrerequisiteGraph g = graph();
    assertThat(need(g, ROOT, A)).isTrue();
    assertThat(need(g, ROOT, BB)).isTrue();
    assertThat(need(g, A, C)).isTrue();
    // Already known: its prerequisites are being followed once, from A.
    assertThat(need(g, BB, C)).isFalse();
    Chain chain = g.build();
    assertThat(chain.landingOrder()).containsExactly(C, A, BB).inOrder();
    assertThat(chain.neededBy(C)).containsExactly(A, BB).inOrder();
    assertThat(chain.neededBy(A)).containsExactly(ROOT);
    assertThat(chain.cycle()).isEmpty();
    assertThat(chain.goesDeeper()).isTrue();
    assertLandsAfterItsNeeds(chain);
  }

  @Test
  void deeperDiamondKeepsEveryChangeAfterWhatItNeeds() {
    // root -> a, b; a -> c; b -> c, d; c -> d
    PrerequisiteGraph g = graph();
    need(g, ROOT, A);
    need(g, ROOT, BB);
    need(g, A, C);
    need(g, BB, C);
    need(g, BB, D);
    need(g, C, D);
    Chain chain = g.build();
    assertThat(chain.landingOrder()).containsExactly(D, C, A, BB).inOrder();
    assertThat(chain.neededBy(D)).containsExactly(BB, C).inOrder();
    assertLandsAfterItsNeeds(chain);
  }

  @Test
  void theFirstStatusOfAChangeIsKept() {
    PrerequisiteGraph g = graph();
    PrerequisiteStatus first = open(C);
    PrerequisiteStatus second = PrerequisiteStatus.notFound();
    g.addNeed(ROOT, A, open(A));
    g.addNeed(A, C, first);
    assertThat(g.addNeed(ROOT, C, second)).isFalse();
    assertThat(g.build().statuses().get(C)).isSameInstanceAs(first);
  }

  @Test
  void aNeedDeclaredTwiceIsKeptOnce() {
    PrerequisiteGraph g = graph();
    assertThat(need(g, ROOT, A)).isTrue();
    assertThat(need(g, ROOT, A)).isFalse();
    Chain chain = g.build();
    assertThat(chain.needs().get(ROOT)).containsExactly(A);
    assertThat(chain.neededBy(A)).containsExactly(ROOT);
  }

  @Test
  void needsKeepTheDeclarationOrder() {
    PrerequisiteGraph g = graph();
    need(g, ROOT, C);
    need(g, ROOT, A);
    need(g, ROOT, BB);
    Chain chain = g.build();
    assertThat(chain.needs().get(ROOT)).containsExactly(C, A, BB).inOrder();
    assertThat(chain.landingOrder()).containsExactly(C, A, BB).inOrder();
  }

  @Test
  void rootNamingItselfIsACycleOfOne() {
    PrerequisiteGraph g = graph();
    assertThat(g.addNeed(ROOT, ROOT, PrerequisiteStatus.selfReference())).isFalse();
    Chain chain = g.build();
    assertThat(chain.cycle()).hasValue(ImmutableList.of(ROOT, ROOT));
    assertThat(chain.landingOrder()).isEmpty();
    assertThat(chain.statuses()).doesNotContainKey(ROOT);
    assertThat(chain.goesDeeper()).isTrue();
  }

  @Test
  void anOrderBetweenTheChangesOwnPrerequisitesIsNews() {
    PrerequisiteGraph g = graph();
    need(g, ROOT, A);
    need(g, ROOT, BB);
    Chain flat = g.build();
    assertThat(flat.goesDeeper()).isFalse();

    // The change declares A and B, and A needs B: the comment must say B lands first.
    need(g, A, BB);
    Chain ordered = g.build();
    assertThat(ordered.goesDeeper()).isTrue();
    assertThat(ordered.landingOrder()).containsExactly(BB, A).inOrder();
  }

  @Test
  void cycleOfTwoThroughTheRoot() {
    PrerequisiteGraph g = graph();
    need(g, ROOT, A);
    assertThat(g.addNeed(A, ROOT, PrerequisiteStatus.selfReference())).isFalse();
    Chain chain = g.build();
    assertThat(chain.cycle()).hasValue(ImmutableList.of(ROOT, A, ROOT));
    assertThat(chain.landingOrder()).containsExactly(A);
    assertThat(chain.statuses()).doesNotContainKey(ROOT);
    // A is declared by the change itself, but the cycle is news.
    assertThat(chain.goesDeeper()).isTrue();
  }

  @Test
  void cycleOfThreeThroughTheRoot() {
    PrerequisiteGraph g = graph();
    need(g, ROOT, A);
    need(g, A, BB);
    g.addNeed(BB, ROOT, PrerequisiteStatus.selfReference());
    Chain chain = g.build();
    assertThat(chain.cycle()).hasValue(ImmutableList.of(ROOT, A, BB, ROOT));
    assertThat(chain.landingOrder()).containsExactly(BB, A).inOrder();
  }

  @Test
  void cycleThatDoesNotPassThroughTheRootStartsWhereItCloses() {
    // root -> a -> b -> c -> b
    PrerequisiteGraph g = graph();
    need(g, ROOT, A);
    need(g, A, BB);
    need(g, BB, C);
    assertThat(need(g, C, BB)).isFalse();
    Chain chain = g.build();
    assertThat(chain.cycle()).hasValue(ImmutableList.of(BB, C, BB));
    assertThat(chain.landingOrder()).containsExactly(C, BB, A).inOrder();
    assertThat(chain.neededBy(BB)).containsExactly(A, C).inOrder();
  }

  @Test
  void prerequisiteNamingItselfIsACycleOfOne() {
    PrerequisiteGraph g = graph();
    need(g, ROOT, A);
    need(g, A, A);
    assertThat(g.build().cycle()).hasValue(ImmutableList.of(A, A));
  }

  @Test
  void everyCycleStartsAndEndsAtTheSameNode() {
    // root -> a -> b -> c -> d -> a, next to a harmless branch root -> c.
    PrerequisiteGraph g = graph();
    need(g, ROOT, A);
    need(g, ROOT, C);
    need(g, A, BB);
    need(g, BB, C);
    need(g, C, D);
    need(g, D, A);
    ImmutableList<Node> cycle = g.build().cycle().get();
    assertThat(cycle).containsExactly(A, BB, C, D, A).inOrder();
    assertThat(cycle.get(0)).isEqualTo(cycle.get(cycle.size() - 1));
  }

  @Test
  void sharedPrerequisiteIsNotACycle() {
    // Two paths to c, reached the second time after it was fully explored.
    PrerequisiteGraph g = graph();
    need(g, ROOT, A);
    need(g, ROOT, BB);
    need(g, A, C);
    need(g, BB, A);
    need(g, BB, C);
    Chain chain = g.build();
    assertThat(chain.cycle()).isEmpty();
    assertThat(chain.landingOrder()).containsExactly(C, A, BB).inOrder();
    assertLandsAfterItsNeeds(chain);
  }

  @Test
  void onlyDirectPrerequisitesDoNotGoDeeper() {
    PrerequisiteGraph g = graph();
    need(g, ROOT, A);
    need(g, ROOT, BB);
    Chain chain = g.build();
    assertThat(chain.landingOrder()).containsExactly(A, BB).inOrder();
    assertThat(chain.goesDeeper()).isFalse();
  }

  @Test
  void emptyGraphSaysNothing() {
    Chain chain = graph().build();
    assertThat(chain.landingOrder()).isEmpty();
    assertThat(chain.cycle()).isEmpty();
    assertThat(chain.cut()).isEmpty();
    assertThat(chain.goesDeeper()).isFalse();
    assertThat(chain.neededBy(A)).isEmpty();
  }

  @Test
  void noneSaysNothing() {
    Chain chain = Chain.none(ROOT);
    assertThat(chain.root()).isEqualTo(ROOT);
    assertThat(chain.goesDeeper()).isFalse();
    assertThat(chain.landingOrder()).isEmpty();
    assertThat(chain.neededBy(ROOT)).isEmpty();
  }

  @Test
  void cutChangesAreRecordedAndAreWorthSaying() {
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 1);
    need(g, ROOT, A);
    need(g, ROOT, BB);
    g.markCut(BB);
    g.markCut(A);
    g.markCut(BB);
    Chain chain = g.build();
    assertThat(chain.cut()).containsExactly(BB, A).inOrder();
    assertThat(chain.maxDepth()).isEqualTo(1);
    // Nothing beyond the direct prerequisites was found, but the cut itself is news.
    assertThat(chain.goesDeeper()).isTrue();
  }

  @Test
  void neededByListsTheRootAmongOthers() {
    PrerequisiteGraph g = graph();
    need(g, ROOT, A);
    need(g, ROOT, C);
    need(g, A, C);
    Chain chain = g.build();
    assertThat(chain.neededBy(C)).containsExactly(ROOT, A).inOrder();
    assertThat(chain.neededBy(ROOT)).isEmpty();
    assertThat(chain.neededBy(node("unknown"))).isEmpty();
  }
}
