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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Review probes: a pattern within the size bound must parse and match in bounded time, or be
 * rejected with a message; never an Error.
 */
class BranchPatternsReviewTest {
  /**
   * 500 optional characters: 1,001 characters, far within the bound of 10,000 states, but dk.brics
   * copies transitions along epsilon edges, so building and running the automaton is quadratic or
   * worse (measured: 3 s to build, 1.3 s per match; 1,000 optionals: 31 s and 17 s).
   */
  @Test
  void manyOptionalsAreRejectedOrCheap() {
    String pattern = "^" + "a?".repeat(500);
    CpuBound.assertCheap(
        Duration.ofSeconds(2),
        () -> {
          BranchPatterns p;
          try {
            p = BranchPatterns.parse(List.of(pattern));
          } catch (IllegalArgumentException rejected) {
            return;
          }
          assertThat(p.matches("a".repeat(100))).isTrue();
        });
  }

  /**
   * A plain name of 5,000 characters, within the bound: dk.brics parses a concatenation
   * recursively, one stack frame per character, and overflows a thread of the default 1 MiB stack.
   */
  @Test
  void aLongPatternIsRejectedWithAMessageNotAStackOverflow() throws Exception {
    String pattern = "^" + "a".repeat(5_000);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                BranchPatterns.parse(List.of(pattern));
              } catch (Throwable e) {
                thrown.set(e);
              }
            },
            "like-a-gerrit-thread",
            1 << 20);
    t.start();
    t.join();
    if (thrown.get() != null) {
      assertThat(thrown.get()).isInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.get()).hasMessageThat().contains("invalid regular expression");
    }
  }
}
