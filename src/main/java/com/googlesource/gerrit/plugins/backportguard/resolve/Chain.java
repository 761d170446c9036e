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
import java.util.function.BiFunction;

/**
 * The prerequisites of a change's unmerged prerequisites, followed on the change's target branch:
 * what has to land there, in which order, and whether the declarations form a cycle.
 *
 * @param root the change being checked
 * @param statuses each unmerged prerequisite found, directly or further down
 * @param needs for each change in the chain (the root included), the unmerged prerequisites it
 *     declares, in the order it declares them
 * @param landingOrder every prerequisite in the chain, each after the ones it needs
 * @param cycle a path of declarations that leads back to where it started, if there is one
 * @param cut changes whose own prerequisites were not followed, because the depth bound was reached
 * @param maxDepth the depth bound
 * @param trimmed changes further down that declare more prerequisites than were followed, with how
 *     many they declare
 * @param maxDependencies how many declarations of each change were followed
 * @param tooWide changes whose prerequisites were not followed because their level of the chain
 *     declared more than one check resolves
 * @param overBudget changes whose prerequisites were not all followed because a bound on the work
 *     of one check was reached, with the setting of that bound
 */
public record Chain(
    Node root,
    ImmutableMap<Node, PrerequisiteStatus> statuses,
    ImmutableMap<Node, ImmutableList<Node>> needs,
    ImmutableList<Node> landingOrder,
    Optional<ImmutableList<Node>> cycle,
    ImmutableSet<Node> cut,
    int maxDepth,
    ImmutableMap<Node, Integer> trimmed,
    int maxDependencies,
    ImmutableSet<Node> tooWide,
    ImmutableMap<Node, String> overBudget) {

  /** A change in the chain: a Change-Id in a project. */
  public record Node(String project, String changeId) {}

  /** The same chain with each node's status mapped, for a redaction or a landing-together fix. */
  public Chain withStatuses(BiFunction<Node, PrerequisiteStatus, PrerequisiteStatus> f) {
    ImmutableMap.Builder<Node, PrerequisiteStatus> mapped = ImmutableMap.builder();
    statuses.forEach((n, s) -> mapped.put(n, f.apply(n, s)));
    return new Chain(
        root,
        mapped.buildOrThrow(),
        needs,
        landingOrder,
        cycle,
        cut,
        maxDepth,
        trimmed,
        maxDependencies,
        tooWide,
        overBudget);
  }

  public static Chain none(Node root) {
    return new Chain(
        root,
        ImmutableMap.of(),
        ImmutableMap.of(),
        ImmutableList.of(),
        Optional.empty(),
        ImmutableSet.of(),
        0,
        ImmutableMap.of(),
        0,
        ImmutableSet.of(),
        ImmutableMap.of());
  }

  /**
   * True when the chain says more than the change's own declarations: a prerequisite needs another
   * one first (even one the change also declares), a cycle, or a cut.
   */
  public boolean goesDeeper() {
    return cycle.isPresent()
        || !cut.isEmpty()
        || !trimmed.isEmpty()
        || !tooWide.isEmpty()
        || !overBudget.isEmpty()
        || needs.entrySet().stream()
            .anyMatch(
                e ->
                    !e.getKey().equals(root)
                        && e.getValue().stream().anyMatch(n -> !landsTogether(n)));
  }

  /** Prerequisites that land together with the change need not be listed as landing first. */
  private boolean landsTogether(Node node) {
    PrerequisiteStatus s = statuses.get(node);
    return s != null && s.state().landsTogether();
  }

  /** The changes in the chain that declare they need this one. */
  public ImmutableList<Node> neededBy(Node node) {
    return needs.entrySet().stream()
        .filter(e -> e.getValue().contains(node))
        .map(e -> e.getKey())
        .collect(ImmutableList.toImmutableList());
  }
}
