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

import static com.googlesource.gerrit.plugins.backportguard.resolve.Candidate.Status.ABANDONED;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Candidate.Status.MERGED;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Candidate.Status.OPEN;

import com.google.common.collect.ImmutableList;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides where a prerequisite stands on the target branch, from facts alone.
 *
 * <p>Satisfied when, in the prerequisite's project: a change with its Change-Id is merged on the
 * branch; or such a change merged elsewhere and its commit is in the branch; or a commit carrying
 * the Change-Id was pushed into the branch. A project without the branch falls back to "merged on
 * any branch". Otherwise the state names what is missing, most actionable first: an open backport,
 * an abandoned one, a merged original that was never cherry-picked, an open original.
 */
public final class PrerequisiteClassifier {
  // The lowest number first: the original change, not a later copy of it.
  private static final Comparator<Candidate> ORIGINAL_FIRST =
      Comparator.comparingInt(Candidate::number);

  private PrerequisiteClassifier() {}

  public static PrerequisiteStatus classify(PrerequisiteFacts facts) {
    PrerequisiteStatus s = decide(facts);
    // Every change with the Change-Id that counts, for a picture across branches: the facts hold
    // them already, so naming them costs nothing more.
    return s.project().isPresent()
        ? s.withCopies(
            facts.candidates().stream()
                .sorted(ORIGINAL_FIRST)
                .collect(ImmutableList.toImmutableList()))
        : s;
  }

  private static PrerequisiteStatus decide(PrerequisiteFacts facts) {
    String branch = facts.targetBranch();
    Optional<Candidate> mergedElsewhere = find(facts, c -> c.status() == MERGED);
    if (!facts.branchExists()) {
      if (mergedElsewhere.isPresent()) {
        return status(
            facts, PrerequisiteState.MERGED_NO_SUCH_BRANCH, mergedElsewhere, Optional.empty());
      }
      return unmergedElsewhere(facts);
    }
    Predicate<Candidate> inForGood = c -> !facts.reverts().containsKey(c.number());
    Optional<Candidate> mergedOnBranch =
        find(facts, c -> c.status() == MERGED && c.isOn(branch) && inForGood.test(c));
    if (mergedOnBranch.isPresent()) {
      return status(facts, PrerequisiteState.MERGED_ON_BRANCH, mergedOnBranch, Optional.empty());
    }
    Optional<Candidate> contained =
        find(
            facts,
            c ->
                c.status() == MERGED
                    && facts.reachable().contains(c.number())
                    && inForGood.test(c));
    if (contained.isPresent()) {
      return status(facts, PrerequisiteState.CONTAINED_IN_BRANCH, contained, Optional.empty());
    }
    if (facts.pushedCommit().isPresent()) {
      return new PrerequisiteStatus(
          PrerequisiteState.PUSHED_TO_BRANCH,
          Optional.of(facts.project()),
          Optional.empty(),
          Optional.empty(),
          facts.pushedCommit(),
          false,
          Optional.of(facts.changeId()),
          Optional.empty(),
          Optional.empty());
    }
    Optional<Candidate> openOnBranch = find(facts, c -> c.status() == OPEN && c.isOn(branch));
    if (openOnBranch.isPresent()) {
      return status(facts, PrerequisiteState.OPEN_ON_BRANCH, openOnBranch, mergedElsewhere);
    }
    Optional<Candidate> reverted = find(facts, c -> facts.reverts().containsKey(c.number()));
    if (reverted.isPresent()) {
      return new PrerequisiteStatus(
          PrerequisiteState.REVERTED_ON_BRANCH,
          Optional.of(facts.project()),
          reverted,
          Optional.empty(),
          Optional.empty(),
          false,
          Optional.of(facts.changeId()),
          Optional.of(facts.reverts().get(reverted.get().number())),
          Optional.empty());
    }
    Optional<Candidate> abandonedOnBranch =
        find(facts, c -> c.status() == ABANDONED && c.isOn(branch));
    if (abandonedOnBranch.isPresent()) {
      return status(
          facts, PrerequisiteState.ABANDONED_ON_BRANCH, abandonedOnBranch, mergedElsewhere);
    }
    if (mergedElsewhere.isPresent()) {
      return status(facts, PrerequisiteState.NOT_BACKPORTED, mergedElsewhere, mergedElsewhere);
    }
    return unmergedElsewhere(facts);
  }

  private static PrerequisiteStatus unmergedElsewhere(PrerequisiteFacts facts) {
    Optional<Candidate> open = find(facts, c -> c.status() == OPEN);
    if (open.isPresent()) {
      return status(facts, PrerequisiteState.OPEN_ELSEWHERE, open, Optional.empty());
    }
    Optional<Candidate> abandoned = find(facts, c -> c.status() == ABANDONED);
    if (abandoned.isPresent()) {
      return status(facts, PrerequisiteState.ABANDONED_ELSEWHERE, abandoned, Optional.empty());
    }
    return PrerequisiteStatus.notFound();
  }

  private static Optional<Candidate> find(PrerequisiteFacts facts, Predicate<Candidate> p) {
    return facts.candidates().stream().filter(p).min(ORIGINAL_FIRST);
  }

  private static PrerequisiteStatus status(
      PrerequisiteFacts facts,
      PrerequisiteState state,
      Optional<Candidate> change,
      Optional<Candidate> cherryPickSource) {
    return new PrerequisiteStatus(
        state,
        Optional.of(facts.project()),
        change,
        cherryPickSource,
        Optional.empty(),
        !facts.branchExists(),
        Optional.of(facts.changeId()),
        Optional.empty(),
        Optional.empty());
  }
}
