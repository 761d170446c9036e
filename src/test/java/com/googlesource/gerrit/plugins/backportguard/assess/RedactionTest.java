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

package com.googlesource.gerrit.plugins.backportguard.assess;

import static com.google.common.truth.Truth.assertThat;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Candidate.Status.MERGED;

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
import com.googlesource.gerrit.plugins.backportguard.verdict.Verdict;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a caller is not told: never more than the comment, and nothing they cannot read. */
class RedactionTest {
  private static final String B = "wmf/1.0";
  private static final Node ROOT = new Node("demo", "Iroot");
  private static final Node N21 = new Node("demo", "I21");
  private static final Node N22 = new Node("lib", "I22");

  private static PrerequisiteStatus notBackported(Node node, int number) {
    return new PrerequisiteStatus(
        PrerequisiteState.NOT_BACKPORTED,
        Optional.of(node.project()),
        Optional.of(new Candidate(node.project(), number, "master", MERGED, "c" + number)),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.of(node.changeId()),
        Optional.empty(),
        Optional.empty());
  }

  private static final PrerequisiteStatus S21 = notBackported(N21, 21);
  private static final PrerequisiteStatus S22 = notBackported(N22, 22);

  private static DependencyResult result(PrerequisiteStatus s) {
    return new DependencyResult(
        new DeclaredDependency(
            "Depends-On: " + s.changeId().get(), new DependencyRef.ChangeId(s.changeId().get())),
        ImmutableList.of(s));
  }

  /** This change needs 21 and 22; 21 needs 22. */
  private static Verdict verdict() {
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 10);
    g.addNeed(ROOT, N21, S21);
    g.addNeed(ROOT, N22, S22);
    g.addNeed(N21, N22, S22);
    return new Verdict(
        "demo",
        B,
        ImmutableList.of(result(S21), result(S22)),
        ImmutableList.of(),
        true,
        g.build(),
        ImmutableList.of(),
        Integer.MAX_VALUE);
  }

  @Test
  void theCommentsAudienceSeesTheVerdictAsItIs() {
    Verdict v = verdict();
    Redaction.Result r = Redaction.apply(v, Viewer.readersOfChange());
    assertThat(r.verdict()).isSameInstanceAs(v);
    assertThat(r.withheld()).isEqualTo(0);
  }

  @Test
  void aCallerWhoCanReadEverythingSeesTheSame() {
    Verdict v = verdict();
    Redaction.Result r = Redaction.apply(v, Viewer.of((p, b) -> true));
    assertThat(r.verdict()).isEqualTo(v);
    assertThat(r.withheld()).isEqualTo(0);
  }

  @Test
  void whatTheCallerCannotReadIsNotFoundAndTheChainThroughItIsLeftOut() {
    Verdict v = verdict();
    Redaction.Result r = Redaction.apply(v, Viewer.of((p, b) -> !p.equals("lib")));

    Verdict seen = r.verdict();
    assertThat(seen.results().get(0).prerequisites()).containsExactly(S21);
    assertThat(seen.results().get(1).prerequisites())
        .containsExactly(PrerequisiteStatus.notFound());
    assertThat(seen.chain()).isEqualTo(Chain.none(ROOT));
    // Only the footer line, which the caller reads in the commit message, still says I22.
    String named = seen.results().get(1).prerequisites() + " " + seen.chain();
    assertThat(named).doesNotContain("lib");
    assertThat(named).doesNotContain("I22");
    assertThat(named).doesNotContain("22");
    // Declared, and needed further down the chain: one prerequisite.
    assertThat(r.withheld()).isEqualTo(1);
    // What blocks still blocks: a nameless not-found blocks here too.
    assertThat(seen.passes()).isEqualTo(v.passes());
  }

  @Test
  void aBranchTheCallerCannotReadHidesWhatIsOnIt() {
    Verdict v = verdict();
    Redaction.Result r = Redaction.apply(v, Viewer.of((p, b) -> !b.equals("master")));
    assertThat(r.verdict().missingCount()).isEqualTo(2);
    assertThat(
            r.verdict().results().stream()
                .allMatch(x -> x.prerequisites().get(0).change().isEmpty()))
        .isTrue();
  }

  @Test
  void onlyTheCopiesTheCallerCanReadAreKeptInTheResultsAndTheChain() {
    Candidate onMaster = S21.change().get();
    Candidate onHidden = new Candidate("demo", 41, "wmf/1.1", MERGED, "c41");
    Candidate onOld = new Candidate("demo", 42, "wmf/0.9", MERGED, "c42");
    PrerequisiteStatus s21 = S21.withCopies(ImmutableList.of(onMaster, onHidden, onOld));
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 10);
    g.addNeed(ROOT, N21, s21);
    Verdict v =
        new Verdict(
            "demo",
            B,
            ImmutableList.of(result(s21)),
            ImmutableList.of(),
            true,
            g.build(),
            ImmutableList.of(),
            Integer.MAX_VALUE);

    Redaction.Result r = Redaction.apply(v, Viewer.of((p, b) -> !b.equals("wmf/1.1")));

    PrerequisiteStatus declared = r.verdict().results().get(0).prerequisites().get(0);
    assertThat(declared.copies()).containsExactly(onMaster, onOld).inOrder();
    assertThat(declared.change()).hasValue(onMaster);
    assertThat(r.verdict().chain().statuses().get(N21).copies())
        .containsExactly(onMaster, onOld)
        .inOrder();
    assertThat(r.verdict().chain().landingOrder()).containsExactly(N21);
    // A copy elsewhere says nothing of the target branch: nothing is withheld, nothing changes.
    assertThat(r.withheld()).isEqualTo(0);
    assertThat(r.verdict().passes()).isEqualTo(v.passes());
    assertThat(Redaction.apply(v, Viewer.of((p, b) -> true)).verdict()).isEqualTo(v);
  }

  @Test
  void theCherryPickPlanIsInLandingOrder() {
    assertThat(Assessment.missingOnBranchPlan(verdict()).stream().map(Candidate::number))
        .containsExactly(22, 21)
        .inOrder();
  }
}
