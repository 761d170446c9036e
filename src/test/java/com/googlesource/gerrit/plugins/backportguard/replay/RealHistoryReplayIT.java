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

import com.google.gerrit.acceptance.config.GerritConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

/**
 * Replays a directory of exports, as docs/replay.md describes: the repository's real Wikimedia
 * histories ({@code src/test/resources/histories/}) by default, or the directory the system
 * property {@code replay.dir} names ({@code scripts/replay DIR}). By default a subset of the
 * backports is offered; {@code -Dreplay.full=true} (the Maven profile {@code replay}) offers all of
 * them. Writes the report to {@code target/replay/report.md}.
 */
public class RealHistoryReplayIT extends ReplayTestBase {
  @Test
  @GerritConfig(name = "receive.maxBatchCommits", value = "100000")
  public void replayTheHistories() throws Exception {
    String configured = System.getProperty("replay.dir", "");
    Path dir = configured.isBlank() ? History.repositoryHistories() : Path.of(configured);
    ReplayPlan.Scope scope =
        Boolean.getBoolean("replay.full") ? ReplayPlan.Scope.FULL : ReplayPlan.Scope.SUBSET;
    ReplayReport report = replay(dir, scope, Path.of("target", "replay", "report.md"));
    if (!configured.isBlank()) {
      // Another site's exports: agreeing is all that is asked of them.
      return;
    }
    // The repository's histories exercised what the replay is for: real Depends-On footers, and
    // prerequisites that are merged on the branch or missing from it.
    assertThat(report.results().stream().filter(ReplayResult::declares).count()).isAtLeast(50);
    List<ReportedState> states =
        report.results().stream().flatMap(r -> r.reported().states().values().stream()).toList();
    assertThat(states)
        .containsAtLeast(ReportedState.OK, ReportedState.MISSING, ReportedState.UNCHECKED);
  }
}
