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

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What to load and offer for one history: master's commits that other commits name as prerequisites
 * (loaded as reviewed changes), the other branches in the order they are replayed, each with the
 * backports it owns, and which of them are offered for review.
 *
 * <p>A backport is a commit on a branch other than master that master does not contain. A commit on
 * several branches is owned by the first one replayed. Merge commits on the branches are Gerrit's
 * own submit merges ({@code Merge "..." into wmf/...}, no Change-Id): nobody offered them for
 * review, so they are loaded with their branch but not offered.
 */
public final class ReplayPlan {
  /** How many backports are offered. */
  public enum Scope {
    /** Every backport. */
    FULL,
    /**
     * Backports that mention "depends", or carry a Change-Id that a Depends-On names, and every
     * {@value #SAMPLE}th other one.
     */
    SUBSET;

    static final int SAMPLE = 100;
  }

  /**
   * A branch to replay.
   *
   * @param name the short branch name
   * @param tip the commit the branch ends at
   * @param owned the backports it owns, parents before children
   */
  public record Branch(String name, int tip, ImmutableList<Integer> owned) {}

  private final CommitGraph graph;
  private final BitSet master;
  private final ImmutableList<Integer> reviewedOnMaster;
  private final ImmutableList<Branch> branches;
  private final BitSet offered;
  private final ImmutableList<Integer> masterDependents;

  public ReplayPlan(CommitGraph graph, ChangeIdIndex ids, Scope scope) {
    this.graph = graph;
    History h = graph.history();
    master = graph.ancestors(graph.indexOf(h.branches().get("refs/heads/master")));

    ImmutableList.Builder<Integer> reviewed = ImmutableList.builder();
    ImmutableList.Builder<Integer> dependents = ImmutableList.builder();
    for (int i = master.nextSetBit(0); i >= 0; i = master.nextSetBit(i + 1)) {
      HistoryCommit c = graph.commit(i);
      if (ChangeIdIndex.changeIdsOf(c).stream().anyMatch(ids::isNamed)) {
        reviewed.add(i);
      }
      if (namesLoadedChange(c, ids)) {
        dependents.add(i);
      }
    }
    reviewedOnMaster = reviewed.build();
    masterDependents = dependents.build();

    record Candidate(String name, int tip, BitSet commits, long firstTime) {}
    List<Candidate> candidates = new ArrayList<>();
    h.branches()
        .forEach(
            (ref, tip) -> {
              if (ref.equals("refs/heads/master")) {
                return;
              }
              int t = graph.indexOf(tip);
              BitSet commits = graph.ancestors(t);
              commits.andNot(master);
              long first =
                  commits.stream()
                      .mapToLong(i -> graph.commit(i).authorTime())
                      .min()
                      .orElse(graph.commit(t).authorTime());
              candidates.add(
                  new Candidate(ref.substring("refs/heads/".length()), t, commits, first));
            });
    // Branches in the order they were cut, as deployments happened.
    candidates.sort(Comparator.comparingLong(Candidate::firstTime).thenComparing(Candidate::name));
    BitSet owned = new BitSet();
    offered = new BitSet();
    ImmutableList.Builder<Branch> out = ImmutableList.builder();
    int others = 0;
    for (Candidate c : candidates) {
      BitSet mine = (BitSet) c.commits().clone();
      mine.andNot(owned);
      owned.or(mine);
      ImmutableList<Integer> list = mine.stream().boxed().collect(ImmutableList.toImmutableList());
      for (int i : list) {
        HistoryCommit commit = graph.commit(i);
        if (commit.isMerge()) {
          continue;
        }
        boolean interesting =
            commit.message().toLowerCase(Locale.ROOT).contains("depends")
                || ChangeIdIndex.changeIdsOf(commit).stream().anyMatch(ids::isNamed);
        if (scope == Scope.FULL || interesting || others++ % Scope.SAMPLE == 0) {
          offered.set(i);
        }
      }
      out.add(new Branch(c.name(), c.tip(), list));
    }
    branches = out.build();
  }

  /** Whether a commit's Depends-On footers name a Change-Id that some loaded commit carries. */
  private static boolean namesLoadedChange(HistoryCommit c, ChangeIdIndex ids) {
    return ChangeIdIndex.dependsOn(c).stream()
        .flatMap(v -> ChangeIdIndex.changeId(v).stream())
        .anyMatch(id -> !ids.carriers(id).isEmpty());
  }

  public CommitGraph graph() {
    return graph;
  }

  /** Master's commits that a Depends-On names, parents first: loaded as merged changes. */
  public ImmutableList<Integer> reviewedOnMaster() {
    return reviewedOnMaster;
  }

  /** The branches other than master, in the order they are replayed. */
  public ImmutableList<Branch> branches() {
    return branches;
  }

  public boolean isOffered(int commit) {
    return offered.get(commit);
  }

  public int offeredCount() {
    return offered.cardinality();
  }

  public int backportCount() {
    return branches.stream().mapToInt(b -> b.owned().size()).sum();
  }

  /**
   * Master's commits whose Depends-On names a commit in the loaded histories: none of the backports
   * does, so these are offered too, on a branch cut at their parent, to replay real prerequisites
   * that are inside the loaded repositories.
   */
  public ImmutableList<Integer> masterDependents() {
    return masterDependents;
  }
}
