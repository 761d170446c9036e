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
import com.google.gerrit.extensions.restapi.RestApiException;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependency;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows the prerequisites of unmerged prerequisites level by level, within its bounds: how deep
 * ({@code maxDepth}), how many declarations of each change ({@code maxDependencies}), how many
 * declarations per level ({@link #MAX_DECLARATIONS_PER_LEVEL}), and whatever the check's budget
 * lets {@link Levels} do. The declarations of every unmerged prerequisite at one level are resolved
 * together, so a level costs the queries of one evaluation however wide it is. Pure: reading and
 * resolving are the caller's.
 */
final class ChainWalk {
  /** How many declarations one level of a chain resolves at most. */
  static final int MAX_DECLARATIONS_PER_LEVEL = 200;

  private ChainWalk() {}

  /** What the walk asks of the server. */
  interface Levels {
    /** What the change that decides a prerequisite's state declares. */
    Declarations declarations(Node node, Candidate change) throws IOException;

    /** Where the declarations of one level stand, each in the order given. */
    List<DependencyResult> resolve(List<DeclaredDependency> dependencies)
        throws RestApiException, IOException;
  }

  /**
   * What a change declares, links to other servers included.
   *
   * @param declared its declarations; empty when it has none or its commit is gone
   * @param bound the setting of the bound that kept its commit from being read, if one did
   */
  record Declarations(ImmutableList<DeclaredDependency> declared, Optional<String> bound) {
    static Declarations of(List<DeclaredDependency> declared) {
      return new Declarations(ImmutableList.copyOf(declared), Optional.empty());
    }

    static Declarations none() {
      return of(List.of());
    }

    static Declarations overBudget(String setting) {
      return new Declarations(ImmutableList.of(), Optional.of(setting));
    }
  }

  /**
   * The chain of the root's prerequisites.
   *
   * @param direct what the root's own declarations resolved to
   * @param maxDepth how many levels to follow, the root's own being the first
   * @param maxDependencies how many declarations of each prerequisite further down to follow
   */
  static Chain follow(
      Node root, List<DependencyResult> direct, int maxDepth, int maxDependencies, Levels levels)
      throws RestApiException, IOException {
    PrerequisiteGraph graph = new PrerequisiteGraph(root, maxDepth);
    Map<Node, PrerequisiteStatus> frontier = new LinkedHashMap<>();
    for (DependencyResult r : direct) {
      for (PrerequisiteStatus s : r.prerequisites()) {
        addNeed(graph, root, s, frontier);
      }
    }
    for (int depth = 1; !frontier.isEmpty(); depth++) {
      Map<Node, List<DeclaredDependency>> declared =
          declarations(frontier, maxDependencies, graph, levels);
      if (depth >= maxDepth) {
        declared.forEach(
            (node, deps) -> {
              if (!deps.isEmpty()) {
                graph.markCut(node);
              }
            });
        break;
      }
      // A level's declarations go into one query: keep it well inside the index's term limit, and
      // say which changes were not followed rather than fail the whole check.
      int budget = MAX_DECLARATIONS_PER_LEVEL;
      for (Iterator<Map.Entry<Node, List<DeclaredDependency>>> it = declared.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<Node, List<DeclaredDependency>> e = it.next();
        if (e.getValue().size() > budget) {
          graph.markTooWide(e.getKey());
          it.remove();
        } else {
          budget -= e.getValue().size();
        }
      }
      List<DeclaredDependency> all = new ArrayList<>();
      declared.values().forEach(all::addAll);
      List<DependencyResult> results = levels.resolve(all);
      Map<Node, PrerequisiteStatus> next = new LinkedHashMap<>();
      int i = 0;
      for (Map.Entry<Node, List<DeclaredDependency>> e : declared.entrySet()) {
        for (int k = 0; k < e.getValue().size(); k++, i++) {
          for (PrerequisiteStatus s : results.get(i).prerequisites()) {
            if (s.state() == PrerequisiteState.UNDECIDED) {
              graph.markOverBudget(e.getKey(), s.bound().get());
            }
            addNeed(graph, e.getKey(), s, next);
          }
        }
      }
      frontier = next;
    }
    return graph.build();
  }

  /**
   * Records a prerequisite in the graph, and in {@code next} when its own prerequisites are still
   * to be followed: an unmerged one (or one that only lands together with the root) with a change
   * that decides it. A reference to the root itself closes a cycle.
   */
  private static void addNeed(
      PrerequisiteGraph graph,
      Node from,
      PrerequisiteStatus s,
      Map<Node, PrerequisiteStatus> next) {
    if (s.state() == PrerequisiteState.SELF_REFERENCE) {
      // Names the change being checked: the path back to it is a cycle.
      graph.addNeed(from, graph.root(), s);
    } else if ((!s.state().satisfied() || s.state().landsTogether())
        && !s.state().unknown()
        && s.project().isPresent()
        && s.changeId().isPresent()) {
      Node to = new Node(s.project().get(), s.changeId().get());
      if (graph.addNeed(from, to, s) && s.change().isPresent()) {
        next.put(to, s);
      }
    }
  }

  /**
   * The dependencies each prerequisite declares (links to other servers left out), at most {@code
   * maxDependencies} of each, grouped by project as they are read.
   */
  private static Map<Node, List<DeclaredDependency>> declarations(
      Map<Node, PrerequisiteStatus> nodes,
      int maxDependencies,
      PrerequisiteGraph graph,
      Levels levels)
      throws IOException {
    Map<String, List<Node>> byProject = new LinkedHashMap<>();
    nodes
        .keySet()
        .forEach(n -> byProject.computeIfAbsent(n.project(), p -> new ArrayList<>()).add(n));
    Map<Node, List<DeclaredDependency>> out = new LinkedHashMap<>();
    for (List<Node> inProject : byProject.values()) {
      for (Node n : inProject) {
        Candidate change = nodes.get(n).change().get();
        List<DeclaredDependency> deps = List.of();
        if (change.commit() != null) {
          Declarations d = levels.declarations(n, change);
          if (d.bound().isPresent()) {
            graph.markOverBudget(n, d.bound().get());
          } else {
            List<DeclaredDependency> all =
                d.declared().stream()
                    .filter(x -> !(x.ref() instanceof DependencyRef.External))
                    .toList();
            if (all.size() > maxDependencies) {
              graph.markTrimmed(n, all.size(), maxDependencies);
            }
            deps = all.subList(0, Math.min(all.size(), maxDependencies));
          }
        }
        out.put(n, deps);
      }
    }
    return out;
  }
}
