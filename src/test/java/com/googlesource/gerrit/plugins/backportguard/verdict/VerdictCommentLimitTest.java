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

import com.google.common.base.Strings;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The comment fits its budget whatever the verdict holds; the verdict line always stays. */
class VerdictCommentLimitTest {
  private static final String PLUGIN = "backport-guard";

  private static final String B = "wmf/1.0";
  private static final int BUDGET = CommentLimit.DEFAULT_BUDGET;
  private final VerdictComment comment =
      new VerdictComment(
          (p, n) -> "https://g.example/c/" + p + "/+/" + n, CommentLimit.DEFAULT_BUDGET, PLUGIN);

  private static String longProject(int i) {
    return "group-" + i + "/" + Strings.repeat("very-long-component-name-", 9);
  }

  private static DependencyResult openElsewhere(String project, int number) {
    Candidate c = new Candidate(project, number, "master", Candidate.Status.OPEN, "aa");
    return new DependencyResult(
        new DeclaredDependency(
            "Depends-On: " + project + "~" + number,
            new DependencyRef.ChangeNumber(Optional.of(project), number)),
        ImmutableList.of(
            new PrerequisiteStatus(
                PrerequisiteState.OPEN_ELSEWHERE,
                Optional.of(project),
                Optional.of(c),
                Optional.empty(),
                Optional.empty(),
                true,
                Optional.empty(),
                Optional.empty(),
                Optional.empty())));
  }

  private static DependencyResult merged(int number) {
    Candidate c = new Candidate("demo", number, B, Candidate.Status.MERGED, "bb");
    return new DependencyResult(
        new DeclaredDependency("Depends-On: " + number, new DependencyRef.ChangeId("I1")),
        ImmutableList.of(
            new PrerequisiteStatus(
                PrerequisiteState.MERGED_ON_BRANCH,
                Optional.of("demo"),
                Optional.of(c),
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty())));
  }

  private static Verdict verdict(List<DependencyResult> results, List<UnreadableLine> unreadable) {
    return Verdicts.of(
        "demo", B, ImmutableList.copyOf(results), ImmutableList.copyOf(unreadable), true);
  }

  @Test
  void fortyMissingPrerequisitesWithLongProjectNamesFitAndTheFirstAreNamed() {
    List<DependencyResult> results = new ArrayList<>();
    for (int i = 0; i < 42; i++) {
      results.add(openElsewhere(longProject(i), 100 + i));
    }
    String text = comment.format(verdict(results, List.of()));

    assertThat(VerdictComment.size(text)).isAtMost(BUDGET);
    assertThat(text)
        .startsWith("Backport check: 42 of 42 prerequisites are not merged on wmf/1.0.");
    assertThat(text).contains("https://g.example/c/" + longProject(0) + "/+/100");
    assertThat(text).containsMatch("\\* … and \\d+ more \\(\\d+ of them missing\\)");
  }

  @Test
  void missingPrerequisitesAreListedBeforeSatisfiedOnesWhenNotAllFit() {
    List<DependencyResult> results = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      results.add(merged(i + 1));
    }
    results.add(openElsewhere("lib", 500));
    String text = comment.format(verdict(results, List.of()));

    assertThat(text).contains("Depends-On: lib~500\n  MISSING:");
    assertThat(text).contains("* … and 11 more, not listed");
  }

  @Test
  void everythingIsListedWhenItFits() {
    List<DependencyResult> results = new ArrayList<>();
    for (int i = 0; i < VerdictComment.MAX_ITEMS; i++) {
      results.add(merged(i + 1));
    }
    String text = comment.format(verdict(results, List.of()));

    assertThat(text).doesNotContain("more, not listed");
    assertThat(text).contains("Depends-On: " + VerdictComment.MAX_ITEMS + "\n");
  }

  @Test
  void aHugeFooterValueIsQuotedCut() {
    String line = "Depends-On: I" + Strings.repeat("a", 17_000);
    String text =
        comment.format(verdict(List.of(), List.of(new UnreadableLine(line, "not a Change-Id"))));

    assertThat(text.length()).isLessThan(1_000);
    assertThat(text).contains("* \"Depends-On: Iaaa");
    assertThat(text).contains("…\": not a Change-Id");
  }

  @Test
  void aLongNotUnderstoodListIsCounted() {
    List<UnreadableLine> lines =
        IntStream.range(0, 5_000)
            .mapToObj(i -> new UnreadableLine("DependsOn: " + i + Strings.repeat("x", 300), "bad"))
            .toList();
    String text = comment.format(verdict(List.of(), lines));

    assertThat(VerdictComment.size(text)).isAtMost(BUDGET);
    assertThat(text).startsWith("Backport check: 5000 footer lines could not be read");
    assertThat(text).contains("* \"DependsOn: 0xxx");
    assertThat(text).containsMatch("\\* … and \\d+ more, not listed");
  }

  @Test
  void aLongChainIsCut() {
    Node root = new Node("demo", "I0");
    ImmutableMap.Builder<Node, PrerequisiteStatus> statuses = ImmutableMap.builder();
    ImmutableMap.Builder<Node, ImmutableList<Node>> needs = ImmutableMap.builder();
    List<Node> order = new ArrayList<>();
    Node previous = root;
    for (int i = 1; i <= 2_000; i++) {
      Node n = new Node(longProject(i), "I" + i);
      Candidate c = new Candidate(n.project(), i, "master", Candidate.Status.OPEN, "aa");
      statuses.put(
          n,
          new PrerequisiteStatus(
              PrerequisiteState.OPEN_ELSEWHERE,
              Optional.of(n.project()),
              Optional.of(c),
              Optional.empty(),
              Optional.empty(),
              false,
              Optional.empty(),
              Optional.empty(),
              Optional.empty()));
      needs.put(previous, ImmutableList.of(n));
      order.add(0, n);
      previous = n;
    }
    Chain chain =
        new Chain(
            root,
            statuses.buildOrThrow(),
            needs.buildOrThrow(),
            ImmutableList.copyOf(order),
            Optional.empty(),
            ImmutableSet.of(),
            2_000,
            ImmutableMap.of(),
            50,
            ImmutableSet.of(),
            ImmutableMap.of());
    Verdict v =
        new Verdict(
            "demo",
            B,
            ImmutableList.of(openElsewhere(order.get(1999).project(), 2000)),
            ImmutableList.of(),
            true,
            chain,
            ImmutableList.of(),
            50);
    String text = comment.format(v);

    assertThat(VerdictComment.size(text)).isAtMost(BUDGET);
    assertThat(text).contains("Chain: these have to land on wmf/1.0 first");
    assertThat(text).contains("2001. this change");
  }

  @Test
  void theSmallestBudgetKeepsTheVerdictLine() {
    VerdictComment tiny =
        new VerdictComment((p, n) -> "https://g.example/c/" + p + "/+/" + n, 64, PLUGIN);
    List<DependencyResult> results = new ArrayList<>();
    for (int i = 0; i < 42; i++) {
      results.add(openElsewhere(longProject(i), 100 + i));
    }
    String text = tiny.format(verdict(results, List.of()));

    assertThat(VerdictComment.size(text)).isAtMost(64);
    assertThat(text).startsWith("Backport check: 42 of 42 prerequisites");
    assertThat(text).endsWith("…");
  }

  @Test
  void aSmallBudgetListsFewerEntriesBeforeCuttingText() {
    VerdictComment small =
        new VerdictComment((p, n) -> "https://g.example/c/" + p + "/+/" + n, 1_792, PLUGIN);
    List<DependencyResult> results = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      results.add(openElsewhere("lib", 100 + i));
    }
    String text = small.format(verdict(results, List.of()));

    assertThat(VerdictComment.size(text)).isAtMost(1_792);
    assertThat(text).contains("Depends-On: lib~100\n  MISSING:");
    assertThat(text).containsMatch("\\* … and \\d+ more \\(\\d+ of them missing\\), not listed");
  }

  @Test
  void sizeCountsEveryCharacterAtLeastOnceAndNonAsciiAsUtf8() {
    assertThat(VerdictComment.size("abc")).isEqualTo(3);
    assertThat(VerdictComment.size("é")).isEqualTo(2);
    assertThat(VerdictComment.size("…")).isEqualTo(3);
    assertThat(VerdictComment.size("😀"))
        .isAtLeast("😀".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }
}
