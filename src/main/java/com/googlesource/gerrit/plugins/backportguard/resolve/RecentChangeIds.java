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

package com.googlesource.gerrit.plugins.backportguard.resolve;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.collect.ImmutableSortedMap;
import com.google.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The Change-Ids in the newest commits under a branch tip, as the search for directly pushed
 * prerequisites read them, kept for the next checks of the same tip: a re-check of every backport
 * on a branch then walks its history once, not once per backport. A tip's history never changes, so
 * an entry is never stale; only complete windows are kept, never a walk that stopped early. Ours
 * because the answer depends on the plugin's own walk order and bound.
 */
@Singleton
public class RecentChangeIds {
  /** Change-Ids kept across all tips: six full windows, about 10 MB. */
  static final long MAX_CHANGE_IDS = 60_000;

  /** Where a Change-Id was first met: its place in the walk and the commit. */
  record Seen(int order, String commit) {}

  /** The Change-Ids of one window, sorted, so that an abbreviation finds every match. */
  record Window(ImmutableSortedMap<String, Seen> firstSeen) {
    /** For each wanted Change-Id (or abbreviation), the first commit of the walk carrying it. */
    Map<String, String> find(Set<String> wanted) {
      Map<String, String> found = new HashMap<>();
      for (String w : wanted) {
        Seen first = null;
        // Sorted: every Change-Id the abbreviation starts comes right after it.
        for (Map.Entry<String, Seen> e : firstSeen.tailMap(w, true).entrySet()) {
          if (!e.getKey().startsWith(w)) {
            break;
          }
          if (first == null || e.getValue().order() < first.order()) {
            first = e.getValue();
          }
        }
        if (first != null) {
          found.put(w, first.commit());
        }
      }
      return found;
    }
  }

  /** Collects a window while the walk goes, newest commit first. */
  static final class Builder {
    private final TreeMap<String, Seen> firstSeen = new TreeMap<>();
    private int order;

    void add(String commit, Iterable<String> changeIds) {
      for (String id : changeIds) {
        firstSeen.putIfAbsent(id.strip(), new Seen(order, commit));
      }
      order++;
    }

    Window build() {
      return new Window(ImmutableSortedMap.copyOfSorted(firstSeen));
    }
  }

  private record Key(String project, ObjectId tip) {}

  private final Cache<Key, Window> windows =
      CacheBuilder.newBuilder()
          .maximumWeight(MAX_CHANGE_IDS)
          .<Key, Window>weigher((k, w) -> Math.max(1, w.firstSeen().size()))
          .build();

  Optional<Window> get(String project, ObjectId tip) {
    return Optional.ofNullable(windows.getIfPresent(new Key(project, tip.copy())));
  }

  void put(String project, ObjectId tip, Window window) {
    windows.put(new Key(project, tip.copy()), window);
  }
}
