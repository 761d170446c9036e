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

package com.googlesource.gerrit.plugins.backportguard.rest;

import static com.google.common.truth.Truth.assertThat;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Candidate.Status.ABANDONED;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Candidate.Status.MERGED;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Candidate.Status.OPEN;

import com.google.common.collect.ImmutableList;
import com.google.gerrit.json.OutputFormat;
import com.googlesource.gerrit.plugins.backportguard.assess.Redaction;
import com.googlesource.gerrit.plugins.backportguard.assess.Viewer;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependency;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import com.googlesource.gerrit.plugins.backportguard.parse.UnreadableLine;
import com.googlesource.gerrit.plugins.backportguard.resolve.Candidate;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResult;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteGraph;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteStatus;
import com.googlesource.gerrit.plugins.backportguard.verdict.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON of a verdict: every fact a deployment tool needs, in the comment's words. */
class PrerequisitesJsonTest {
  private static final String B = "wmf/1.0";
  private static final String LINK = "https://g.example/c/";
  private static final int SELF = 40;

  private final PrerequisitesJson json =
      new PrerequisitesJson((p, n) -> LINK + p + "/+/" + n, "backport-guard");

  private static final Node ROOT = new Node("demo", "Iroot");
  private static final Node N21 = new Node("demo", "I21");
  private static final Node N22 = new Node("lib", "I22");
  private static final Node N23 = new Node("demo", "I23");

  private static final PrerequisiteStatus S21 =
      status(PrerequisiteState.OPEN_ON_BRANCH, new Candidate("demo", 21, B, OPEN, "a1"), N21);
  private static final PrerequisiteStatus S22 =
      status(
          PrerequisiteState.NOT_BACKPORTED, new Candidate("lib", 22, "master", MERGED, "a2"), N22);
  private static final PrerequisiteStatus S23 =
      status(
          PrerequisiteState.NOT_BACKPORTED, new Candidate("demo", 23, "master", MERGED, "a3"), N23);

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

  private static DependencyResult result(String id, PrerequisiteStatus... statuses) {
    return new DependencyResult(
        new DeclaredDependency("Depends-On: " + id, new DependencyRef.ChangeId(id)),
        ImmutableList.copyOf(statuses));
  }

  private static Verdict verdict(Chain chain, ImmutableList<DependencyResult> results) {
    return new Verdict(
        "demo",
        B,
        results,
        ImmutableList.of(new UnreadableLine("Depends-On: bogus", "not a reference")),
        true,
        chain,
        ImmutableList.of(),
        Integer.MAX_VALUE);
  }

  private PrerequisitesInfo info(Verdict v) {
    PrerequisitesInfo info = new PrerequisitesInfo();
    json.fill(info, v, SELF, 0);
    return info;
  }

  private static List<Integer> numbers(List<ChainEntryInfo> entries) {
    return entries.stream().map(e -> e.change.number).toList();
  }

  @Test
  void eachPrerequisiteCarriesItsStateWordsLinksAndTheChainBelowIt() {
    // this change -> 21; 21 -> 22, 23; 23 -> 22
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 10);
    g.addNeed(ROOT, N21, S21);
    g.addNeed(N21, N22, S22);
    g.addNeed(N21, N23, S23);
    g.addNeed(N23, N22, S22);
    DependencyResult external =
        new DependencyResult(
            new DeclaredDependency(
                "Depends-On: https://x.example/c/p/+/1",
                new DependencyRef.External("https://x.example/c/p/+/1")),
            ImmutableList.of());
    PrerequisitesInfo info =
        info(verdict(g.build(), ImmutableList.of(result("I21", S21), external)));

    PrerequisiteInfo p = info.dependencies.get(0).prerequisites.get(0);
    assertThat(info.dependencies.get(0).form).isEqualTo("change_id");
    assertThat(p.state).isEqualTo("open_on_branch");
    assertThat(p.result).isEqualTo("missing");
    assertThat(p.description).isEqualTo("the backport change 21 is open on wmf/1.0");
    assertThat(p.action).isEqualTo("get change 21 merged first");
    assertThat(p.change.url).isEqualTo(LINK + "demo/+/21");
    assertThat(p.change.status).isEqualTo("open");
    assertThat(p.changeId).isEqualTo("I21");
    assertThat(numbers(p.chain)).containsExactly(22, 23).inOrder();
    assertThat(p.neededBy).hasSize(1);
    assertThat(p.neededBy.get(0).self).isTrue();
    assertThat(p.neededBy.get(0).number).isEqualTo(SELF);

    assertThat(numbers(info.landingOrder)).containsExactly(22, 23, 21).inOrder();
    ChainEntryInfo deepest = info.landingOrder.get(0);
    assertThat(deepest.change.project).isEqualTo("lib");
    assertThat(deepest.description).isEqualTo("merged on master, not cherry-picked onto wmf/1.0");
    assertThat(deepest.neededBy.stream().map(r -> r.number).toList())
        .containsExactly(21, 23)
        .inOrder();
    // Merged elsewhere, missing here: what to cherry-pick, in landing order; 21 is open here.
    assertThat(info.cherryPickPlan.stream().map(r -> r.number).toList())
        .containsExactly(22, 23)
        .inOrder();
    assertThat(info.external).containsExactly("https://x.example/c/p/+/1");
    assertThat(info.dependencies.get(1).form).isEqualTo("external");
    assertThat(info.dependencies.get(1).prerequisites).isNull();
    assertThat(info.notUnderstood.get(0).line).isEqualTo("Depends-On: bogus");
    assertThat(info.cycle).isNull();
  }

  @Test
  void aCycleIsAPathAndThereIsNoOrderToLandIn() {
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 10);
    PrerequisiteStatus abandoned =
        status(
            PrerequisiteState.ABANDONED_ON_BRANCH,
            new Candidate("demo", 21, B, ABANDONED, "a1"),
            N21);
    g.addNeed(ROOT, N21, abandoned);
    g.addNeed(N21, ROOT, PrerequisiteStatus.selfReference());
    PrerequisitesInfo info = info(verdict(g.build(), ImmutableList.of(result("I21", abandoned))));

    assertThat(info.cycle.stream().map(r -> r.number).toList()).containsExactly(SELF, 21, SELF);
    assertThat(info.landingOrder).isNull();
    assertThat(info.cherryPickPlan).isNull();
    assertThat(info.dependencies.get(0).prerequisites.get(0).chain).isNull();
  }

  @Test
  void fieldsThatDoNotApplyAreLeftOutAndNamesAreSnakeCase() {
    PrerequisiteStatus merged =
        new PrerequisiteStatus(
            PrerequisiteState.MERGED_ON_BRANCH,
            Optional.of("demo"),
            Optional.of(new Candidate("demo", 21, B, MERGED, "a1")),
            Optional.empty(),
            Optional.empty(),
            false,
            Optional.of("I21"),
            Optional.empty(),
            Optional.empty());
    PrerequisitesInfo info =
        info(verdict(Chain.none(ROOT), ImmutableList.of(result("I21", merged))));

    String text = OutputFormat.JSON_COMPACT.newGson().toJson(info);
    assertThat(text).contains("\"result\":\"found\"");
    assertThat(text).contains("\"not_understood\":");
    assertThat(text).contains("\"change_id\":\"I21\"");
    assertThat(text).doesNotContain("\"action\"");
    assertThat(text).doesNotContain("\"landing_order\"");
    assertThat(text).doesNotContain("\"withheld\"");
    assertThat(text).doesNotContain("null");
  }

  /** A status that names its copies on other branches, as the classifier makes it. */
  private static PrerequisiteStatus withCopies(
      PrerequisiteState state,
      Candidate change,
      Optional<Candidate> source,
      Node node,
      Candidate... copies) {
    return new PrerequisiteStatus(
        state,
        Optional.of(change.project()),
        Optional.of(change),
        source,
        Optional.empty(),
        false,
        Optional.of(node.changeId()),
        Optional.empty(),
        Optional.empty(),
        ImmutableList.copyOf(copies));
  }

  private static final Candidate MASTER_21 = new Candidate("demo", 21, "master", MERGED, "m1");
  private static final Candidate OPEN_21 = new Candidate("demo", 31, B, OPEN, "o1");
  private static final Candidate OLD_21 = new Candidate("demo", 32, "wmf/0.9", MERGED, "w1");
  private static final Candidate NEW_21 = new Candidate("demo", 33, "wmf/1.1", ABANDONED, "n1");
  private static final Candidate MASTER_22 = new Candidate("lib", 22, "master", MERGED, "m2");
  private static final Candidate OLD_22 = new Candidate("lib", 34, "wmf/1.1", MERGED, "w2");

  /** this change -> 21 (open here, merged on master, copies on wmf/0.9 and wmf/1.1) -> 22. */
  private static Verdict withCopiesOnOtherBranches() {
    PrerequisiteStatus s21 =
        withCopies(
            PrerequisiteState.OPEN_ON_BRANCH,
            OPEN_21,
            Optional.of(MASTER_21),
            N21,
            MASTER_21,
            OPEN_21,
            OLD_21,
            NEW_21);
    PrerequisiteStatus s22 =
        withCopies(
            PrerequisiteState.NOT_BACKPORTED,
            MASTER_22,
            Optional.of(MASTER_22),
            N22,
            MASTER_22,
            OLD_22);
    PrerequisiteGraph g = new PrerequisiteGraph(ROOT, 10);
    g.addNeed(ROOT, N21, s21);
    g.addNeed(N21, N22, s22);
    return verdict(g.build(), ImmutableList.of(result("I21", s21)));
  }

  private static List<String> branches(List<ChangeRefInfo> refs) {
    return refs.stream().map(r -> r.number + " " + r.branch + " " + r.status).toList();
  }

  @Test
  void prerequisitesAndChainEntriesNameTheirCopiesOnEveryBranch() {
    PrerequisitesInfo info = info(withCopiesOnOtherBranches());

    PrerequisiteInfo p = info.dependencies.get(0).prerequisites.get(0);
    assertThat(branches(p.copies))
        .containsExactly(
            "21 master merged", "31 wmf/1.0 open", "32 wmf/0.9 merged", "33 wmf/1.1 abandoned")
        .inOrder();
    assertThat(p.copies.get(2).url).isEqualTo(LINK + "demo/+/32");
    assertThat(p.copies.get(2).changeId).isEqualTo("I21");
    assertThat(p.copies.get(2).project).isEqualTo("demo");
    // The chain entry only below: its source and its copies, as a declared one has them.
    ChainEntryInfo lib = p.chain.get(0);
    assertThat(lib.change.number).isEqualTo(22);
    assertThat(lib.cherryPickSource.number).isEqualTo(22);
    assertThat(branches(lib.copies))
        .containsExactly("22 master merged", "34 wmf/1.1 merged")
        .inOrder();
    ChainEntryInfo top = info.landingOrder.get(1);
    assertThat(top.change.number).isEqualTo(31);
    assertThat(top.cherryPickSource.number).isEqualTo(21);
    assertThat(top.copies).hasSize(4);

    String text = OutputFormat.JSON_COMPACT.newGson().toJson(info);
    assertThat(text).contains("\"copies\":[{");
    assertThat(text).contains("\"cherry_pick_source\":{");
  }

  @Test
  void aCopyTheCallerCannotReadIsNeverNamed() {
    // The caller cannot read wmf/1.1 anywhere.
    Redaction.Result seen =
        Redaction.apply(
            withCopiesOnOtherBranches(), Viewer.of((project, branch) -> !branch.equals("wmf/1.1")));
    PrerequisitesInfo info = new PrerequisitesInfo();
    json.fill(info, seen.verdict(), SELF, seen.withheld());

    assertThat(info.withheld).isNull();
    PrerequisiteInfo p = info.dependencies.get(0).prerequisites.get(0);
    assertThat(branches(p.copies))
        .containsExactly("21 master merged", "31 wmf/1.0 open", "32 wmf/0.9 merged")
        .inOrder();
    assertThat(branches(info.landingOrder.get(0).copies)).containsExactly("22 master merged");
    String text = OutputFormat.JSON_COMPACT.newGson().toJson(info);
    assertThat(text).doesNotContain("wmf/1.1");
    assertThat(text).doesNotContain("/+/33");
    assertThat(text).doesNotContain("/+/34");
    assertThat(text).doesNotContain("\"number\":33");
    assertThat(text).doesNotContain("\"number\":34");
  }

  @Test
  void noCopyOfAWithheldPrerequisiteIsNamed() {
    // The caller cannot read the library: 22 is withheld, and so the chain; 21 stays named.
    Redaction.Result seen =
        Redaction.apply(
            withCopiesOnOtherBranches(), Viewer.of((project, branch) -> !project.equals("lib")));
    PrerequisitesInfo info = new PrerequisitesInfo();
    json.fill(info, seen.verdict(), SELF, seen.withheld());

    assertThat(info.withheld).isEqualTo(1);
    assertThat(info.dependencies.get(0).prerequisites.get(0).copies).hasSize(4);
    String text = OutputFormat.JSON_COMPACT.newGson().toJson(info);
    assertThat(text).doesNotContain("lib");
    assertThat(text).doesNotContain("I22");
    assertThat(text).doesNotContain("\"number\":22");
    assertThat(text).doesNotContain("\"number\":34");
  }

  @Test
  void formsAreToldApart() {
    assertThat(
            PrerequisitesJson.form(
                new DeclaredDependency(
                    "Depends-On: https://g.example/c/demo/+/12",
                    new DependencyRef.ChangeNumber(Optional.of("demo"), 12))))
        .isEqualTo("url");
    assertThat(
            PrerequisitesJson.form(
                new DeclaredDependency(
                    "Depends-On: demo~12",
                    new DependencyRef.ChangeNumber(Optional.of("demo"), 12))))
        .isEqualTo("number");
    assertThat(
            PrerequisitesJson.form(
                new DeclaredDependency(
                    "Depends-On: I1234567", new DependencyRef.ChangeIdPrefix("I1234567"))))
        .isEqualTo("change_id_prefix");
    assertThat(
            PrerequisitesJson.form(
                new DeclaredDependency(
                    "Depends-On: demo~wmf/1.0~I21", new DependencyRef.Triplet("demo", B, "I21"))))
        .isEqualTo("triplet");
  }
}
