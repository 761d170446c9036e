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

package com.googlesource.gerrit.plugins.backportguard.evaluate;

import static com.google.common.truth.Truth.assertThat;

import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationReport.Result;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one line the {@code check} command prints per change. */
class EvaluationReportTest {
  private static final Project.NameKey P = Project.nameKey("demo/app");
  private static final Change.Id C = Change.id(42);

  private static EvaluationReport report(
      Result result, String detail, int before, int after, boolean commentPosted) {
    return new EvaluationReport(
        P,
        C,
        result,
        detail,
        before,
        after,
        commentPosted,
        3,
        40,
        Duration.ofMillis(7),
        Optional.empty());
  }

  @Test
  void skippedSaysWhy() {
    assertThat(EvaluationReport.skipped(P, C, "not a backport").describe())
        .isEqualTo("demo/app 42: skipped (not a backport)");
  }

  @Test
  void skippedCostsNothing() {
    EvaluationReport r = EvaluationReport.skipped(P, C, "closed");
    assertThat(r.result()).isEqualTo(Result.SKIPPED);
    assertThat(r.voteBefore()).isEqualTo(0);
    assertThat(r.voteAfter()).isEqualTo(0);
    assertThat(r.commentPosted()).isFalse();
    assertThat(r.indexQueries()).isEqualTo(0);
    assertThat(r.objectsRead()).isEqualTo(0);
    assertThat(r.elapsed()).isEqualTo(Duration.ZERO);
  }

  @Test
  void unchangedShowsTheVoteWithItsSign() {
    assertThat(report(Result.UNCHANGED, "", 1, 1, false).describe())
        .isEqualTo("demo/app 42: unchanged, vote +1 (3 index queries, 40 git objects read, 7 ms)");
    assertThat(report(Result.UNCHANGED, "", -1, -1, false).describe())
        .isEqualTo("demo/app 42: unchanged, vote -1 (3 index queries, 40 git objects read, 7 ms)");
    assertThat(report(Result.UNCHANGED, "", 0, 0, false).describe())
        .isEqualTo("demo/app 42: unchanged, vote 0 (3 index queries, 40 git objects read, 7 ms)");
  }

  @Test
  void updatedShowsTheVoteChange() {
    assertThat(report(Result.UPDATED, "", 0, -1, true).describe())
        .isEqualTo(
            "demo/app 42: vote 0 -> -1, new comment (3 index queries, 40 git objects read, 7 ms)");
    assertThat(report(Result.UPDATED, "", -1, 1, false).describe())
        .isEqualTo("demo/app 42: vote -1 -> +1 (3 index queries, 40 git objects read, 7 ms)");
    assertThat(report(Result.UPDATED, "", 2, -2, true).describe())
        .isEqualTo(
            "demo/app 42: vote +2 -> -2, new comment (3 index queries, 40 git objects read, 7 ms)");
  }

  @Test
  void updatedWithTheSameVoteShowsItOnce() {
    assertThat(report(Result.UPDATED, "", -1, -1, true).describe())
        .isEqualTo(
            "demo/app 42: vote -1, new comment (3 index queries, 40 git objects read, 7 ms)");
    assertThat(report(Result.UPDATED, "", 1, 1, false).describe())
        .isEqualTo("demo/app 42: vote +1 (3 index queries, 40 git objects read, 7 ms)");
  }

  @Test
  void oneQueryIsSingular() {
    assertThat(report(Result.UNCHANGED, "", 0, 0, false).withCost(1, 1, Duration.ZERO).describe())
        .isEqualTo("demo/app 42: unchanged, vote 0 (1 index query, 1 git object read, 0 ms)");
  }

  @Test
  void notPostedSaysWhy() {
    assertThat(report(Result.NOT_POSTED, "no service account", 0, 0, false).describe())
        .isEqualTo("demo/app 42: not posted (no service account)");
  }

  @Test
  void withCostKeepsEverythingElse() {
    EvaluationReport r = report(Result.UPDATED, "d", -1, 1, true);
    EvaluationReport costed = r.withCost(12, 900, Duration.ofMillis(250));
    assertThat(costed)
        .isEqualTo(
            new EvaluationReport(
                P,
                C,
                Result.UPDATED,
                "d",
                -1,
                1,
                true,
                12,
                900,
                Duration.ofMillis(250),
                Optional.empty()));
    assertThat(costed.describe())
        .isEqualTo(
            "demo/app 42: vote -1 -> +1, new comment (12 index queries, 900 git objects read, 250 ms)");
  }
}
