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
import com.googlesource.gerrit.plugins.backportguard.page.PrerequisitesPage;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependency;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import com.googlesource.gerrit.plugins.backportguard.resolve.Candidate;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResult;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The line of the comment that links to the page of the change's prerequisites. */
class VerdictCommentPageLinkTest {
  private static final String PLUGIN = "backport-guard";
  private static final String B = "wmf/1.0";
  private static final ChangeLinks CHANGES = (p, n) -> "https://g.example/c/" + p + "/+/" + n;
  private static final ChangeLinks PAGES =
      (p, n) -> PrerequisitesPage.link(Optional.of("https://g.example/"), PLUGIN, p, n);

  private static DependencyResult missing(String project, int number) {
    Candidate master = new Candidate(project, number, "master", Candidate.Status.MERGED, "aa");
    return new DependencyResult(
        new DeclaredDependency(
            "Depends-On: " + project + "~" + number, new DependencyRef.ChangeId("I1")),
        ImmutableList.of(
            new PrerequisiteStatus(
                PrerequisiteState.NOT_BACKPORTED,
                Optional.of(project),
                Optional.of(master),
                Optional.of(master),
                Optional.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty())));
  }

  private static Verdict verdict(String project, List<DependencyResult> results) {
    return Verdicts.of(project, B, ImmutableList.copyOf(results), ImmutableList.of(), true);
  }

  @Test
  void theLineUnderTheVerdictLinksToThePageOfThisChangeOnly() {
    VerdictComment comment =
        new VerdictComment(CHANGES, PAGES, CommentLimit.DEFAULT_BUDGET, PLUGIN);

    String text = comment.format(verdict("mediawiki/core", List.of(missing("lib", 12))), 42);

    assertThat(text)
        .startsWith(
            "Backport check: 1 of 1 prerequisite is not merged on wmf/1.0.\n"
                + "Prerequisites across branches: https://g.example/plugins/backport-guard/"
                + "static/prerequisites.html#mediawiki/core~42\n\n* Depends-On: lib~12\n");
    // The link names the change itself, by project and number: nothing of its prerequisites.
    String line =
        text.lines().filter(l -> l.startsWith(VerdictComment.PAGE_LINE)).findFirst().get();
    assertThat(line).doesNotContain("lib");
    assertThat(line).doesNotContain("12");
  }

  @Test
  void withoutAChangeNumberOrPagesTheCommentIsAsBefore() {
    Verdict v = verdict("demo", List.of(missing("lib", 12)));
    String before = new VerdictComment(CHANGES, CommentLimit.DEFAULT_BUDGET, PLUGIN).format(v);

    assertThat(new VerdictComment(CHANGES, PAGES, CommentLimit.DEFAULT_BUDGET, PLUGIN).format(v))
        .isEqualTo(before);
    assertThat(new VerdictComment(CHANGES, CommentLimit.DEFAULT_BUDGET, PLUGIN).format(v, 42))
        .isEqualTo(before);
    assertThat(before).doesNotContain(VerdictComment.PAGE_LINE);
  }

  @Test
  void theLinkCountsAgainstTheBudgetAndIsDroppedRatherThanCut() {
    List<DependencyResult> many = new ArrayList<>();
    for (int i = 0; i < 42; i++) {
      many.add(missing("lib" + "x".repeat(150) + i, 100 + i));
    }
    Verdict v = verdict("demo", many);
    for (int budget : new int[] {VerdictComment.MIN_BUDGET, 64, 120, 1_792, 4_000}) {
      String text = new VerdictComment(CHANGES, PAGES, budget, PLUGIN).format(v, 987654);

      assertThat(VerdictComment.size(text)).isAtMost(budget);
      // Either the whole link or none of it: a cut link would lead to another change.
      if (text.contains(VerdictComment.PAGE_LINE)) {
        assertThat(text).contains("prerequisites.html#demo~987654\n");
      } else {
        assertThat(text).doesNotContain("https://g.example/plugins");
      }
    }
    assertThat(new VerdictComment(CHANGES, PAGES, 4_000, PLUGIN).format(v, 987654))
        .contains(VerdictComment.PAGE_LINE);
    assertThat(new VerdictComment(CHANGES, PAGES, 64, PLUGIN).format(v, 987654))
        .doesNotContain(VerdictComment.PAGE_LINE);
  }

  @Test
  void projectNamesAreEscapedForTheFragment() {
    assertThat(PrerequisitesPage.link(Optional.empty(), PLUGIN, "a b/c#d%", 7))
        .isEqualTo("/plugins/backport-guard/static/prerequisites.html#a%20b/c%23d%25~7");
  }
}
