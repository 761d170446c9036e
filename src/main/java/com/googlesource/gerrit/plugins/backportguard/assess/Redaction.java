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

package com.googlesource.gerrit.plugins.backportguard.assess;

import com.google.common.collect.ImmutableList;
import com.googlesource.gerrit.plugins.backportguard.resolve.Candidate;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResult;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteStatus;
import com.googlesource.gerrit.plugins.backportguard.verdict.Verdict;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Leaves out of a verdict what a viewer cannot read. Pure.
 *
 * <p>A prerequisite that names a change, commit or branch the viewer cannot read becomes a nameless
 * "not found", as the comment shows what is not visible to every reader. If the chain of
 * prerequisites names any such one, the chain is left out whole: its paths would tell that
 * something stands between the named ones. Of a prerequisite that is named, only the copies the
 * viewer can read are named (a copy says nothing of the prerequisite's state on the target branch,
 * so leaving one out changes nothing else).
 */
public final class Redaction {
  /**
   * The verdict as the viewer may see it.
   *
   * @param verdict the verdict, with what the viewer cannot read left out
   * @param withheld how many prerequisites (declared ones, and ones further down the chain; each
   *     counted once) were left out
   */
  public record Result(Verdict verdict, int withheld) {}

  private Redaction() {}

  public static Result apply(Verdict verdict, Viewer viewer) {
    if (viewer.isReadersOfChange()) {
      return new Result(verdict, 0);
    }
    Set<Object> withheld = new HashSet<>();
    ImmutableList.Builder<DependencyResult> results = ImmutableList.builder();
    for (DependencyResult r : verdict.results()) {
      ImmutableList.Builder<PrerequisiteStatus> statuses = ImmutableList.builder();
      for (PrerequisiteStatus s : r.prerequisites()) {
        if (readable(verdict, s, viewer)) {
          statuses.add(readableCopies(s, viewer));
        } else {
          statuses.add(PrerequisiteStatus.notFound());
          withheld.add(key(s));
        }
      }
      results.add(new DependencyResult(r.dependency(), statuses.build()));
    }
    Chain full = verdict.chain();
    List<Node> hiddenInChain =
        full.statuses().entrySet().stream()
            .filter(e -> !e.getKey().equals(full.root()))
            .filter(e -> !readable(verdict, e.getValue(), viewer))
            .map(Map.Entry::getKey)
            .toList();
    Chain chain;
    if (!hiddenInChain.isEmpty() || namesNodeWithoutStatus(full)) {
      withheld.addAll(hiddenInChain);
      chain = Chain.none(full.root());
    } else {
      chain = withReadableCopies(full, viewer);
    }
    return new Result(
        new Verdict(
            verdict.project(),
            verdict.targetBranch(),
            results.build(),
            verdict.unreadable(),
            verdict.blockOnUnknown(),
            chain,
            verdict.overLimit(),
            verdict.maxDependencies()),
        withheld.size());
  }

  /** The status with only the copies the viewer can read. */
  private static PrerequisiteStatus readableCopies(PrerequisiteStatus s, Viewer viewer) {
    ImmutableList<Candidate> copies =
        s.copies().stream()
            .filter(c -> viewer.canRead(c.project(), c.branch()))
            .collect(ImmutableList.toImmutableList());
    return copies.size() == s.copies().size() ? s : s.withCopies(copies);
  }

  private static Chain withReadableCopies(Chain chain, Viewer viewer) {
    return chain.withStatuses((n, s) -> readableCopies(s, viewer));
  }

  /** The same prerequisite, declared and further down the chain, is counted once. */
  private static Object key(PrerequisiteStatus s) {
    return s.project().isPresent() && s.changeId().isPresent()
        ? new Node(s.project().get(), s.changeId().get())
        : s;
  }

  /** Whether the viewer can read everything the status names. */
  static boolean readable(Verdict verdict, PrerequisiteStatus s, Viewer viewer) {
    if (!readable(s.change(), viewer)
        || !readable(s.cherryPickSource(), viewer)
        || !readable(s.revertedBy(), viewer)) {
      return false;
    }
    // A pushed commit, or a project named without a change: on the target branch of the project.
    return s.project().isEmpty()
        || s.change().isPresent()
        || viewer.canRead(s.project().get(), verdict.targetBranch());
  }

  private static boolean readable(Optional<Candidate> c, Viewer viewer) {
    return c.isEmpty() || viewer.canRead(c.get().project(), c.get().branch());
  }

  /** Whether the chain names a change by its Change-Id only, which cannot be tested. */
  private static boolean namesNodeWithoutStatus(Chain chain) {
    for (Map.Entry<Node, ImmutableList<Node>> e : chain.needs().entrySet()) {
      if (!known(chain, e.getKey()) || !e.getValue().stream().allMatch(n -> known(chain, n))) {
        return true;
      }
    }
    return !chain.landingOrder().stream().allMatch(n -> known(chain, n))
        || !chain.cycle().map(c -> c.stream().allMatch(n -> known(chain, n))).orElse(true);
  }

  private static boolean known(Chain chain, Node n) {
    return n.equals(chain.root()) || chain.statuses().containsKey(n);
  }
}
