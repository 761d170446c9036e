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

package com.googlesource.gerrit.plugins.backportguard.query;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches of query alternatives inside a leaf-term limit. */
class BatchesTest {
  @Test
  void nothingMakesNoBatch() {
    assertThat(Batches.of(List.<Integer>of(), n -> n, 5)).isEmpty();
  }

  @Test
  void itemsFillABatchUpToTheLimitInOrder() {
    assertThat(Batches.of(List.of(1, 2, 2, 1, 3), n -> n, 5))
        .containsExactly(List.of(1, 2, 2), List.of(1, 3))
        .inOrder();
  }

  @Test
  void anItemOverTheLimitGetsABatchOfItsOwn() {
    assertThat(Batches.of(List.of(1, 9, 1), n -> n, 5))
        .containsExactly(List.of(1), List.of(9), List.of(1))
        .inOrder();
  }

  @Test
  void itemsOfNoLeavesAllFitInOne() {
    assertThat(Batches.of(List.of(0, 0, 0), n -> n, 1)).containsExactly(List.of(0, 0, 0));
  }
}
