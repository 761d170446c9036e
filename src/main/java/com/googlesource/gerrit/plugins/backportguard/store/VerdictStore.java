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

package com.googlesource.gerrit.plugins.backportguard.store;

import com.google.common.cache.Cache;
import com.google.common.collect.ImmutableMap;
import com.google.common.flogger.FluentLogger;
import com.google.gerrit.entities.Change;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin's last decision per change, in a Gerrit persistent cache: in memory, and on disk where
 * the site has a disk cache ({@code cache.directory}), so that it survives restarts. Written by the
 * evaluation queue after each evaluation; read by the change attribute, the search operators and
 * {@code needed-by}, which never check a change themselves.
 *
 * <p>Not the truth, only the last word: a change the store has nothing for (never checked since the
 * plugin was installed, or its entry was evicted or lost with the cache) reads as {@link
 * Outcomes#UNKNOWN}. The next event on the change, a re-check of its prerequisites, the start-up
 * sweep ({@code sweepOnStart}) or {@code backport-guard check} fill it in.
 */
@Singleton
public class VerdictStore {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  public static final String CACHE = "verdicts";

  private final Cache<Change.Id, StoredVerdict> cache;
  private final Clock clock;

  @Inject
  VerdictStore(@Named(CACHE) Cache<Change.Id, StoredVerdict> cache) {
    this(cache, Clock.systemUTC());
  }

  VerdictStore(Cache<Change.Id, StoredVerdict> cache, Clock clock) {
    this.cache = cache;
    this.clock = clock;
  }

  /**
   * Keeps what an evaluation decided about a patch set of the change, replacing the earlier
   * decision. Evaluations of one change never overlap, so the last one written is the newest.
   */
  public void record(Change.Id change, int patchSet, String outcome, int vote, int missing) {
    try {
      cache.put(change, new StoredVerdict(patchSet, outcome, vote, missing, clock.instant()));
    } catch (RuntimeException e) {
      // The vote and comment are posted already; only listings and search lose this entry.
      logger.atWarning().withCause(e).log("Cannot store the verdict of change %d", change.get());
    }
  }

  /** Forgets the last decision on the change: the plugin no longer stands by it. */
  public void forget(Change.Id change) {
    try {
      cache.invalidate(change);
    } catch (RuntimeException e) {
      logger.atWarning().withCause(e).log("Cannot forget the verdict of change %d", change.get());
    }
  }

  /** The last decision on the change, if the store has one. */
  public Optional<StoredVerdict> get(Change.Id change) {
    return Optional.ofNullable(cache.getIfPresent(change));
  }

  /** The last decision on each of the changes the store has one for. */
  public ImmutableMap<Change.Id, StoredVerdict> getAll(Collection<Change.Id> changes) {
    Map<Change.Id, StoredVerdict> out = new LinkedHashMap<>();
    for (Change.Id id : changes) {
      StoredVerdict v = cache.getIfPresent(id);
      if (v != null) {
        out.put(id, v);
      }
    }
    return ImmutableMap.copyOf(out);
  }
}
