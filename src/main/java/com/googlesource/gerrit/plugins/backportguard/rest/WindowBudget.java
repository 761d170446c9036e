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

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * At most a number of grants per key per window: one forced check per change, and a few per caller
 * over all the changes they read. Fixed windows, each starting at the key's first grant after the
 * last one ended. Remembers at most {@link #MAX_KEYS} keys, each only for the window. Pure apart
 * from the clock, which tests set.
 */
public final class WindowBudget<K> {
  /** How many keys are remembered at most; past it the oldest are forgotten (allowed again). */
  static final int MAX_KEYS = 10_000;

  private static final class Window {
    final long start;
    int used;

    Window(long start) {
      this.start = start;
    }
  }

  private final Duration window;
  private final int permits;
  private final Ticker ticker;
  private final Cache<K, Window> windows;

  public WindowBudget(Duration window, int permits, Ticker ticker) {
    this.window = window;
    this.permits = permits;
    this.ticker = ticker;
    this.windows =
        CacheBuilder.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(window.toNanos(), TimeUnit.NANOSECONDS)
            .maximumSize(MAX_KEYS)
            .build();
  }

  /**
   * Grants one more to the key now, or says how long until its window ends.
   *
   * @return empty when granted; else the time left in the key's window
   */
  public synchronized Optional<Duration> tryAcquire(K key) {
    long now = ticker.read();
    Window w = windows.getIfPresent(key);
    if (w == null || now - w.start >= window.toNanos()) {
      w = new Window(now);
      windows.put(key, w);
    }
    if (w.used >= permits) {
      return Optional.of(Duration.ofNanos(window.toNanos() - (now - w.start)));
    }
    w.used++;
    return Optional.empty();
  }
}
