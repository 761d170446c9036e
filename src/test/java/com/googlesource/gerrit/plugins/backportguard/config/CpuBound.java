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

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.junit.jupiter.api.function.Executable;

/**
 * Bounds the CPU time a piece of work takes, not its wall-clock time: what a pattern costs the
 * server is the same whether or not other processes share the machine's cores with the test.
 */
final class CpuBound {
  /** Beyond this wall-clock time the work is taken to hang, however busy the machine. */
  private static final Duration HANG = Duration.ofSeconds(60);

  private CpuBound() {}

  /** Runs the work and fails if its thread spent more than {@code bound} of CPU time on it. */
  static void assertCheap(Duration bound, Executable work) {
    assertTimeoutPreemptively(
        HANG,
        () -> {
          ThreadMXBean mx = ManagementFactory.getThreadMXBean();
          long start = mx.getCurrentThreadCpuTime();
          work.execute();
          Duration spent = Duration.ofNanos(mx.getCurrentThreadCpuTime() - start);
          assertWithMessage("CPU time").that(spent).isLessThan(bound);
        });
  }
}
