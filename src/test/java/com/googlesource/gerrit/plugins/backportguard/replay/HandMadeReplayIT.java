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

package com.googlesource.gerrit.plugins.backportguard.replay;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gerrit.acceptance.config.GerritConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The replay on two small hand-made exports, {@code src/test/resources/histories/hand-made/} (see
 * the histories README): backports in {@code alpha} whose prerequisites are in {@code beta}, merged
 * on the branch or missing from it, and what Gerrit would never have reviewed, pushed directly as
 * history had it (a commit without a Change-Id, one whose Change-Id is already on the branch, a
 * merge from another branch and what it brought in, Gerrit's own submit merge, commits already on
 * an earlier branch).
 */
public class HandMadeReplayIT extends ReplayTestBase {
  @Test
  @GerritConfig(name = "receive.maxBatchCommits", value = "100000")
  public void replayTheHandMadeExports() throws Exception {
    Path dir = History.repositoryHistories().resolve("hand-made");
    ReplayReport report =
        replay(dir, ReplayPlan.Scope.FULL, Path.of("target", "replay", "hand-made-report.md"));

    // Every offered commit agreed (replay() checks it); each was offered for the reason planned.
    assertThat(report.results().stream().map(r -> r.project() + " " + subject(r)).toList())
        .containsExactly(
            "beta Add the API",
            "alpha Use the API",
            "alpha Use the second API",
            "alpha Finish the feature",
            "alpha Guard against a library that is not loaded",
            "alpha Fix a typo",
            "alpha Keep the second API",
            "alpha Use the API",
            "alpha Use the second API");

    // Cross-project: prerequisites of alpha's backports found in beta, merged on wmf/1 or not.
    ReplayResult usesApi = backport(report, "Use the API");
    assertThat(usesApi.reported().states().values()).containsExactly(ReportedState.OK);
    assertThat(usesApi.expected().footers().get(0).why()).contains("beta");
    ReplayResult usesSecondApi = backport(report, "Use the second API");
    assertThat(usesSecondApi.reported().states().values()).containsExactly(ReportedState.MISSING);
    assertThat(usesSecondApi.reported().vote()).isEqualTo(-1);
    assertThat(usesSecondApi.expected().footers().get(0).why()).contains("beta");
    // A prerequisite no change carries, found on the branch where a merge pushed it directly.
    ReplayResult feature = backport(report, "Finish the feature");
    assertThat(feature.reported().states().values()).containsExactly(ReportedState.OK);
    assertThat(feature.expected().footers().get(0).why()).contains("pushed directly");
    assertThat(backport(report, "Guard against a library that is not loaded").reported().states())
        .containsExactly(
            "Depends-On: I0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d", ReportedState.UNCHECKED);
    assertThat(backport(report, "Fix a typo").reported().comment()).isEmpty();

    // What Gerrit would never have reviewed went in by direct push, and is counted apart.
    ReplayReport.Load alpha = load(report, "alpha");
    assertThat(alpha.direct())
        .containsExactly(
            ReplayPlan.Direct.NO_CHANGE_ID, 1,
            ReplayPlan.Direct.CHANGE_ID_ON_BRANCH, 1,
            ReplayPlan.Direct.MERGE, 1,
            ReplayPlan.Direct.MERGED_IN, 1,
            ReplayPlan.Direct.SUBMIT_MERGE, 1);
    assertWithMessage("alpha's wmf/1 commits that wmf/2 holds too")
        .that(alpha.alreadyLoaded())
        .isEqualTo(2);
    assertThat(load(report, "beta").direct()).isEmpty();
    assertThat(report.render()).contains("| all | 9 | 7 | 9 | 100.0 % |");
  }

  private static String subject(ReplayResult r) {
    return r.commit().message().lines().findFirst().orElse("");
  }

  private static ReplayResult backport(ReplayReport report, String subject) {
    List<ReplayResult> found =
        report.results().stream()
            .filter(r -> r.kind() == ReplayResult.Kind.BACKPORT && subject(r).equals(subject))
            .toList();
    assertWithMessage("backports \"%s\"", subject).that(found).hasSize(1);
    return found.get(0);
  }

  private static ReplayReport.Load load(ReplayReport report, String project) {
    Map<String, ReplayReport.Load> byProject = new HashMap<>();
    report.loads().forEach(l -> byProject.put(l.project(), l));
    return byProject.get(project);
  }
}
