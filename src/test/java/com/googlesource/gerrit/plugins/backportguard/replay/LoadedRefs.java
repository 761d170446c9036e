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

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the replay has put into Gerrit so far, in each project: where each branch points and which
 * commits were offered for review. Kept by the replay as it pushes, for the expected verdicts.
 */
public final class LoadedRefs {
  private final Map<String, Map<String, Integer>> branches = new HashMap<>();
  private final Map<String, BitSet> offered = new HashMap<>();

  public void branch(String project, String branch, int commit) {
    branches.computeIfAbsent(project, p -> new TreeMap<>()).put(branch, commit);
  }

  public void offered(String project, int commit) {
    offered.computeIfAbsent(project, p -> new BitSet()).set(commit);
  }

  /** The branches (short names) of a project and the commits they point to. */
  public Map<String, Integer> branches(String project) {
    return branches.getOrDefault(project, Map.of());
  }

  /** Whether a commit was offered for review, so that Gerrit has a change for it. */
  public boolean isOffered(String project, int commit) {
    BitSet b = offered.get(project);
    return b != null && b.get(commit);
  }
}
