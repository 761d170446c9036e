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

package com.googlesource.gerrit.plugins.backportguard.resolve;

import static com.google.common.truth.Truth.assertThat;

import com.google.gerrit.extensions.common.ChangeInfo;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import java.util.List;
import org.junit.Test;

/** A query term the real server refuses costs only itself, not the terms batched with it. */
public class RefusedQueryIT extends BackportGuardTestBase {
  @Test
  public void termTheServerRefusesMatchesNothingAndTheOthersAreStillFound() throws Exception {
    ChangeInfo first = create("master", message("First"));
    ChangeInfo second = create("master", message("Second"));
    ChangeQuery query =
        new ChangeQuery(
            (q, start, limit) -> gApi.changes().query(q).withStart(start).withLimit(limit).get(),
            1024,
            new CheckBudget(
                1000,
                "plugin.backport-guard.maxCommitsPerCheck",
                10,
                "plugin.backport-guard.maxQueriesPerCheck"));

    // Gerrit reads the middle term as a project~branch~id triplet and cannot URL-decode "%zz".
    List<ChangeInfo> found =
        query.any(
            List.of("change:" + first.changeId, "change:\"a%zz~b~1\"", "change:" + second.changeId),
            "");

    assertThat(found.stream().map(c -> c._number).toList())
        .containsExactly(first._number, second._number);
  }
}
