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

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.googlesource.gerrit.plugins.backportguard.pick.PickPlan.Pick;
import com.googlesource.gerrit.plugins.backportguard.pick.PickPlan.Reason;
import com.googlesource.gerrit.plugins.backportguard.pick.PickPlan.Skip;
import com.googlesource.gerrit.plugins.backportguard.resolve.Candidate;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteGraph;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which prerequisites one click cherry-picks, in which order, on what, and which it leaves. */
class PickPlannerTest {
  private static final String BRANCH = "wmf/1.0";
  private static final Node ROOT = new Node("app", "Iroot");

  private final Map<Node, Integer> numbers = new HashMap<>();
  private final PrerequisiteGraph graph = new PrerequisiteGraph(ROOT, 10);

  private Node node(String project, String name) {
    Node n = new Node(project, "I" + name);
    numbers.putIfAbsent(n, 100 + numbers.size());
    return n;
  }

  private Node node(String name) {
    return node("app", name);
  }

  /** Merged on master, never cherry-picked onto the branch. */
  private PrerequisiteStatus notBackported(Node n) {
    Candidate merged =
        new Candidate(n.project(), numbers.get(n), "master", Candidate.Status.MERGED, "c" + n);
    return status(n, PrerequisiteState.NOT_BACKPORTED, merged, Optional.of(merged));
  }

  private PrerequisiteStatus onBranch(Node n, PrerequisiteState state, Candidate.Status status) {
    Candidate c = new Candidate(n.project(), numbers.get(n) + 1000, BRANCH, status, "d" + n);
    return status(n, state, c, Optional.empty());
  }

  private PrerequisiteStatus openElsewhere(Node n) {
    Candidate c = new Candidate(n.project(), numbers.get(n), "master", Candidate.Status.OPEN, "");
    return status(n, PrerequisiteState.OPEN_ELSEWHERE, c, Optional.empty());
  }

  private static PrerequisiteStatus status(
      Node n, PrerequisiteState state, Candidate change, Optional<Candidate> source) {
    return new PrerequisiteStatus(
        state,
        Optional.of(n.project()),
        Optional.of(change),
        source,
        Optional.empty(),
        false,
        Optional.of(n.changeId()),
        Optional.empty(),
        Optional.empty());
  }

  private void need(Node from, Node to, PrerequisiteStatus status) {
    graph.addNeed(from, to, status);
  }

  private PickPlan plan() throws Exception {
    return PickPlanner.plan(graph.build(), BRANCH);
  }

  private static List<Node> picked(PickPlan plan) {
    return plan.picks().stream().map(Pick::prerequisite).toList();
  }

  @Test
  void aChainOfThreeIsPickedDeepestFirstEachOnThePrevious() throws Exception {
    Node top = node("top");
    Node middle = node("middle");
    Node base = node("base");
    need(ROOT, top, notBackported(top));
    need(top, middle, notBackported(middle));
    need(middle, base, notBackported(base));

    PickPlan plan = plan();

    assertThat(picked(plan)).containsExactly(base, middle, top).inOrder();
    assertThat(plan.picks().get(0).stackedOn()).isEmpty();
    assertThat(plan.picks().get(1).stackedOn()).hasValue(base);
    assertThat(plan.picks().get(2).stackedOn()).hasValue(middle);
    assertThat(plan.picks().get(0).source().number()).isEqualTo(numbers.get(base));
    assertThat(plan.picks().get(2).neededBy()).containsExactly(ROOT);
    assertThat(plan.picks().get(0).neededBy()).containsExactly(middle);
    assertThat(plan.skipped()).isEmpty();
    assertThat(plan.branch()).isEqualTo(BRANCH);
  }

  @Test
  void aPrerequisiteSharedBySeveralDeclarationsIsPickedOnceBeforeAllOfThem() throws Exception {
    Node left = node("left");
    Node right = node("right");
    Node shared = node("shared");
    need(ROOT, left, notBackported(left));
    need(ROOT, right, notBackported(right));
    need(left, shared, notBackported(shared));
    need(right, shared, notBackported(shared));
    need(ROOT, shared, notBackported(shared));

    PickPlan plan = plan();

    assertThat(picked(plan)).containsNoDuplicates();
    assertThat(picked(plan)).containsExactly(shared, left, right).inOrder();
    Pick sharedPick = plan.picks().get(0);
    assertThat(sharedPick.neededBy()).containsExactly(ROOT, left, right);
  }

  @Test
  void picksInAnotherProjectStackOnlyOnPicksInThatProject() throws Exception {
    Node top = node("top");
    Node lib = node("lib", "api");
    Node libBase = node("lib", "core");
    need(ROOT, top, notBackported(top));
    need(top, lib, notBackported(lib));
    need(lib, libBase, notBackported(libBase));

    PickPlan plan = plan();

    assertThat(picked(plan)).containsExactly(libBase, lib, top).inOrder();
    assertThat(plan.picks().get(1).stackedOn()).hasValue(libBase);
    // Gerrit bases a change only on a commit of its own repository: app starts at the tip.
    assertThat(plan.picks().get(2).stackedOn()).isEmpty();
  }

  @Test
  void prerequisitesAlreadyOpenOnTheBranchAreSkippedWithTheirChange() throws Exception {
    Node top = node("top");
    Node open = node("open");
    Node base = node("base");
    need(ROOT, top, notBackported(top));
    PrerequisiteStatus openStatus =
        onBranch(open, PrerequisiteState.OPEN_ON_BRANCH, Candidate.Status.OPEN);
    need(top, open, openStatus);
    need(open, base, notBackported(base));

    PickPlan plan = plan();

    assertThat(picked(plan)).containsExactly(base, top).inOrder();
    assertThat(plan.skipped())
        .containsExactly(new Skip(open, openStatus.change(), Reason.OPEN_ON_BRANCH));
    // Stacked on the last pick made: the open change is someone else's to rebase.
    assertThat(plan.picks().get(1).stackedOn()).hasValue(base);
  }

  @Test
  void whatCannotBePickedIsSkippedAndSaysWhy() throws Exception {
    Node together = node("together");
    Node abandoned = node("abandoned");
    Node reverted = node("reverted");
    Node unmerged = node("unmerged");
    need(
        ROOT,
        together,
        onBranch(together, PrerequisiteState.LANDS_AS_ANCESTOR, Candidate.Status.OPEN));
    need(
        ROOT,
        abandoned,
        onBranch(abandoned, PrerequisiteState.ABANDONED_ON_BRANCH, Candidate.Status.ABANDONED));
    need(
        ROOT,
        reverted,
        onBranch(reverted, PrerequisiteState.REVERTED_ON_BRANCH, Candidate.Status.MERGED));
    need(ROOT, unmerged, openElsewhere(unmerged));

    PickPlan plan = plan();

    assertThat(plan.picks()).isEmpty();
    assertThat(plan.skipped().stream().map(Skip::reason).toList())
        .containsExactly(
            Reason.LANDS_TOGETHER,
            Reason.ABANDONED_ON_BRANCH,
            Reason.REVERTED_ON_BRANCH,
            Reason.NOT_MERGED)
        .inOrder();
  }

  @Test
  void aCycleIsRefusedNamingItsPath() throws Exception {
    Node other = node("other");
    need(ROOT, other, notBackported(other));
    need(other, ROOT, PrerequisiteStatus.selfReference());

    PickPlanner.NoOrderException e = assertThrows(PickPlanner.NoOrderException.class, this::plan);

    assertThat(e.cycle()).containsExactly(ROOT, other, ROOT).inOrder();
    assertThat(e.getMessage())
        .contains("the backport -> change " + numbers.get(other) + " in app -> the backport");
    assertThat(e.getMessage()).contains("no order exists");
  }

  @Test
  void aChainCutByABoundIsPlannedAndSaysWhereItStopped() throws Exception {
    Node top = node("top");
    need(ROOT, top, notBackported(top));
    graph.markCut(top);

    PickPlan plan = plan();

    assertThat(picked(plan)).containsExactly(top);
    assertThat(plan.notFollowed()).containsExactly(top);
  }

  @Test
  void whatTheCallerCannotReadIsNeitherPickedNorNamedOnlyCounted() throws Exception {
    Node seen = node("seen");
    Node hidden = node("secret", "hidden");
    Node behindHidden = node("behind");
    Node alsoNeededBySeen = node("shared");
    need(ROOT, seen, notBackported(seen));
    need(ROOT, hidden, notBackported(hidden));
    need(hidden, behindHidden, notBackported(behindHidden));
    need(hidden, alsoNeededBySeen, notBackported(alsoNeededBySeen));
    need(seen, alsoNeededBySeen, notBackported(alsoNeededBySeen));

    PickPlan plan =
        PickPlanner.plan(graph.build(), BRANCH, s -> !s.project().get().equals("secret"));

    assertThat(picked(plan)).containsExactly(alsoNeededBySeen, seen).inOrder();
    // Only what the caller can read names who needs it.
    assertThat(plan.picks().get(0).neededBy()).containsExactly(seen);
    assertThat(plan.skipped()).isEmpty();
    assertThat(plan.withheld()).isEqualTo(2);
  }

  @Test
  void aCycleThroughAChangeTheCallerCannotReadNamesNothing() throws Exception {
    Node hidden = node("secret", "hidden");
    need(ROOT, hidden, notBackported(hidden));
    need(hidden, ROOT, PrerequisiteStatus.selfReference());

    PickPlanner.NoOrderException e =
        assertThrows(
            PickPlanner.NoOrderException.class,
            () -> PickPlanner.plan(graph.build(), BRANCH, s -> false));

    assertThat(e.getMessage()).contains("no order exists");
    assertThat(e.getMessage()).doesNotContain(String.valueOf(numbers.get(hidden)));
    assertThat(e.getMessage()).doesNotContain("secret");
    assertThat(e.cycle()).isEmpty();
  }

  @Test
  void nothingMissingPlansNothing() throws Exception {
    PickPlan plan = plan();

    assertThat(plan.picks()).isEmpty();
    assertThat(plan.skipped()).isEmpty();
    assertThat(plan.notFollowed()).isEmpty();
    assertThat(plan.withheld()).isEqualTo(0);
  }
}
