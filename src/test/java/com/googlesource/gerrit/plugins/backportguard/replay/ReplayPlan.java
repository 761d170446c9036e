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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What to load and offer for one history: master's commits that other commits name as prerequisites
 * (loaded as reviewed changes), the other branches in the order they are replayed, each with the
 * backports it owns, and which of them are offered for review.
 *
 * <p>A backport is a commit on a branch other than master that master does not contain. A commit on
 * several branches is owned by the first one replayed, and is already in Gerrit when the others are
 * replayed. What Gerrit would never have taken for review is loaded with its branch, by direct push
 * as history had it, and not offered: see {@link Direct}.
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

  /** Why a backport is loaded by direct push, not offered for review. */
  public enum Direct {
    /** Gerrit's own merge on submit ({@code Merge "..." into ...}): nobody pushed it. */
    SUBMIT_MERGE("Gerrit's submit merges"),
    /** Any other merge: a branch merged into this one. */
    MERGE("merges from other branches"),
    /** Brought into the branch only by such a merge: it was made on another branch. */
    MERGED_IN("commits those merges brought in"),
    /** Without a Change-Id: Gerrit refuses it for review, so it was pushed directly. */
    NO_CHANGE_ID("commits without a Change-Id"),
    /**
     * Its Change-Id is already on the branch (an earlier commit there carries it): Gerrit refuses a
     * new commit for a closed change, so it was pushed directly.
     */
    CHANGE_ID_ON_BRANCH("commits whose Change-Id is already on the branch");

    private final String description;

    Direct(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  /**
   * A branch to replay.
   *
   * @param name the short branch name
   * @param tip the commit the branch ends at
   * @param owned the backports it owns, parents before children
   * @param firstTime the author time of its first backport: branches of all projects are replayed
   *     in this order, as deployments happened
   */
  public record Branch(String name, int tip, ImmutableList<Integer> owned, long firstTime) {}

  private static final Pattern SUBMIT_MERGE = Pattern.compile("Merge (\"|changes ).*");

  private final CommitGraph graph;
  private final BitSet master;
  private final ImmutableList<Integer> reviewedOnMaster;
  private final ImmutableList<Branch> branches;
  private final BitSet offered;
  private final Map<Integer, Direct> direct = new HashMap<>();
  private int alreadyLoaded;
  private final ImmutableList<Integer> masterDependents;

  public ReplayPlan(CommitGraph graph, ChangeIdIndex ids, Scope scope) {
    this.graph = graph;
    History h = graph.history();
    master = graph.ancestors(graph.indexOf(h.branches().get(h.mainRef())));

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
              if (ref.equals(h.mainRef())) {
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
      alreadyLoaded += c.commits().cardinality() - mine.cardinality();
      owned.or(mine);
      ImmutableList<Integer> list = mine.stream().boxed().collect(ImmutableList.toImmutableList());
      BitSet mergedIn = mergedIn(list);
      Set<String> onBranch = new HashSet<>();
      for (int i : list) {
        HistoryCommit commit = graph.commit(i);
        ImmutableList<String> changeIds = ChangeIdIndex.changeIdsOf(commit);
        Direct why = null;
        if (commit.isMerge()) {
          why = isSubmitMerge(commit) ? Direct.SUBMIT_MERGE : Direct.MERGE;
        } else if (mergedIn.get(i)) {
          why = Direct.MERGED_IN;
        } else if (changeIds.isEmpty()) {
          why = Direct.NO_CHANGE_ID;
        } else if (changeIds.stream().anyMatch(onBranch::contains)) {
          why = Direct.CHANGE_ID_ON_BRANCH;
        }
        if (why != null) {
          direct.put(i, why);
          continue;
        }
        onBranch.addAll(changeIds);
        boolean interesting =
            commit.message().toLowerCase(Locale.ROOT).contains("depends")
                || ChangeIdIndex.changeIdsOf(commit).stream().anyMatch(ids::isNamed);
        if (scope == Scope.FULL || interesting || others++ % Scope.SAMPLE == 0) {
          offered.set(i);
        }
      }
      out.add(new Branch(c.name(), c.tip(), list, c.firstTime()));
    }
    branches = out.build();
  }

  private static boolean isSubmitMerge(HistoryCommit c) {
    return SUBMIT_MERGE.matcher(c.message().lines().findFirst().orElse("")).matches();
  }

  /**
   * The commits that merges other than Gerrit's submit merges brought into a branch: reachable from
   * a later parent of such a merge, not from its first parent, and not from master.
   */
  private BitSet mergedIn(List<Integer> owned) {
    BitSet out = new BitSet();
    for (int m : owned) {
      HistoryCommit c = graph.commit(m);
      if (!c.isMerge() || isSubmitMerge(c)) {
        continue;
      }
      int[] others = c.parents().stream().skip(1).mapToInt(graph::indexOf).toArray();
      BitSet brought = graph.ancestors(others);
      brought.andNot(graph.ancestors(graph.indexOf(c.parents().get(0))));
      brought.andNot(master);
      out.or(brought);
    }
    return out;
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

  /** Why a backport is loaded by direct push, if it is. */
  public Optional<Direct> direct(int commit) {
    return Optional.ofNullable(direct.get(commit));
  }

  /** How many backports are loaded by direct push, for each reason. */
  public Map<Direct, Integer> directCounts() {
    Map<Direct, Integer> out = new EnumMap<>(Direct.class);
    direct.values().forEach(d -> out.merge(d, 1, Integer::sum));
    return out;
  }

  /**
   * Backports on a branch that an earlier branch owns: already in Gerrit when the branch is
   * replayed, so neither offered nor pushed again (counted once per branch that holds them).
   */
  public int alreadyLoadedCount() {
    return alreadyLoaded;
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
