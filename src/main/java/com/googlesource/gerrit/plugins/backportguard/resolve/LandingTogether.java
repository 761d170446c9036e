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
import com.google.gerrit.extensions.common.ChangeInfo;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Prerequisites that Gerrit submits in the same submission as the checked change (an open ancestor
 * of its patch set, or a change of its topic on a site that submits whole topics) count as
 * satisfied, unless something they need, further down the chain, is missing on the branch: landing
 * together does not bring that along.
 */
public final class LandingTogether {
  private LandingTogether() {}

  /** Whether a change's commit is in the history of the checked patch set; may read git. */
  @FunctionalInterface
  public interface Ancestry {
    boolean isAncestor(ChangeInfo change) throws IOException;
  }

  /**
   * Why each change Gerrit submits together with the checked change lands with it: as an ancestor
   * of its patch set (a change of its project whose commit the patch set contains), or as a member
   * of its topic. Any other way in (an ancestor of a topic member, or an outdated patch set, which
   * Gerrit then refuses to submit) does not count, the safe side.
   *
   * @param together what Gerrit answered, the checked change included
   * @param selfNumber the checked change's number
   * @param selfProject the checked change's project
   */
  public static ImmutableMap<Integer, PrerequisiteState> reasons(
      List<ChangeInfo> together, int selfNumber, String selfProject, Ancestry ancestry)
      throws IOException {
    Optional<String> topic =
        together.stream()
            .filter(c -> c._number == selfNumber)
            .findFirst()
            .map(c -> c.topic)
            .filter(t -> !t.isEmpty());
    ImmutableMap.Builder<Integer, PrerequisiteState> out = ImmutableMap.builder();
    for (ChangeInfo c : together) {
      if (c._number == selfNumber) {
        continue;
      }
      if (c.project.equals(selfProject) && c.currentRevision != null && ancestry.isAncestor(c)) {
        out.put(c._number, PrerequisiteState.LANDS_AS_ANCESTOR);
      } else if (topic.isPresent() && topic.get().equals(c.topic)) {
        out.put(c._number, PrerequisiteState.LANDS_WITH_TOPIC);
      }
    }
    return out.buildKeepingLast();
  }

  /**
   * The state of an open prerequisite on the branch, given what lands together with the change.
   *
   * @param status the prerequisite's status as the branch alone decides it
   * @param together the changes submitted together with the checked change, by number, each with
   *     the state that says why
   */
  public static PrerequisiteStatus apply(
      PrerequisiteStatus status, Map<Integer, PrerequisiteState> together) {
    if (status.state() != PrerequisiteState.OPEN_ON_BRANCH || status.change().isEmpty()) {
      return status;
    }
    PrerequisiteState why = together.get(status.change().get().number());
    return why == null ? status : withState(status, why);
  }

  /**
   * The prerequisites in the chain that land together with the change but need something below them
   * that is not on the branch (or that the check could not follow to its end): they block.
   */
  public static ImmutableSet<Node> blocked(Chain chain) {
    ImmutableSet.Builder<Node> out = ImmutableSet.builder();
    for (Map.Entry<Node, PrerequisiteStatus> e : chain.statuses().entrySet()) {
      if (e.getValue().state().landsTogether() && missesSomethingBelow(chain, e.getKey())) {
        out.add(e.getKey());
      }
    }
    return out.build();
  }

  /** The chain with the blocked landing-together prerequisites open on the branch again. */
  public static Chain demote(Chain chain, ImmutableSet<Node> blocked) {
    if (blocked.isEmpty()) {
      return chain;
    }
    return chain.withStatuses((n, s) -> blocked.contains(n) ? reopen(s) : s);
  }

  /** A landing-together status back to the open-on-branch state that blocks. */
  public static PrerequisiteStatus reopen(PrerequisiteStatus s) {
    return s.state().landsTogether() ? withState(s, PrerequisiteState.OPEN_ON_BRANCH) : s;
  }

  private static boolean missesSomethingBelow(Chain chain, Node start) {
    Deque<Node> todo = new ArrayDeque<>();
    Set<Node> seen = new HashSet<>();
    todo.add(start);
    while (!todo.isEmpty()) {
      Node n = todo.remove();
      if (!seen.add(n)) {
        continue;
      }
      if (n.equals(chain.root())
          || chain.cut().contains(n)
          || chain.trimmed().containsKey(n)
          || chain.tooWide().contains(n)
          || chain.overBudget().containsKey(n)) {
        // Back to the change itself (a cycle), or not followed to its end: the safe side.
        return true;
      }
      PrerequisiteStatus s = chain.statuses().get(n);
      if (s == null || !s.state().landsTogether()) {
        return true;
      }
      todo.addAll(chain.needs().getOrDefault(n, ImmutableList.of()));
    }
    return false;
  }

  private static PrerequisiteStatus withState(PrerequisiteStatus s, PrerequisiteState state) {
    return new PrerequisiteStatus(
        state,
        s.project(),
        s.change(),
        s.cherryPickSource(),
        s.pushedCommit(),
        s.noSuchBranch(),
        s.changeId(),
        s.revertedBy(),
        s.bound(),
        s.copies());
  }
}
