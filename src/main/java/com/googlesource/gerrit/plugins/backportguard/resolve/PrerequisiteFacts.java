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
import com.google.common.collect.ImmutableSet;
import java.util.Optional;

/**
 * What Gerrit knows about one prerequisite, gathered as the owner of the dependent change.
 *
 * @param project the prerequisite's project
 * @param changeId the prerequisite's Change-Id
 * @param targetBranch the short name of the branch the dependent change targets
 * @param branchExists whether the prerequisite's project has that branch (readable by the owner)
 * @param candidates the visible changes in the project that carry the Change-Id
 * @param reachable the numbers of merged candidates whose commit is in the target branch
 * @param pushedCommit a commit carrying the Change-Id found in the target branch's history
 * @param reverts merged candidates whose merge a merged revert in the target branch undid, by
 *     number, with that revert
 */
public record PrerequisiteFacts(
    String project,
    String changeId,
    String targetBranch,
    boolean branchExists,
    ImmutableList<Candidate> candidates,
    ImmutableSet<Integer> reachable,
    Optional<String> pushedCommit,
    ImmutableMap<Integer, Candidate> reverts) {
  /**
   * True when only a walk of the target branch can still settle it: the branch exists and no merged
   * change is on it or in it.
   */
  public boolean needsHistoryWalk() {
    return branchExists
        && candidates.stream()
            .noneMatch(
                c ->
                    c.status() == Candidate.Status.MERGED
                        && (c.isOn(targetBranch) || reachable.contains(c.number())));
  }

  /** The same facts, with the commit a walk of the target branch found for the Change-Id. */
  public PrerequisiteFacts withPushedCommit(String commit) {
    return new PrerequisiteFacts(
        project,
        changeId,
        targetBranch,
        branchExists,
        candidates,
        reachable,
        Optional.of(commit),
        reverts);
  }
}
