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
 * At most one forced check per key (a change) per window, whoever asks: a check re-votes and may
 * post, so a change must not be made to write on every request. Remembers at most {@link #MAX_KEYS}
 * keys, each only for the window. Pure apart from the clock, which tests set.
 */
public final class RecheckLimiter<K> {
  /** How many changes are remembered at most; past it the oldest are forgotten (allowed again). */
  static final int MAX_KEYS = 10_000;

  private final Duration window;
  private final Ticker ticker;
  private final Cache<K, Long> granted;

  public RecheckLimiter(Duration window, Ticker ticker) {
    this.window = window;
    this.ticker = ticker;
    this.granted =
        CacheBuilder.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(window.toNanos(), TimeUnit.NANOSECONDS)
            .maximumSize(MAX_KEYS)
            .build();
  }

  /**
   * Grants a check of the key now, or says how long until one is granted.
   *
   * @return empty when granted; else the time left until the window of the last one ends
   */
  public Optional<Duration> tryAcquire(K key) {
    long now = ticker.read();
    Long last = granted.asMap().putIfAbsent(key, now);
    if (last == null) {
      return Optional.empty();
    }
    long left = window.toNanos() - (now - last);
    if (left <= 0) {
      // Expired but not yet evicted: take it over, unless another caller just did.
      return granted.asMap().replace(key, last, now) ? Optional.empty() : Optional.of(window);
    }
    return Optional.of(Duration.ofNanos(left));
  }

  public Duration window() {
    return window;
  }
}
