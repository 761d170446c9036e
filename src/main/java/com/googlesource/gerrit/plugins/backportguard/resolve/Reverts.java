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

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.gerrit.extensions.common.ChangeInfo;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a merged revert took a prerequisite off the branch again: a revert counts when a copy of
 * it is in the branch and no revert of that revert is, followed {@link #MAX_LEVELS} levels deep.
 * Pure: what is in the branch comes from the caller.
 */
final class Reverts {
  /** How many reverts of reverts are followed. */
  static final int MAX_LEVELS = 3;

  private Reverts() {}

  /** Whether a change's commit is in the target branch; may read git. */
  @FunctionalInterface
  interface Contains {
    boolean test(String commit) throws IOException;
  }

  /** Whether a change is in the target branch; may read git. */
  @FunctionalInterface
  interface InBranch {
    boolean test(ChangeInfo change) throws IOException;
  }

  /**
   * Whether a change is in the target branch of the project: merged on it, or its commit in its
   * history. A change of another project is not, whatever its branch is called.
   */
  static boolean inBranch(ChangeInfo c, String project, String branch, Contains contains)
      throws IOException {
    if (!c.project.equals(project)) {
      return false;
    }
    if (c.branch.equals(branch)) {
      return true;
    }
    return c.currentRevision != null && contains.test(c.currentRevision);
  }

  /**
   * The copy in the branch of a merged revert of any of the changes, unless a revert of that revert
   * is in the branch too.
   *
   * @param changes the numbers of the changes whose reverts count
   * @param index the merged reverts the index found, and their copies
   */
  static Optional<ChangeInfo> effective(List<Integer> changes, IndexSnapshot index, InBranch in)
      throws IOException {
    return effective(changes, index, in, 0);
  }

  private static Optional<ChangeInfo> effective(
      List<Integer> changes, IndexSnapshot index, InBranch in, int level) throws IOException {
    if (level >= MAX_LEVELS) {
      return Optional.empty();
    }
    for (int number : changes) {
      for (ChangeInfo r : index.revertsOf().getOrDefault(number, ImmutableList.of())) {
        List<ChangeInfo> copies =
            index.copiesOfReverts().getOrDefault(r.changeId, ImmutableList.of(r));
        for (ChangeInfo copy : copies) {
          if (in.test(copy)
              && effective(copies.stream().map(c -> c._number).toList(), index, in, level + 1)
                  .isEmpty()) {
            return Optional.of(copy);
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The merged candidates in the branch (merged on it, or reachable from its tip), each with the
   * revert that took it off again.
   */
  static ImmutableMap<Integer, Candidate> undone(
      List<Candidate> candidates, Set<Integer> reachable, String branch, ChangeInfo revert) {
    ImmutableMap.Builder<Integer, Candidate> out = ImmutableMap.builder();
    for (Candidate c : candidates) {
      boolean in = c.isOn(branch) || reachable.contains(c.number());
      if (c.status() == Candidate.Status.MERGED && in) {
        out.put(c.number(), Candidate.of(revert));
      }
    }
    return out.buildKeepingLast();
  }
}
