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

package com.googlesource.gerrit.plugins.backportguard.verdict;

import com.google.common.collect.ImmutableList;
import com.googlesource.gerrit.plugins.backportguard.parse.UnreadableLine;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResult;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteStatus;

/**
 * The outcome of checking one patch set: each declared dependency with its state on the target
 * branch, and whether together they block the change.
 *
 * @param project the project of the change being checked
 * @param targetBranch the short name of the branch it targets
 * @param results the declared dependencies in the order they were written
 * @param unreadable footer lines that could not be read as dependencies
 * @param blockOnUnknown whether what cannot be verified (not found, ambiguous, unreadable) blocks
 * @param chain the prerequisites of unmerged prerequisites, and any cycle
 * @param overLimit declared dependencies past the number a change may declare, not checked
 * @param maxDependencies that number
 */
public record Verdict(
    String project,
    String targetBranch,
    ImmutableList<DependencyResult> results,
    ImmutableList<UnreadableLine> unreadable,
    boolean blockOnUnknown,
    Chain chain,
    ImmutableList<String> overLimit,
    int maxDependencies) {

  public boolean blocks(PrerequisiteStatus status) {
    return !status.state().satisfied() && (blockOnUnknown || !status.state().unknown());
  }

  /** True when nothing declared stands in the way of the change. */
  public boolean passes() {
    return missingCount() == 0
        && chain.cycle().isEmpty()
        && ((unreadable.isEmpty() && overLimit.isEmpty()) || !blockOnUnknown);
  }

  /** The number of checked prerequisites. */
  public long checkedCount() {
    return results.stream().mapToLong(r -> r.prerequisites().size()).sum();
  }

  /** The number of checked prerequisites that are merged on the target branch. */
  public long satisfiedCount() {
    return results.stream()
        .flatMap(r -> r.prerequisites().stream())
        .filter(s -> s.state().satisfied())
        .count();
  }

  /** The number of checked prerequisites that block the change. */
  public long missingCount() {
    return results.stream().flatMap(r -> r.prerequisites().stream()).filter(this::blocks).count();
  }
}
