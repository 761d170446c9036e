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

package com.googlesource.gerrit.plugins.backportguard.pick;

import com.google.common.collect.ImmutableList;
import com.googlesource.gerrit.plugins.backportguard.pick.PickPlan.Pick;
import com.googlesource.gerrit.plugins.backportguard.pick.PickPlan.Reason;
import com.googlesource.gerrit.plugins.backportguard.pick.PickPlan.Skip;
import com.googlesource.gerrit.plugins.backportguard.resolve.Candidate;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Turns the chain of a backport's unmerged prerequisites into the cherry-picks that bring them to
 * its branch. Pure: it decides on what the chain says, and makes nothing.
 *
 * <p>The order is the chain's landing order (a chain's deepest first, each prerequisite once
 * however many changes declare it). A pick is based on the previous pick in the same project, so
 * that the new changes form one relation chain and can be submitted in order; Gerrit cannot base a
 * change on a commit of another repository, so the first pick in each project starts at the tip of
 * the branch, and the picks' own {@code Depends-On} footers (kept by the cherry-pick) keep the
 * order across projects. The backport comes last: it is left as it is.
 */
public final class PickPlanner {
  private PickPlanner() {}

  /** The declarations form a cycle: no order exists in which they can land. */
  public static final class NoOrderException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ImmutableList<Node> cycle;

    NoOrderException(ImmutableList<Node> cycle, String path) {
      super(
          "the Depends-On declarations form a cycle, so no order exists in which the prerequisites"
              + " can land: "
              + path
              + ". Drop the Depends-On that closes the cycle first.");
      this.cycle = cycle;
    }

    public ImmutableList<Node> cycle() {
      return cycle;
    }
  }

  /**
   * The plan for a chain, as a caller who can read everything in it sees it.
   *
   * @param chain the backport's chain (its root is the backport)
   * @param branch the short name of the backport's branch
   * @throws NoOrderException when the declarations form a cycle
   */
  public static PickPlan plan(Chain chain, String branch) throws NoOrderException {
    return plan(chain, branch, s -> true);
  }

  /**
   * The plan for a chain, for a caller: a prerequisite the caller cannot read is neither picked nor
   * named, and neither is anything the chain reaches only through it (its place in the chain would
   * tell that something stands there). They are only counted.
   *
   * @param chain the backport's chain (its root is the backport)
   * @param branch the short name of the backport's branch
   * @param readable whether the caller can read everything a prerequisite's status names
   * @throws NoOrderException when the declarations form a cycle
   */
  public static PickPlan plan(Chain chain, String branch, Predicate<PrerequisiteStatus> readable)
      throws NoOrderException {
    Set<Node> seen = seen(chain, readable);
    if (chain.cycle().isPresent()) {
      ImmutableList<Node> cycle = chain.cycle().get();
      if (cycle.stream().allMatch(n -> n.equals(chain.root()) || seen.contains(n))) {
        throw new NoOrderException(
            cycle, cycle.stream().map(n -> describe(chain, n)).collect(Collectors.joining(" -> ")));
      }
      throw new NoOrderException(ImmutableList.of(), "through changes you cannot see");
    }
    List<Pick> picks = new ArrayList<>();
    List<Skip> skipped = new ArrayList<>();
    Map<String, Node> lastPickIn = new HashMap<>();
    for (Node n : chain.landingOrder()) {
      if (!seen.contains(n)) {
        continue;
      }
      PrerequisiteStatus s = chain.statuses().get(n);
      Optional<Reason> skip = reasonToSkip(s);
      if (skip.isPresent()) {
        skipped.add(new Skip(n, s.change(), skip.get()));
        continue;
      }
      Candidate source = s.cherryPickSource().get();
      ImmutableList<Node> neededBy =
          chain.neededBy(n).stream()
              .filter(x -> x.equals(chain.root()) || seen.contains(x))
              .collect(ImmutableList.toImmutableList());
      picks.add(new Pick(n, source, Optional.ofNullable(lastPickIn.get(n.project())), neededBy));
      lastPickIn.put(n.project(), n);
    }
    Set<Node> notFollowed = new LinkedHashSet<>();
    notFollowed.addAll(chain.cut());
    notFollowed.addAll(chain.trimmed().keySet());
    notFollowed.addAll(chain.tooWide());
    notFollowed.addAll(chain.overBudget().keySet());
    notFollowed.retainAll(seen);
    int withheld = (int) chain.statuses().keySet().stream().filter(n -> !seen.contains(n)).count();
    return new PickPlan(
        branch,
        ImmutableList.copyOf(picks),
        ImmutableList.copyOf(skipped),
        ImmutableList.copyOf(notFollowed),
        withheld);
  }

  /** The prerequisites the caller can read and reaches from the backport through readable ones. */
  private static Set<Node> seen(Chain chain, Predicate<PrerequisiteStatus> readable) {
    Set<Node> seen = new HashSet<>();
    Deque<Node> todo = new ArrayDeque<>();
    todo.add(chain.root());
    while (!todo.isEmpty()) {
      for (Node next : chain.needs().getOrDefault(todo.poll(), ImmutableList.of())) {
        PrerequisiteStatus s = chain.statuses().get(next);
        if (s != null && readable.test(s) && seen.add(next)) {
          todo.add(next);
        }
      }
    }
    return seen;
  }

  /** Empty when the prerequisite is to be picked: merged elsewhere, missing on the branch. */
  private static Optional<Reason> reasonToSkip(PrerequisiteStatus s) {
    switch (s.state()) {
      case NOT_BACKPORTED:
        return s.cherryPickSource().isPresent() ? Optional.empty() : Optional.of(Reason.NOT_MERGED);
      case OPEN_ON_BRANCH:
        return Optional.of(Reason.OPEN_ON_BRANCH);
      case LANDS_AS_ANCESTOR:
      case LANDS_WITH_TOPIC:
        return Optional.of(Reason.LANDS_TOGETHER);
      case ABANDONED_ON_BRANCH:
        return Optional.of(Reason.ABANDONED_ON_BRANCH);
      case REVERTED_ON_BRANCH:
        return Optional.of(Reason.REVERTED_ON_BRANCH);
      case ABANDONED_ELSEWHERE:
        return Optional.of(Reason.ABANDONED);
      default:
        return Optional.of(Reason.NOT_MERGED);
    }
  }

  /** A node as the caller reads it: the backport, a change by number, or a Change-Id. */
  static String describe(Chain chain, Node n) {
    if (n.equals(chain.root())) {
      return "the backport";
    }
    PrerequisiteStatus s = chain.statuses().get(n);
    Optional<Candidate> c = s == null ? Optional.empty() : s.change();
    return c.map(x -> "change " + x.number() + " in " + x.project())
        .orElse(n.changeId() + " in " + n.project());
  }
}
