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

import static com.google.common.collect.ImmutableList.toImmutableList;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependency;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import com.googlesource.gerrit.plugins.backportguard.resolve.References.InProject;
import com.googlesource.gerrit.plugins.backportguard.resolve.References.Named;
import com.googlesource.gerrit.plugins.backportguard.resolve.References.Settled;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the declarations of one level of a check: one {@link IndexSnapshot} for all of them,
 * {@link References} for what each names, the {@link BranchView} for where each stands in git, and
 * {@link PrerequisiteClassifier} for the state.
 */
final class LevelLookup {
  /** What a check shares with each of its levels. */
  interface Check {
    CheckedChange self();

    IndexReader index();

    BranchView branches();

    /** The status, given what lands together with the checked change. */
    PrerequisiteStatus landing(PrerequisiteStatus s) throws RestApiException, IOException;
  }

  /**
   * A prerequisite to classify: either settled already (not found, ambiguous, the change itself) or
   * the facts gathered so far, completed by the branch walk.
   */
  private static final class Target {
    PrerequisiteStatus settled;
    PrerequisiteFacts facts;

    Target(PrerequisiteStatus settled) {
      this.settled = settled;
    }

    Target(PrerequisiteFacts facts) {
      this.facts = facts;
    }

    PrerequisiteStatus status() {
      return settled != null ? settled : PrerequisiteClassifier.classify(facts);
    }
  }

  private final Check check;
  private final CheckedChange self;
  private final BranchView branches;

  LevelLookup(Check check) {
    this.check = check;
    this.self = check.self();
    this.branches = check.branches();
  }

  ImmutableList<DependencyResult> resolve(List<DeclaredDependency> dependencies)
      throws RestApiException, IOException {
    IndexSnapshot index;
    try {
      index = check.index().read(dependencies.stream().map(DeclaredDependency::ref).toList());
    } catch (BoundReachedException e) {
      // What the index would have said is unknown: a revert, a backport may be missing.
      return dependencies.stream()
          .map(
              d ->
                  new DependencyResult(
                      d,
                      d.ref() instanceof DependencyRef.External
                          ? ImmutableList.of()
                          : ImmutableList.of(PrerequisiteStatus.undecided(e.setting()))))
          .collect(toImmutableList());
    }
    List<List<Target>> targets = new ArrayList<>();
    for (DeclaredDependency dep : dependencies) {
      List<Target> out = new ArrayList<>();
      for (Named n : References.names(dep.ref(), self, index)) {
        out.add(target(n, index));
      }
      targets.add(out);
    }
    walkBranches(targets.stream().flatMap(List::stream).toList());
    ImmutableList.Builder<DependencyResult> results = ImmutableList.builder();
    for (int i = 0; i < dependencies.size(); i++) {
      ImmutableList.Builder<PrerequisiteStatus> statuses = ImmutableList.builder();
      for (Target t : targets.get(i)) {
        statuses.add(check.landing(t.status()));
      }
      results.add(new DependencyResult(dependencies.get(i), statuses.build()));
    }
    return results.build();
  }

  private Target target(Named named, IndexSnapshot index) throws IOException {
    // if/else, not a pattern switch: the 3.10 build compiles for Java 17.
    if (named instanceof Settled s) {
      return new Target(s.status());
    }
    if (named instanceof InProject p) {
      return target(p, index);
    }
    throw new IllegalStateException("unknown prerequisite: " + named);
  }

  /** The facts git adds for a prerequisite in a project: is its change in the branch, reverted? */
  private Target target(InProject p, IndexSnapshot index) throws IOException {
    BranchView.Branch branch = branches.branch(p.project());
    if (!branch.readable()) {
      return new Target(PrerequisiteStatus.notFound());
    }
    try {
      ImmutableSet<Integer> reachable = branch.exists() ? reachable(p, branch) : ImmutableSet.of();
      ImmutableMap<Integer, Candidate> reverts =
          branch.exists() ? revertsInBranch(p, branch, index, reachable) : ImmutableMap.of();
      return new Target(
          new PrerequisiteFacts(
              p.project(),
              p.changeId(),
              self.branch(),
              branch.exists(),
              p.candidates(),
              reachable,
              Optional.empty(),
              reverts));
    } catch (BoundReachedException e) {
      return new Target(PrerequisiteStatus.undecided(e.setting()));
    }
  }

  /** The merged candidates, not merged on the branch itself, whose commit is in the branch. */
  private ImmutableSet<Integer> reachable(InProject p, BranchView.Branch branch)
      throws IOException {
    if (p.candidates().stream().noneMatch(c -> c.status() == Candidate.Status.MERGED)) {
      return ImmutableSet.of();
    }
    branches.read(p.project(), branch.tip());
    ImmutableSet.Builder<Integer> out = ImmutableSet.builder();
    for (Candidate c : p.candidates()) {
      if (c.status() != Candidate.Status.MERGED || c.commit() == null) {
        continue;
      }
      if (c.isOn(self.branch())) {
        // Merged on the branch: settled without a walk.
        continue;
      }
      if (branches.contains(p.project(), branch.tip(), c.commit())) {
        out.add(c.number());
      }
    }
    return out.build();
  }

  /**
   * The merged candidates in the branch, each with the revert that took the Change-Id off the
   * branch again, if one did (see {@link Reverts}).
   */
  private ImmutableMap<Integer, Candidate> revertsInBranch(
      InProject p, BranchView.Branch branch, IndexSnapshot index, ImmutableSet<Integer> reachable)
      throws IOException {
    if (index.revertsOf().isEmpty()) {
      return ImmutableMap.of();
    }
    List<Integer> merged =
        p.candidates().stream()
            .filter(c -> c.status() == Candidate.Status.MERGED)
            .map(Candidate::number)
            .toList();
    branches.read(p.project(), branch.tip());
    Optional<ChangeInfo> revert =
        Reverts.effective(
            merged,
            index,
            c ->
                Reverts.inBranch(
                    c,
                    p.project(),
                    self.branch(),
                    commit -> branches.contains(p.project(), branch.tip(), commit)));
    if (revert.isEmpty()) {
      return ImmutableMap.of();
    }
    return Reverts.undone(p.candidates(), reachable, self.branch(), revert.get());
  }

  /**
   * Walks the target branch once per project for the Change-Ids the index left unsettled, to find
   * commits that reached the branch by direct push and so have no change. The walk stops as soon as
   * every one is found.
   */
  private void walkBranches(List<Target> targets) throws IOException {
    Map<String, List<Target>> pending = new LinkedHashMap<>();
    for (Target t : targets) {
      if (t.settled == null && t.facts.needsHistoryWalk()) {
        pending.computeIfAbsent(t.facts.project(), p -> new ArrayList<>()).add(t);
      }
    }
    for (Map.Entry<String, List<Target>> e : pending.entrySet()) {
      Set<String> wanted = new LinkedHashSet<>();
      e.getValue().forEach(t -> wanted.add(t.facts.changeId()));
      Map<String, String> found;
      try {
        found = branches.findPushedCommits(e.getKey(), branches.branch(e.getKey()).tip(), wanted);
      } catch (BoundReachedException ex) {
        e.getValue().forEach(t -> t.settled = PrerequisiteStatus.undecided(ex.setting()));
        continue;
      }
      for (Target t : e.getValue()) {
        String commit = found.get(t.facts.changeId());
        if (commit != null) {
          t.facts = t.facts.withPushedCommit(commit);
        }
      }
    }
  }
}
