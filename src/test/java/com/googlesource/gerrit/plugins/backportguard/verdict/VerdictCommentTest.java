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
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependency;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import com.googlesource.gerrit.plugins.backportguard.parse.UnreadableLine;
import com.googlesource.gerrit.plugins.backportguard.resolve.Candidate;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResult;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictCommentTest {
  private static final String PLUGIN = "backport-guard";

  private static final String B = "wmf/1.0";
  private final VerdictComment comment =
      new VerdictComment(
          (p, n) -> "https://g.example/c/" + p + "/+/" + n, CommentLimit.DEFAULT_BUDGET, PLUGIN);

  private static DependencyResult result(String line, PrerequisiteStatus... statuses) {
    return new DependencyResult(
        new DeclaredDependency(line, new DependencyRef.ChangeId("I1")),
        ImmutableList.copyOf(statuses));
  }

  private static PrerequisiteStatus status(
      PrerequisiteState state, Candidate change, Candidate source) {
    return new PrerequisiteStatus(
        state,
        Optional.of(change.project()),
        Optional.of(change),
        Optional.ofNullable(source),
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static Verdict verdict(boolean blockOnUnknown, DependencyResult... results) {
    return Verdicts.of(
        "demo", B, ImmutableList.copyOf(results), ImmutableList.of(), blockOnUnknown);
  }

  @Test
  void missingPrerequisiteNamesTheChangeToCherryPick() {
    Candidate master = new Candidate("demo", 12, "master", Candidate.Status.MERGED, "aa");
    Verdict v =
        verdict(
            true,
            result("Depends-On: I1", status(PrerequisiteState.NOT_BACKPORTED, master, master)));
    String text = comment.format(v);
    assertThat(v.passes()).isFalse();
    assertThat(text).startsWith("Backport check: 1 of 1 prerequisite is not merged on wmf/1.0.");
    assertThat(text).contains("* Depends-On: I1\n  MISSING: change 12 merged on master");
    assertThat(text).contains("Action: cherry-pick change 12 onto wmf/1.0");
    assertThat(text).contains("https://g.example/c/demo/+/12");
  }

  @Test
  void mergedInAProjectWithoutTheBranchSaysSoInTheSummary() {
    Candidate master = new Candidate("lib", 14, "master", Candidate.Status.MERGED, "cc");
    PrerequisiteStatus elsewhere =
        new PrerequisiteStatus(
            PrerequisiteState.MERGED_NO_SUCH_BRANCH,
            Optional.of("lib"),
            Optional.of(master),
            Optional.empty(),
            Optional.empty(),
            true,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    Verdict v = verdict(true, result("Depends-On: I1", elsewhere));

    assertThat(v.passes()).isTrue();
    assertThat(comment.format(v))
        .startsWith(
            "Backport check: the prerequisite is merged (its project has no branch wmf/1.0).");
  }

  @Test
  void satisfiedPrerequisitesPass() {
    Candidate onB = new Candidate("lib", 13, B, Candidate.Status.MERGED, "bb");
    Verdict v =
        verdict(
            true, result("Depends-On: I1", status(PrerequisiteState.MERGED_ON_BRANCH, onB, null)));
    assertThat(v.passes()).isTrue();
    assertThat(comment.format(v))
        .isEqualTo(
            "Backport check: the prerequisite is merged on wmf/1.0.\n\n"
                + "* Depends-On: I1\n"
                + "  OK: change 13 in lib is merged on wmf/1.0 (https://g.example/c/lib/+/13)");
  }

  @Test
  void notFoundRevealsNothingAndBlocksOnlyWhenConfigured() {
    Verdict blocking = verdict(true, result("Depends-On: I1", PrerequisiteStatus.notFound()));
    Verdict lenient = verdict(false, result("Depends-On: I1", PrerequisiteStatus.notFound()));
    assertThat(blocking.passes()).isFalse();
    assertThat(lenient.passes()).isTrue();
    assertThat(comment.format(blocking)).contains("MISSING: no change or commit");
    assertThat(comment.format(lenient)).contains("UNCHECKED (not blocking)");
    assertThat(comment.format(lenient))
        .startsWith(
            "Backport check: 0 of 1 prerequisites are merged on wmf/1.0; 1 could not be checked"
                + " (not blocking).");
    assertThat(comment.format(lenient)).doesNotContain("https://");
  }

  @Test
  void externalAndUnreadableLinesAreListed() {
    DependencyResult external =
        new DependencyResult(
            new DeclaredDependency(
                "Depends-On: https://gitlab.example/x/-/merge_requests/1",
                new DependencyRef.External("https://gitlab.example/x/-/merge_requests/1")),
            ImmutableList.of());
    Verdict v =
        Verdicts.of(
            "demo",
            B,
            ImmutableList.of(external),
            ImmutableList.of(new UnreadableLine("DependsOn: I12", "bad key")),
            true);
    String text = comment.format(v);
    assertThat(v.passes()).isFalse();
    assertThat(text)
        .contains(
            "Not checked (not on this server; check them yourself):\n"
                + "* Depends-On: https://gitlab.example/x/-/merge_requests/1");
    assertThat(text)
        .contains("Not understood (blocks until fixed):\n* \"DependsOn: I12\": bad key");
  }

  @Test
  void sameVerdictSameText() {
    Candidate master = new Candidate("demo", 12, "master", Candidate.Status.OPEN, "aa");
    Verdict a =
        verdict(
            true, result("Depends-On: 12", status(PrerequisiteState.OPEN_ELSEWHERE, master, null)));
    Verdict b =
        verdict(
            true, result("Depends-On: 12", status(PrerequisiteState.OPEN_ELSEWHERE, master, null)));
    assertThat(comment.format(a)).isEqualTo(comment.format(b));
    assertThat(comment.format(a)).contains("then cherry-pick it onto wmf/1.0");
  }

  @Test
  void unreadableLinesAloneLeadTheSummaryWhenTheyBlock() {
    Verdict v =
        Verdicts.of(
            "demo",
            B,
            ImmutableList.of(),
            ImmutableList.of(new UnreadableLine("DependsOn: I12", "bad key")),
            true);
    assertThat(v.passes()).isFalse();
    assertThat(comment.format(v))
        .startsWith("Backport check: 1 footer line could not be read; fix them so they can be");
  }

  @Test
  void openElsewhereInAProjectWithoutTheBranchAsksOnlyToMerge() {
    Candidate open = new Candidate("lib", 7, "master", Candidate.Status.OPEN, "aa");
    PrerequisiteStatus s =
        new PrerequisiteStatus(
            PrerequisiteState.OPEN_ELSEWHERE,
            Optional.of("lib"),
            Optional.of(open),
            Optional.empty(),
            Optional.empty(),
            true,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    String text = comment.format(verdict(true, result("Depends-On: I1", s)));
    assertThat(text)
        .contains("(project lib has no branch wmf/1.0).\n  Action: merge change 7 in lib");
    assertThat(text).doesNotContain("cherry-pick");
  }

  @Test
  void settingsAreNamedAfterThePluginsInstalledName() {
    VerdictComment renamed =
        new VerdictComment(
            (p, n) -> "https://g.example/c/" + p + "/+/" + n,
            CommentLimit.DEFAULT_BUDGET,
            "guard-renamed");
    Verdict v =
        new Verdict(
            "demo",
            B,
            ImmutableList.of(),
            ImmutableList.of(),
            true,
            com.googlesource.gerrit.plugins.backportguard.resolve.Chain.none(
                new com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node("demo", "")),
            ImmutableList.of("Depends-On: I33"),
            0);

    assertThat(renamed.format(v))
        .contains("ask an admin to raise plugin.guard-renamed.maxDependencies");
    assertThat(renamed.format(v)).doesNotContain("backport-guard");
  }
}
