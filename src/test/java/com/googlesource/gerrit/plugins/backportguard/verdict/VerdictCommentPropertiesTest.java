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

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependency;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import com.googlesource.gerrit.plugins.backportguard.parse.UnreadableLine;
import com.googlesource.gerrit.plugins.backportguard.resolve.Candidate;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResult;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the verdict (random states, random and very long strings in every field, many entries, a
 * chain) and whatever the budget from {@link VerdictComment#MIN_BUDGET} up, the comment fits the
 * budget as Gerrit counts it (characters) and as UTF-8 bytes, and starts with the verdict line.
 */
class VerdictCommentPropertiesTest {
  private static final String PLUGIN = "backport-guard";

  @Property(tries = 200)
  void neverOverTheBudget(@ForAll("verdicts") Verdict verdict, @ForAll("budgets") int budget) {
    VerdictComment comment =
        new VerdictComment((p, n) -> "https://g.example/c/" + p + "/+/" + n, budget, PLUGIN);
    String text = comment.format(verdict);

    assertThat(text.length()).isAtMost(budget);
    assertThat(text.getBytes(StandardCharsets.UTF_8).length).isAtMost(budget);
    assertThat(VerdictComment.size(text)).isAtMost(budget);
    assertThat(text).startsWith(VerdictComment.HEADER);
  }

  @Property(tries = 50)
  void theSameVerdictGivesTheSameText(
      @ForAll("verdicts") Verdict verdict, @ForAll @IntRange(min = 32, max = 20_000) int budget) {
    VerdictComment comment =
        new VerdictComment((p, n) -> "https://g.example/" + p + n, budget, PLUGIN);
    assertThat(comment.format(verdict)).isEqualTo(comment.format(verdict));
  }

  @Provide
  Arbitrary<Integer> budgets() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(VerdictComment.MIN_BUDGET, 300),
        Arbitraries.integers().between(300, 20_000),
        Arbitraries.just(CommentLimit.DEFAULT_BUDGET));
  }

  private static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(30),
        Arbitraries.strings().alpha().ofMaxLength(300),
        Arbitraries.strings().all().ofMinLength(1_000).ofMaxLength(20_000));
  }

  private static Arbitrary<Candidate> candidates() {
    return Combinators.combine(
            text(),
            Arbitraries.integers().between(1, Integer.MAX_VALUE),
            text(),
            Arbitraries.of(Candidate.Status.class),
            Arbitraries.strings().withChars("0123456789abcdef").ofLength(40))
        .as(Candidate::new);
  }

  private static Arbitrary<PrerequisiteStatus> statuses() {
    Arbitrary<PrerequisiteState> state = Arbitraries.of(PrerequisiteState.class);
    return Combinators.combine(
            state,
            text(),
            candidates(),
            candidates().optional(),
            Arbitraries.strings().withChars("0123456789abcdef").ofLength(40),
            Arbitraries.of(true, false),
            candidates())
        .as(
            (s, project, change, source, commit, noSuchBranch, revert) ->
                switch (s) {
                  case NOT_FOUND -> PrerequisiteStatus.notFound();
                  case AMBIGUOUS -> PrerequisiteStatus.ambiguous();
                  case SELF_REFERENCE -> PrerequisiteStatus.selfReference();
                  default ->
                      new PrerequisiteStatus(
                          s,
                          Optional.of(project),
                          Optional.of(change),
                          source,
                          Optional.of(commit),
                          noSuchBranch,
                          Optional.of("I" + commit),
                          Optional.of(revert),
                          Optional.empty());
                });
  }

  private static Arbitrary<DependencyResult> results() {
    Arbitrary<DependencyRef> ref =
        Arbitraries.oneOf(
            text().map(t -> new DependencyRef.ChangeId("I" + t)),
            text().map(DependencyRef.External::new));
    return Combinators.combine(
            text(), ref, statuses().list().ofMaxSize(3).map(ImmutableList::copyOf))
        .as(
            (line, r, statuses) ->
                new DependencyResult(
                    new DeclaredDependency("Depends-On: " + line, r),
                    r instanceof DependencyRef.External ? ImmutableList.of() : statuses));
  }

  private static Arbitrary<Chain> chains(String project) {
    Node root = new Node(project, "");
    return Combinators.combine(
            Arbitraries.of(true, false),
            Combinators.combine(text(), text(), statuses())
                .as((p, id, s) -> new Object[] {new Node(p, id), s})
                .list()
                .ofMaxSize(60),
            Arbitraries.of(true, false))
        .as(
            (present, nodes, cycle) -> {
              if (!present || nodes.isEmpty()) {
                return Chain.none(root);
              }
              ImmutableMap.Builder<Node, PrerequisiteStatus> statuses = ImmutableMap.builder();
              ImmutableMap.Builder<Node, ImmutableList<Node>> needs = ImmutableMap.builder();
              List<Node> order = new ArrayList<>();
              Node previous = root;
              for (Object[] pair : nodes) {
                Node n = (Node) pair[0];
                if (order.contains(n) || n.equals(root)) {
                  continue;
                }
                statuses.put(n, (PrerequisiteStatus) pair[1]);
                needs.put(previous, ImmutableList.of(n));
                order.add(0, n);
                previous = n;
              }
              ImmutableList<Node> path = ImmutableList.copyOf(order).reverse();
              return new Chain(
                  root,
                  statuses.buildKeepingLast(),
                  needs.buildKeepingLast(),
                  ImmutableList.copyOf(order),
                  cycle ? Optional.of(path) : Optional.empty(),
                  ImmutableSet.copyOf(path),
                  3,
                  ImmutableMap.copyOf(
                      path.stream().collect(java.util.stream.Collectors.toMap(n -> n, n -> 77))),
                  50,
                  ImmutableSet.copyOf(path),
                  ImmutableMap.copyOf(
                      path.stream()
                          .collect(
                              java.util.stream.Collectors.toMap(
                                  n -> n, n -> "plugin.backport-guard.maxQueriesPerCheck"))));
            });
  }

  @Provide
  Arbitrary<Verdict> verdicts() {
    Arbitrary<List<DependencyResult>> results =
        Arbitraries.oneOf(results().list().ofMaxSize(5), results().list().ofMaxSize(300));
    Arbitrary<List<UnreadableLine>> unreadable =
        Combinators.combine(text(), text()).as(UnreadableLine::new).list().ofMaxSize(400);
    return Combinators.combine(
            text(),
            text(),
            results,
            unreadable,
            Arbitraries.of(true, false),
            text().list().ofMaxSize(300),
            Arbitraries.integers().between(1, 1_000))
        .flatAs(
            (project, branch, r, u, block, overLimit, max) ->
                chains(project)
                    .map(
                        chain ->
                            new Verdict(
                                project,
                                branch,
                                ImmutableList.copyOf(r),
                                ImmutableList.copyOf(u),
                                block,
                                chain,
                                ImmutableList.copyOf(overLimit),
                                max)));
  }
}
