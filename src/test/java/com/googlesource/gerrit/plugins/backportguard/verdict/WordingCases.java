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

import static com.googlesource.gerrit.plugins.backportguard.resolve.Candidate.Status.ABANDONED;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Candidate.Status.MERGED;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Candidate.Status.OPEN;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependency;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import com.googlesource.gerrit.plugins.backportguard.resolve.Candidate;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResult;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One prerequisite in every state and every variant of its wording (its project without the branch,
 * a known cherry-pick source, another project), for the tests that pin the comment's wording down
 * to the byte.
 */
final class WordingCases {
  static final String B = "wmf/1.0";

  private WordingCases() {}

  static PrerequisiteStatus status(
      PrerequisiteState state,
      Optional<Candidate> change,
      Optional<Candidate> source,
      Optional<String> pushed,
      boolean noSuchBranch,
      Optional<Candidate> revertedBy,
      Optional<String> bound) {
    return new PrerequisiteStatus(
        state,
        change.map(Candidate::project),
        change,
        source,
        pushed,
        noSuchBranch,
        Optional.of("I" + state.ordinal()),
        revertedBy,
        bound);
  }

  private static PrerequisiteStatus of(PrerequisiteState state, Candidate change) {
    return status(
        state,
        Optional.of(change),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty());
  }

  /** Each prerequisite by the name of its case, in a fixed order. */
  static ImmutableMap<String, PrerequisiteStatus> statuses() {
    Map<String, PrerequisiteStatus> out = new LinkedHashMap<>();
    Candidate onB = new Candidate("demo", 11, B, MERGED, "a1");
    Candidate onMaster = new Candidate("demo", 12, "master", MERGED, "a2");
    Candidate openOnB = new Candidate("demo", 13, B, OPEN, "a3");
    Candidate abandonedOnB = new Candidate("demo", 14, B, ABANDONED, "a4");
    Candidate openOnMaster = new Candidate("lib", 15, "master", OPEN, "a5");
    Candidate abandonedOnMaster = new Candidate("lib", 16, "master", ABANDONED, "a6");
    Candidate revert = new Candidate("demo", 17, B, MERGED, "a7");
    out.put("merged", of(PrerequisiteState.MERGED_ON_BRANCH, onB));
    out.put("contained", of(PrerequisiteState.CONTAINED_IN_BRANCH, onMaster));
    out.put(
        "pushed",
        status(
            PrerequisiteState.PUSHED_TO_BRANCH,
            Optional.empty(),
            Optional.empty(),
            Optional.of("0123456789abcdef0123456789abcdef01234567"),
            false,
            Optional.empty(),
            Optional.empty()));
    out.put(
        "mergedNoSuchBranch",
        status(
            PrerequisiteState.MERGED_NO_SUCH_BRANCH,
            Optional.of(new Candidate("lib", 18, "main", MERGED, "a8")),
            Optional.empty(),
            Optional.empty(),
            true,
            Optional.empty(),
            Optional.empty()));
    out.put(
        "reverted",
        status(
            PrerequisiteState.REVERTED_ON_BRANCH,
            Optional.of(onB),
            Optional.empty(),
            Optional.empty(),
            false,
            Optional.of(revert),
            Optional.empty()));
    out.put("openOnBranch", of(PrerequisiteState.OPEN_ON_BRANCH, openOnB));
    out.put("landsAsAncestor", of(PrerequisiteState.LANDS_AS_ANCESTOR, openOnB));
    out.put("landsWithTopic", of(PrerequisiteState.LANDS_WITH_TOPIC, openOnB));
    out.put("abandonedOnBranch", of(PrerequisiteState.ABANDONED_ON_BRANCH, abandonedOnB));
    out.put(
        "abandonedOnBranchWithSource",
        status(
            PrerequisiteState.ABANDONED_ON_BRANCH,
            Optional.of(abandonedOnB),
            Optional.of(onMaster),
            Optional.empty(),
            false,
            Optional.empty(),
            Optional.empty()));
    out.put("notBackported", of(PrerequisiteState.NOT_BACKPORTED, onMaster));
    out.put("openElsewhere", of(PrerequisiteState.OPEN_ELSEWHERE, openOnMaster));
    out.put(
        "openElsewhereNoSuchBranch",
        status(
            PrerequisiteState.OPEN_ELSEWHERE,
            Optional.of(openOnMaster),
            Optional.empty(),
            Optional.empty(),
            true,
            Optional.empty(),
            Optional.empty()));
    out.put("abandonedElsewhere", of(PrerequisiteState.ABANDONED_ELSEWHERE, abandonedOnMaster));
    out.put(
        "abandonedElsewhereNoSuchBranch",
        status(
            PrerequisiteState.ABANDONED_ELSEWHERE,
            Optional.of(abandonedOnMaster),
            Optional.empty(),
            Optional.empty(),
            true,
            Optional.empty(),
            Optional.empty()));
    out.put("notFound", PrerequisiteStatus.notFound());
    out.put("ambiguous", PrerequisiteStatus.ambiguous());
    out.put("selfReference", PrerequisiteStatus.selfReference());
    out.put("undecided", PrerequisiteStatus.undecided("plugin.backport-guard.maxCandidates"));
    return ImmutableMap.copyOf(out);
  }

  /** A verdict with one declared dependency per case, each in its own line. */
  static Verdict allInOneVerdict(boolean blockOnUnknown) {
    ImmutableList.Builder<DependencyResult> results = ImmutableList.builder();
    for (Map.Entry<String, PrerequisiteStatus> e : statuses().entrySet()) {
      String line = "Depends-On: " + e.getKey();
      results.add(
          new DependencyResult(
              new DeclaredDependency(line, new DependencyRef.ChangeId(e.getKey())),
              ImmutableList.of(e.getValue())));
    }
    return Verdicts.of("demo", B, results.build(), ImmutableList.of(), blockOnUnknown);
  }

  /**
   * A verdict whose one prerequisite (not backported) needs a prerequisite in every case, so that
   * the chain lists each case's short state.
   */
  static Verdict chainVerdict() {
    Node root = new Node("demo", "I0");
    Node first = new Node("demo", "Ifirst");
    PrerequisiteStatus firstStatus =
        status(
            PrerequisiteState.NOT_BACKPORTED,
            Optional.of(new Candidate("demo", 10, "master", MERGED, "a0")),
            Optional.empty(),
            Optional.empty(),
            false,
            Optional.empty(),
            Optional.empty());
    Map<Node, PrerequisiteStatus> statuses = new LinkedHashMap<>();
    statuses.put(first, firstStatus);
    ImmutableList.Builder<Node> needed = ImmutableList.builder();
    for (Map.Entry<String, PrerequisiteStatus> e : statuses().entrySet()) {
      Node n = new Node("demo", "I" + e.getKey());
      statuses.put(n, e.getValue());
      needed.add(n);
    }
    ImmutableList<Node> landing =
        ImmutableList.<Node>builder().addAll(needed.build()).add(first).build();
    Chain chain =
        new Chain(
            root,
            ImmutableMap.copyOf(statuses),
            ImmutableMap.of(root, ImmutableList.of(first), first, needed.build()),
            landing,
            Optional.empty(),
            ImmutableSet.of(),
            3,
            ImmutableMap.of(),
            20,
            ImmutableSet.of(),
            ImmutableMap.of());
    DependencyResult result =
        new DependencyResult(
            new DeclaredDependency("Depends-On: Ifirst", new DependencyRef.ChangeId("Ifirst")),
            ImmutableList.of(firstStatus));
    return new Verdict(
        "demo",
        B,
        ImmutableList.of(result),
        ImmutableList.of(),
        true,
        chain,
        ImmutableList.of(),
        Integer.MAX_VALUE);
  }
}
