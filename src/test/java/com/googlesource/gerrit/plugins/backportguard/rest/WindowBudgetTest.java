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

package com.googlesource.gerrit.plugins.backportguard.rest;

import static com.google.common.truth.Truth.assertThat;

import com.google.common.base.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WindowBudgetTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Ticker ticker =
      new Ticker() {
        @Override
        public long read() {
          return now.get();
        }
      };
  private final WindowBudget<String> budget = new WindowBudget<>(Duration.ofSeconds(30), 3, ticker);

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void aCallerGetsThePermitsOfAWindowThenWaitsForItsEnd() {
    for (int i = 0; i < 3; i++) {
      assertThat(budget.tryAcquire("alice")).isEmpty();
      advance(Duration.ofSeconds(1));
    }
    assertThat(budget.tryAcquire("alice")).hasValue(Duration.ofSeconds(27));
    // Another caller has their own.
    assertThat(budget.tryAcquire("bob")).isEmpty();
    advance(Duration.ofSeconds(26));
    assertThat(budget.tryAcquire("alice")).hasValue(Duration.ofSeconds(1));
    advance(Duration.ofSeconds(1));
    assertThat(budget.tryAcquire("alice")).isEmpty();
  }

  @Test
  void refusedRequestsDoNotExtendTheWindow() {
    for (int i = 0; i < 3; i++) {
      assertThat(budget.tryAcquire("alice")).isEmpty();
    }
    for (int i = 0; i < 29; i++) {
      advance(Duration.ofSeconds(1));
      assertThat(budget.tryAcquire("alice")).isPresent();
    }
    advance(Duration.ofSeconds(1));
    assertThat(budget.tryAcquire("alice")).isEmpty();
  }

  /** One permit: one forced check per change per window, whoever asks. */
  private final WindowBudget<String> limiter =
      new WindowBudget<>(Duration.ofSeconds(30), 1, ticker);

  @Test
  void oneCheckPerChangePerWindow() {
    assertThat(limiter.tryAcquire("p~1")).isEmpty();
    advance(Duration.ofSeconds(10));
    assertThat(limiter.tryAcquire("p~1")).hasValue(Duration.ofSeconds(20));
    // Another change is not held back.
    assertThat(limiter.tryAcquire("p~2")).isEmpty();
    advance(Duration.ofSeconds(19));
    assertThat(limiter.tryAcquire("p~1")).hasValue(Duration.ofSeconds(1));
    advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire("p~1")).isEmpty();
    assertThat(limiter.tryAcquire("p~1")).hasValue(Duration.ofSeconds(30));
  }

  @Test
  void aRefusedRequestDoesNotExtendTheWindow() {
    assertThat(limiter.tryAcquire("p~1")).isEmpty();
    for (int i = 0; i < 29; i++) {
      advance(Duration.ofSeconds(1));
      assertThat(limiter.tryAcquire("p~1")).isPresent();
    }
    advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire("p~1")).isEmpty();
  }
}
