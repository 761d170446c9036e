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

package com.googlesource.gerrit.plugins.backportguard.verdict;

import static com.google.common.truth.Truth.assertThat;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Candidate.Status.ABANDONED;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Candidate.Status.MERGED;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Candidate.Status.OPEN;

import com.google.common.collect.ImmutableList;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependency;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import com.googlesource.gerrit.plugins.backportguard.resolve.Candidate;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResult;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteGraph;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The parts of the comment that go beyond the change's own declarations: the chain of
 * prerequisites, cycles, the depth bound, the limit on declarations, and reverts.
 */
class VerdictChainCommentTest {
  private static final String PLUGIN = "backport-guard";

  private static final String B = "wmf/1.0";
  private static final String LINK = "https://g.example/c/";

  private final VerdictComment comment =
      new VerdictComment((p, n) -> LINK + p + "/+/" + n, CommentLimit.DEFAULT_BUDGET, PLUGIN);

  private static final Node ROOT = new Node("demo", "Iroot");

  /** Change 21 in demo: open on the branch, declared by the change being checked. */
  private static final Node N21 = new Node("demo", "I21");

  private static final PrerequisiteStatus S21 =
      status(PrerequisiteState.OPEN_ON_BRANCH, new Candidate("demo", 21, B, OPEN, "a1"), N21);

  /** Change 22 in lib: merged on master, never cherry-picked. */
  private static final Node N22 = new Node("lib", "I22");

  private static final PrerequisiteStatus S22 =
      status(
          PrerequisiteState.NOT_BACKPORTED, new Candidate("lib", 22, "master", MERGED, "a2"), N22);

  /** Change 23 in demo: abandoned on the branch. */
  private static final Node N23 = new Node("demo", "I23");

  private static final PrerequisiteStatus S23 =
      status(
          PrerequisiteState.ABANDONED_ON_BRANCH,
          new Candidate("demo", 23, B, ABANDONED, "a3"),
          N23);

  private static PrerequisiteStatus status(PrerequisiteState state, Candidate change, Node node) {
    return new PrerequisiteStatus(
        state,
        Optional.of(change.project()),
        Optional.of(change),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.of(node.changeId()),
        Optional.empty(),
        Optional.empty());
  }

  private static PrerequisiteStatus merged(Candidate change) {
    return new PrerequisiteStatus(
        PrerequisiteState.MERGED_ON_BRANCH,
        Optional.of(change.project()),
        Optional.of(change),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static DependencyResult result(String line, PrerequisiteStatus... statuses) {
    return new DependencyResult(
        new DeclaredDependency(line, new DependencyRef.ChangeId(line.substring(12))),
        ImmutableList.copyOf(statuses));
  }

  private static DependencyResult external(String url) {
    return new DependencyResult(
        new DeclaredDependency("Depends-On: " + url, new DependencyRef.External(url)),
        ImmutableList.of());
  }

  private static Verdict verdict(
      boolean blockOnUnknown, Chain chain, ImmutableList<DependencyResult> results) {
    return new Verdict(
        "demo",
        B,
        results,
        ImmutableList.of(),
        blockOnUnknown,
        chain,
        ImmutableList.of(),
        Integer.MAX_VALUE);
  }

  private static Verdict overLimit(
      boolean blockOnUnknown,
      int maxDependencies,
      ImmutableList<DependencyResult> results,
      String... notChecked) {
    return new Verdict(
        "demo",
        B,
        results,
        ImmutableList.of(),
        blockOnUnknown,
        Chain.none(ROOT),
        ImmutableList.copyOf(notChecked),
        maxDependencies);
  }

  @Test
  void chainIsListedInLandingOrderWithWhoNeedsWhat() {
    // this change -> 21; 21 -> 22, 23; 23 -> 22
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 10);
    g.addNeed(ROOT, N21, S21);
    g.addNeed(N21, N22, S22);
    g.addNeed(N21, N23, S23);
    g.addNeed(N23, N22, S22);
    Verdict v = verdict(true, g.build(), ImmutableList.of(result("Depends-On: I21", S21)));

    String text = comment.format(v);
    assertThat(v.passes()).isFalse();
    assertThat(text)
        .startsWith(
            "Backport check: 1 of 1 prerequisite is not merged on wmf/1.0.\n\n"
                + "* Depends-On: I21\n"
                + "  MISSING: the backport change 21 is open on wmf/1.0.\n"
                + "  Action: get change 21 merged first: "
                + LINK
                + "demo/+/21\n\n");
    assertThat(text)
        .endsWith(
            "\n\nChain: these have to land on wmf/1.0 first, in this order:\n"
                + "1. change 22 in lib (needed by change 21, change 23): merged on master, not"
                + " cherry-picked onto wmf/1.0: "
                + LINK
                + "lib/+/22\n"
                + "2. change 23 (needed by change 21): abandoned on wmf/1.0: "
                + LINK
                + "demo/+/23\n"
                + "3. change 21 (needed by this change): open on wmf/1.0: "
                + LINK
                + "demo/+/21\n"
                + "4. this change");
    assertThat(text).doesNotContain("CYCLE");
    assertThat(text).doesNotContain("maxChainDepth");
  }

  @Test
  void onlyDirectPrerequisitesGetNoChainSection() {
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 10);
    g.addNeed(ROOT, N21, S21);
    g.addNeed(ROOT, N23, S23);
    Verdict v =
        verdict(
            true,
            g.build(),
            ImmutableList.of(result("Depends-On: I21", S21), result("Depends-On: I23", S23)));
    Verdict withoutChain =
        verdict(
            true,
            Chain.none(ROOT),
            ImmutableList.of(result("Depends-On: I21", S21), result("Depends-On: I23", S23)));

    assertThat(comment.format(v)).doesNotContain("Chain:");
    assertThat(comment.format(v)).isEqualTo(comment.format(withoutChain));
  }

  @Test
  void cycleThroughTheChangeIsShownFromTheChangeBackToIt() {
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 10);
    g.addNeed(ROOT, N21, S21);
    g.addNeed(N21, ROOT, PrerequisiteStatus.selfReference());
    Verdict v = verdict(true, g.build(), ImmutableList.of(result("Depends-On: I21", S21)));

    String text = comment.format(v);
    assertThat(v.passes()).isFalse();
    assertThat(text)
        .contains(
            "\n\nCYCLE: this change -> change 21 -> this change. Each needs the next one first,"
                + " so none of them can land on wmf/1.0.\n"
                + "  Action: drop the Depends-On that closes the cycle.");
    // With a cycle nothing can land first, so no landing order is given.
    assertThat(text).doesNotContain("Chain:");
  }

  @Test
  void changeNamingItselfIsACycleOfOne() {
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 10);
    g.addNeed(ROOT, ROOT, PrerequisiteStatus.selfReference());
    Verdict v =
        verdict(
            false,
            g.build(),
            ImmutableList.of(result("Depends-On: Iroot", PrerequisiteStatus.selfReference())));

    String text = comment.format(v);
    assertThat(v.passes()).isFalse();
    assertThat(text).contains("MISSING: this names the change itself");
    assertThat(text).contains("\nCYCLE: this change -> this change. Each needs the next one first");
    assertThat(text).doesNotContain("Chain:");
  }

  @Test
  void cycleFurtherDownNamesOnlyTheChangesInIt() {
    // this change -> 21 -> 22 -> 23 -> 22
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 10);
    g.addNeed(ROOT, N21, S21);
    g.addNeed(N21, N22, S22);
    g.addNeed(N22, N23, S23);
    g.addNeed(N23, N22, S22);
    Verdict v = verdict(true, g.build(), ImmutableList.of(result("Depends-On: I21", S21)));

    assertThat(comment.format(v))
        .contains("\nCYCLE: change 22 in lib -> change 23 -> change 22 in lib. Each needs");
  }

  @Test
  void cycleBlocksEvenWhenWhatCannotBeCheckedDoesNot() {
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 10);
    g.addNeed(ROOT, N21, S21);
    g.addNeed(N21, ROOT, PrerequisiteStatus.selfReference());
    ImmutableList<DependencyResult> results =
        ImmutableList.of(result("Depends-On: I99", PrerequisiteStatus.notFound()));

    Verdict withCycle = verdict(false, g.build(), results);
    Verdict withoutCycle = verdict(false, Chain.none(ROOT), results);
    assertThat(withoutCycle.missingCount()).isEqualTo(0);
    assertThat(withoutCycle.passes()).isTrue();
    assertThat(withCycle.missingCount()).isEqualTo(0);
    assertThat(withCycle.passes()).isFalse();
    assertThat(comment.format(withCycle))
        .contains("CYCLE: this change -> change 21 -> this change");
  }

  @Test
  void depthCutNamesTheChangeAndTheSetting() {
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 2);
    g.addNeed(ROOT, N21, S21);
    g.addNeed(N21, N22, S22);
    g.markCut(N22);
    Verdict v = verdict(true, g.build(), ImmutableList.of(result("Depends-On: I21", S21)));

    String text = comment.format(v);
    assertThat(text).contains("2. change 21 (needed by this change)");
    assertThat(text)
        .endsWith(
            "3. this change\n\n"
                + "change 22 in lib declares prerequisites of its own that were not checked: the"
                + " chain was followed 2 levels deep (plugin.backport-guard.maxChainDepth). Check"
                + " them on it.");
  }

  @Test
  void depthCutOfADirectPrerequisiteIsStillReported() {
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 1);
    g.addNeed(ROOT, N21, S21);
    g.markCut(N21);
    Verdict v = verdict(true, g.build(), ImmutableList.of(result("Depends-On: I21", S21)));

    assertThat(comment.format(v))
        .contains(
            "\nchange 21 declares prerequisites of its own that were not checked: the chain was"
                + " followed 1 level deep (plugin.backport-guard.maxChainDepth).");
  }

  @Test
  void aLevelTooWideToFollowIsReported() {
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 10);
    g.addNeed(ROOT, N21, S21);
    g.markTooWide(N21);
    Verdict v = verdict(true, g.build(), ImmutableList.of(result("Depends-On: I21", S21)));

    assertThat(comment.format(v))
        .contains(
            "\nchange 21 declares prerequisites of its own that were not checked: its level of"
                + " the chain declares more than 200. Check them on it.");
  }

  @Test
  void dependenciesOverTheLimitAreListedAndBlockWhenUnknownsBlock() {
    Candidate c1 = new Candidate("demo", 31, B, MERGED, "b1");
    Candidate c2 = new Candidate("demo", 32, B, MERGED, "b2");
    ImmutableList<DependencyResult> checked =
        ImmutableList.of(
            result("Depends-On: I31", merged(c1)), result("Depends-On: I32", merged(c2)));

    Verdict strict = overLimit(true, 2, checked, "Depends-On: I33", "Depends-On: I34");
    String text = comment.format(strict);
    assertThat(strict.passes()).isFalse();
    assertThat(text)
        .startsWith(
            "Backport check: 4 declared dependencies are more than the 2 checked; the rest were"
                + " not checked.\n");
    assertThat(text)
        .endsWith(
            "\n\nNot checked: more than 2 dependencies declared (blocks until fixed); split the"
                + " change, or ask an admin to raise plugin.backport-guard.maxDependencies:\n"
                + "* Depends-On: I33\n"
                + "* Depends-On: I34");

    Verdict lenient = overLimit(false, 2, checked, "Depends-On: I33", "Depends-On: I34");
    String lenientText = comment.format(lenient);
    assertThat(lenient.passes()).isTrue();
    assertThat(lenientText)
        .startsWith("Backport check: all 2 prerequisites are merged on wmf/1.0.");
    assertThat(lenientText)
        .contains(
            "\nNot checked: more than 2 dependencies declared; split the change, or ask an admin"
                + " to raise plugin.backport-guard.maxDependencies:\n* Depends-On: I33\n");
    assertThat(lenientText).doesNotContain("blocks until fixed");
  }

  // Each declaration up to maxDependencies gives one result (ChangeEvaluator.verdict), however
  // many prerequisites it resolves to; the summary must count those, not the prerequisites.
  @Test
  void overLimitSummaryCountsALinkToAnotherServerAsADeclaration() {
    Candidate c1 = new Candidate("demo", 31, B, MERGED, "b1");
    ImmutableList<DependencyResult> checked =
        ImmutableList.of(
            external("https://gitlab.example/x/-/merge_requests/1"),
            result("Depends-On: I31", merged(c1)));

    Verdict v = overLimit(true, 2, checked, "Depends-On: I33");
    assertThat(comment.format(v))
        .startsWith(
            "Backport check: 3 declared dependencies are more than the 2 checked; the rest were"
                + " not checked.");
  }

  @Test
  void overLimitSummaryCountsAChangeIdUsedInTwoProjectsOnce() {
    Candidate c1 = new Candidate("demo", 31, B, MERGED, "b1");
    Candidate inDemo = new Candidate("demo", 32, B, MERGED, "b2");
    Candidate inLib = new Candidate("lib", 42, B, MERGED, "c2");
    ImmutableList<DependencyResult> checked =
        ImmutableList.of(
            result("Depends-On: I31", merged(c1)),
            result("Depends-On: I32", merged(inDemo), merged(inLib)));

    Verdict v = overLimit(true, 2, checked, "Depends-On: I33");
    assertThat(comment.format(v))
        .startsWith(
            "Backport check: 3 declared dependencies are more than the 2 checked; the rest were"
                + " not checked.");
  }

  @Test
  void revertedPrerequisiteNamesTheRevert() {
    Candidate landed = new Candidate("demo", 21, B, MERGED, "a1");
    Candidate revert = new Candidate("demo", 30, B, MERGED, "r1");
    PrerequisiteStatus reverted =
        new PrerequisiteStatus(
            PrerequisiteState.REVERTED_ON_BRANCH,
            Optional.of("demo"),
            Optional.of(landed),
            Optional.empty(),
            Optional.empty(),
            false,
            Optional.of("I21"),
            Optional.of(revert),
            Optional.empty());
    Verdict v =
        verdict(false, Chain.none(ROOT), ImmutableList.of(result("Depends-On: I21", reverted)));

    String text = comment.format(v);
    assertThat(v.passes()).isFalse();
    assertThat(text)
        .isEqualTo(
            "Backport check: 1 of 1 prerequisite is not merged on wmf/1.0.\n\n"
                + "* Depends-On: I21\n"
                + "  MISSING: change 21 was merged into wmf/1.0 but reverted on wmf/1.0 by change"
                + " 30 ("
                + LINK
                + "demo/+/30).\n"
                + "  Action: land it on wmf/1.0 again (revert the revert), or drop this"
                + " Depends-On: "
                + LINK
                + "demo/+/21");
  }

  @Test
  void revertInAnotherProjectIsNamedWithItsProject() {
    Candidate landed = new Candidate("lib", 21, "master", MERGED, "a1");
    Candidate revert = new Candidate("lib", 30, B, MERGED, "r1");
    PrerequisiteStatus reverted =
        new PrerequisiteStatus(
            PrerequisiteState.REVERTED_ON_BRANCH,
            Optional.of("lib"),
            Optional.of(landed),
            Optional.empty(),
            Optional.empty(),
            false,
            Optional.of("I21"),
            Optional.of(revert),
            Optional.empty());
    Verdict v =
        verdict(true, Chain.none(ROOT), ImmutableList.of(result("Depends-On: I21", reverted)));

    assertThat(comment.format(v))
        .contains(
            "MISSING: change 21 in lib was merged into wmf/1.0 but reverted on wmf/1.0 by change"
                + " 30 in lib ("
                + LINK
                + "lib/+/30)");
  }

  @Test
  void revertedPrerequisiteFurtherDownIsShownInTheChain() {
    Node n24 = new Node("demo", "I24");
    PrerequisiteStatus reverted =
        new PrerequisiteStatus(
            PrerequisiteState.REVERTED_ON_BRANCH,
            Optional.of("demo"),
            Optional.of(new Candidate("demo", 24, B, MERGED, "a4")),
            Optional.empty(),
            Optional.empty(),
            false,
            Optional.of("I24"),
            Optional.of(new Candidate("demo", 30, B, MERGED, "r1")),
            Optional.empty());
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 10);
    g.addNeed(ROOT, N21, S21);
    g.addNeed(N21, n24, reverted);
    Verdict v = verdict(true, g.build(), ImmutableList.of(result("Depends-On: I21", S21)));

    assertThat(comment.format(v))
        .contains(
            "1. change 24 (needed by change 21): reverted on wmf/1.0: " + LINK + "demo/+/24\n");
  }
}
