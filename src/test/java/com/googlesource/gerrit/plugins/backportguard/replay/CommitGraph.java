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

package com.googlesource.gerrit.plugins.backportguard.replay;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The commit graph of a {@link History}, with commits numbered in the file's order (parents before
 * children), for reachability questions answered from git's graph alone.
 */
public final class CommitGraph {
  private final History history;
  private final Map<String, Integer> index = new HashMap<>();
  private final int[][] parents;

  public CommitGraph(History history) {
    this.history = history;
    List<HistoryCommit> commits = history.commits();
    parents = new int[commits.size()][];
    for (int i = 0; i < commits.size(); i++) {
      index.put(commits.get(i).sha(), i);
    }
    for (int i = 0; i < commits.size(); i++) {
      List<String> ps = commits.get(i).parents();
      parents[i] = new int[ps.size()];
      for (int p = 0; p < ps.size(); p++) {
        parents[i][p] = indexOf(ps.get(p));
      }
    }
  }

  public History history() {
    return history;
  }

  public int size() {
    return parents.length;
  }

  public HistoryCommit commit(int i) {
    return history.commits().get(i);
  }

  public int indexOf(String sha) {
    Integer i = index.get(sha);
    if (i == null) {
      throw new IllegalArgumentException("no commit " + sha + " in " + history.project());
    }
    return i;
  }

  /** The commits reachable from the given ones, themselves included. */
  public BitSet ancestors(int... starts) {
    BitSet seen = new BitSet(parents.length);
    Deque<Integer> todo = new ArrayDeque<>();
    for (int s : starts) {
      todo.push(s);
    }
    while (!todo.isEmpty()) {
      int c = todo.pop();
      if (seen.get(c)) {
        continue;
      }
      seen.set(c);
      for (int p : parents[c]) {
        if (!seen.get(p)) {
          todo.push(p);
        }
      }
    }
    return seen;
  }
}
