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

package com.googlesource.gerrit.plugins.backportguard.config;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BranchPatternsTest {
  @Test
  void exactPrefixAndRegex() {
    BranchPatterns p =
        BranchPatterns.parse(List.of("REL1_41", "wmf/*", "^refs/heads/stable-[0-9.]+"));
    assertThat(p.matches("REL1_41")).isTrue();
    assertThat(p.matches("refs/heads/REL1_41")).isTrue();
    assertThat(p.matches("REL1_42")).isFalse();
    assertThat(p.matches("wmf/1.27.0-wmf.4")).isTrue();
    assertThat(p.matches("wmf")).isFalse();
    assertThat(p.matches("stable-3.13")).isTrue();
    assertThat(p.matches("master")).isFalse();
  }

  @Test
  void fullRefPatternsAndShortNameRegex() {
    BranchPatterns p = BranchPatterns.parse(List.of("refs/heads/wmf/*", "^REL.*"));
    assertThat(p.matches("wmf/x")).isTrue();
    assertThat(p.matches("REL1_39")).isTrue();
  }

  @Test
  void invalidRegexNamesThePattern() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BranchPatterns.parse(List.of("^REL(")));
    assertThat(e).hasMessageThat().contains("^REL(");
  }
}
