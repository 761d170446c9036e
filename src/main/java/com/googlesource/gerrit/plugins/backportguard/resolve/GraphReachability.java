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

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Whether a commit is in a branch's history, answered from the repository's commit-graph: its
 * generation numbers stop the walk at commits too old to lead to the commit, so a prerequisite
 * merged on master after the branch was cut is known to be missing once the few commits pushed
 * since the graph was written are read, where JGit's {@code isMergedInto} (which does not use
 * generation numbers) reads master back to the cut. Ours because JGit offers no bounded check.
 *
 * <p>A commit the graph has cannot have an ancestor the graph lacks (git writes a graph closed
 * under parents), and an ancestor always has a smaller generation number than its descendants.
 */
final class GraphReachability {
  private final CommitGraph graph;
  private final RevWalk rw;
  private final CheckBudget budget;
  // As for objects read, a commit visited by several walks of one check is counted once.
  private final BitSet counted = new BitSet();

  private GraphReachability(CommitGraph graph, RevWalk rw, CheckBudget budget) {
    this.graph = graph;
    this.rw = rw;
    this.budget = budget;
  }

  /**
   * The repository's commit-graph, when JGit reads one there ({@code core.commitGraph}).
   *
   * @param rw a walk on the check's budgeted reader, for the commits the graph does not have
   */
  static Optional<GraphReachability> of(Repository repo, RevWalk rw, CheckBudget budget)
      throws IOException {
    try (ObjectReader reader = repo.newObjectReader()) {
      return reader
          .getCommitGraph()
          .filter(g -> g.getCommitCnt() > 0)
          .map(g -> new GraphReachability(g, rw, budget));
    }
  }

  /**
   * Whether {@code commit} is {@code tip} or one of its ancestors. Every commit visited counts
   * against the budget once, whether read from the repository or from the graph.
   */
  boolean contains(ObjectId tip, ObjectId commit) throws IOException {
    int target = graph.findGraphPosition(commit);
    int targetGeneration = target >= 0 ? generation(target) : 0;
    ArrayDeque<ObjectId> loose = new ArrayDeque<>();
    ArrayDeque<Integer> inGraph = new ArrayDeque<>();
    Set<ObjectId> seenLoose = new HashSet<>();
    BitSet seenInGraph = new BitSet();
    push(tip, loose, inGraph, seenLoose, seenInGraph);
    while (!loose.isEmpty() || !inGraph.isEmpty()) {
      if (!loose.isEmpty()) {
        ObjectId id = loose.pop();
        if (id.equals(commit)) {
          return true;
        }
        RevCommit c = rw.parseCommit(id);
        for (RevCommit p : c.getParents()) {
          push(p, loose, inGraph, seenLoose, seenInGraph);
        }
        continue;
      }
      int pos = inGraph.pop();
      if (pos == target) {
        return true;
      }
      if (target < 0) {
        // Not in the graph: no commit the graph has can lead to it.
        continue;
      }
      int generation = generation(pos);
      if (targetGeneration > 0 && generation > 0 && generation <= targetGeneration) {
        continue;
      }
      if (!counted.get(pos)) {
        counted.set(pos);
        budget.countObject();
      }
      for (int parent : graph.getCommitData(pos).getParents()) {
        if (!seenInGraph.get(parent)) {
          seenInGraph.set(parent);
          inGraph.push(parent);
        }
      }
    }
    return false;
  }

  private void push(
      ObjectId id,
      ArrayDeque<ObjectId> loose,
      ArrayDeque<Integer> inGraph,
      Set<ObjectId> seenLoose,
      BitSet seenInGraph) {
    int pos = graph.findGraphPosition(id);
    if (pos >= 0) {
      if (!seenInGraph.get(pos)) {
        seenInGraph.set(pos);
        inGraph.push(pos);
      }
    } else if (seenLoose.add(id.copy())) {
      loose.push(id.copy());
    }
  }

  /** The commit's generation number; 0 when the graph was written without them. */
  private int generation(int pos) {
    int g = graph.getCommitData(pos).getGeneration();
    return g == Integer.MAX_VALUE ? 0 : g;
  }
}
