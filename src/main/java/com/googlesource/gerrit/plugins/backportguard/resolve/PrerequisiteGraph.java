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
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Collects who needs whom among unmerged prerequisites while they are resolved level by level, then
 * finds the landing order and any cycle. Pure: it only sees nodes and edges.
 */
public final class PrerequisiteGraph {
  private final Node root;
  private final int maxDepth;
  private final Map<Node, PrerequisiteStatus> statuses = new LinkedHashMap<>();
  private final Map<Node, Set<Node>> needs = new LinkedHashMap<>();
  private final Set<Node> cut = new LinkedHashSet<>();
  private final Map<Node, Integer> trimmed = new LinkedHashMap<>();
  private final Set<Node> tooWide = new LinkedHashSet<>();
  private final Map<Node, String> overBudget = new LinkedHashMap<>();
  private int maxDependencies;

  public PrerequisiteGraph(Node root, int maxDepth) {
    this.root = root;
    this.maxDepth = maxDepth;
  }

  public Node root() {
    return root;
  }

  /**
   * Records that {@code from} needs {@code to}, an unmerged prerequisite (or the root itself).
   *
   * @return true if {@code to} was not known yet, so its own prerequisites are still to be followed
   */
  public boolean addNeed(Node from, Node to, PrerequisiteStatus status) {
    needs.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
    if (to.equals(root) || statuses.containsKey(to)) {
      return false;
    }
    statuses.put(to, status);
    return true;
  }

  /** Records that a change's own prerequisites were not followed because of the depth bound. */
  public void markCut(Node node) {
    cut.add(node);
  }

  /**
   * Records that only the first {@code followed} of a change's {@code declared} prerequisites were
   * followed.
   */
  public void markTrimmed(Node node, int declared, int followed) {
    trimmed.put(node, declared);
    maxDependencies = followed;
  }

  /** Records that a change's prerequisites were not followed: its level declared too many. */
  public void markTooWide(Node node) {
    tooWide.add(node);
  }

  /**
   * Records that a change's prerequisites were not all followed: a bound on the work of one check
   * was reached.
   *
   * @param setting the setting of that bound
   */
  public void markOverBudget(Node node, String setting) {
    overBudget.putIfAbsent(node, setting);
  }

  public Chain build() {
    return new Chain(
        root,
        ImmutableMap.copyOf(statuses),
        needs.entrySet().stream()
            .collect(
                ImmutableMap.toImmutableMap(
                    Map.Entry::getKey, e -> ImmutableList.copyOf(e.getValue()))),
        landingOrder(),
        cycle(),
        ImmutableSet.copyOf(cut),
        maxDepth,
        ImmutableMap.copyOf(trimmed),
        maxDependencies,
        ImmutableSet.copyOf(tooWide),
        ImmutableMap.copyOf(overBudget));
  }

  /** Depth-first from the root: each change after everything it needs, the root left out. */
  private ImmutableList<Node> landingOrder() {
    List<Node> order = new ArrayList<>();
    Set<Node> visited = new HashSet<>();
    visited.add(root);
    postOrder(root, visited, order);
    return ImmutableList.copyOf(order);
  }

  private void postOrder(Node node, Set<Node> visited, List<Node> order) {
    for (Node next : needs.getOrDefault(node, Set.of())) {
      if (visited.add(next)) {
        postOrder(next, visited, order);
        order.add(next);
      }
    }
  }

  /** The first cycle a depth-first walk from the root meets, as a path that ends where it began. */
  private Optional<ImmutableList<Node>> cycle() {
    Deque<Node> path = new ArrayDeque<>();
    return cycleFrom(root, path, new HashSet<>());
  }

  private Optional<ImmutableList<Node>> cycleFrom(Node node, Deque<Node> path, Set<Node> done) {
    path.addLast(node);
    for (Node next : needs.getOrDefault(node, Set.of())) {
      if (path.contains(next)) {
        List<Node> cycle = new ArrayList<>();
        boolean in = false;
        for (Node n : path) {
          in |= n.equals(next);
          if (in) {
            cycle.add(n);
          }
        }
        cycle.add(next);
        return Optional.of(ImmutableList.copyOf(cycle));
      }
      if (!done.contains(next)) {
        Optional<ImmutableList<Node>> found = cycleFrom(next, path, done);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    path.removeLast();
    done.add(node);
    return Optional.empty();
  }
}
