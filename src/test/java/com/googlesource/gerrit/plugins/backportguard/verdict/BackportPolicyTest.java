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

import com.googlesource.gerrit.plugins.backportguard.config.BranchPatterns;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackportPolicyTest {
  private static final BranchPatterns NONE = BranchPatterns.parse(List.of());
  private static final Optional<String> MASTER = Optional.of("master");

  @Test
  void byDefaultEveryBranchButTheDefaultOne() {
    assertThat(BackportPolicy.isBackport("wmf/1.0", MASTER, NONE, false, "m")).isTrue();
    assertThat(BackportPolicy.isBackport("master", MASTER, NONE, false, "m")).isFalse();
    assertThat(BackportPolicy.isBackport("main", Optional.of("main"), NONE, false, "m")).isFalse();
  }

  @Test
  void configuredPatternsReplaceTheDefault() {
    BranchPatterns wmf = BranchPatterns.parse(List.of("wmf/*"));
    assertThat(BackportPolicy.isBackport("wmf/1.0", MASTER, wmf, false, "m")).isTrue();
    assertThat(BackportPolicy.isBackport("sandbox", MASTER, wmf, false, "m")).isFalse();
  }

  @Test
  void cherryPicksAreBackportsOnAnyBranch() {
    assertThat(BackportPolicy.isBackport("master", MASTER, NONE, true, "m")).isTrue();
    assertThat(
            BackportPolicy.isBackport(
                "master",
                MASTER,
                NONE,
                false,
                "Fix\n\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n"))
        .isTrue();
  }
}
