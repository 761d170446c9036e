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
package com.googlesource.gerrit.plugins.backportguard.recheck;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivedChangeIdsTest {
  private static final String ID = "I" + "0123456789abcdef0123456789abcdef01234567";

  @Test
  void malformedLinesAreSkippedAndTheRestKept() {
    ArrivedChangeIds ids = new ArrivedChangeIds();
    assertThat(ids.add("c1", List.of(""))).isTrue();
    assertThat(ids.add("c2", List.of("not-a-change-id!"))).isTrue();
    assertThat(ids.add("c3", List.of("I" + "ab".repeat(50_000)))).isTrue();
    assertThat(ids.add("c4", List.of("I12", " " + ID.toUpperCase().replace('I', 'i') + " ")))
        .isTrue();
    assertThat(ids.add("c5", List.of(ID + " trailing words"))).isTrue();
    assertThat(ids.byCommit()).containsExactly("c4", ID);
    assertThat(ids.malformed()).isEqualTo(5);
    assertThat(ids.cut()).isFalse();
  }

  @Test
  void theWalkStopsAtTheCommitBound() {
    ArrivedChangeIds ids = new ArrivedChangeIds(3, 100);
    for (int i = 0; i < 3; i++) {
      assertThat(ids.add("c" + i, List.of())).isTrue();
    }
    assertThat(ids.add("c3", List.of(ID))).isFalse();
    assertThat(ids.cut()).isTrue();
    assertThat(ids.commits()).isEqualTo(3);
  }

  @Test
  void theWalkStopsAtTheChangeIdBound() {
    ArrivedChangeIds ids = new ArrivedChangeIds(100, 2);
    assertThat(ids.add("c0", List.of(ID))).isTrue();
    assertThat(ids.add("c1", List.of(ID.replace('0', 'f')))).isTrue();
    assertThat(ids.add("c2", List.of())).isTrue();
    assertThat(ids.add("c3", List.of(ID.replace('1', 'e')))).isFalse();
    assertThat(ids.cut()).isTrue();
    assertThat(ids.byCommit()).hasSize(2);
  }
}
