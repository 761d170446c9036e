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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The verdict expected on an offered commit, worked out from the commit graphs and JGit's footer
 * parser only, never from the plugin or Gerrit's index: a prerequisite is satisfied when a commit
 * carrying its Change-Id is reachable from the branch the commit is offered on (in its own project:
 * from the commit's parent); it is not found when no loaded commit carries its Change-Id.
 */
public final class ExpectedVerdicts {
  /**
   * The expectation for one Depends-On footer.
   *
   * @param value the footer's value
   * @param states one state per project that has a commit carrying the Change-Id; empty if not
   *     modelled
   * @param why how the states were found, for the disagreement list
   */
  public record Footer(String value, ImmutableList<ReportedState> states, String why) {}

  /**
   * @param comment whether the plugin should comment at all
   * @param vote the vote expected from the plugin, 0 for none
   * @param footers one expectation per Depends-On footer JGit reads
   * @param modelled false when a footer is something this rule cannot judge (a change number, a
   *     link, the commit's own Change-Id); such commits are listed, not compared
   */
  public record Expectation(
      boolean comment, int vote, ImmutableList<Footer> footers, boolean modelled) {}

  private final ChangeIdIndex ids;

  public ExpectedVerdicts(ChangeIdIndex ids) {
    this.ids = ids;
  }

  /**
   * @param graph the offered commit's history
   * @param commit the offered commit
   * @param branch the short name of the branch it is offered on
   * @param loaded what is in Gerrit at that time; the offered branch points to the commit's parent
   * @param reportsLines whether the commit has footer lines the plugin reports as not understood
   */
  public Expectation expect(
      CommitGraph graph, int commit, String branch, LoadedRefs loaded, boolean reportsLines) {
    HistoryCommit c = graph.commit(commit);
    List<String> values = ChangeIdIndex.dependsOn(c);
    ImmutableList<String> own = ChangeIdIndex.changeIdsOf(c);
    ImmutableList.Builder<Footer> footers = ImmutableList.builder();
    boolean modelled = true;
    boolean missing = false;
    for (String value : values) {
      Optional<String> id = ChangeIdIndex.changeId(value);
      if (id.isEmpty() || own.stream().anyMatch(o -> o.startsWith(id.get()))) {
        modelled = false;
        footers.add(new Footer(value, ImmutableList.of(), "not a Change-Id of another commit"));
        continue;
      }
      Footer f = footer(value, id.get(), branch, loaded);
      missing |= f.states().contains(ReportedState.MISSING);
      footers.add(f);
    }
    return new Expectation(
        !values.isEmpty() || reportsLines, missing ? -1 : 0, footers.build(), modelled);
  }

  private Footer footer(String value, String id, String branch, LoadedRefs loaded) {
    if (ids.matching(id).size() > 1) {
      return new Footer(value, ImmutableList.of(ReportedState.UNCHECKED), "ambiguous abbreviation");
    }
    // One state per project carrying the Change-Id, in name order.
    Map<String, Boolean> satisfied = new TreeMap<>();
    Map<String, String> where = new TreeMap<>();
    for (ChangeIdIndex.Carrier carrier : ids.carriers(id)) {
      Map<String, Integer> branches = loaded.branches(carrier.project());
      CommitGraph g = carrier.graph();
      boolean inBranches =
          g.ancestors(branches.values().stream().mapToInt(Integer::intValue).toArray())
              .get(carrier.commit());
      if (!inBranches && !loaded.isOffered(carrier.project(), carrier.commit())) {
        // Not in Gerrit (yet).
        continue;
      }
      Integer tip = branches.get(branch);
      // A project without the branch: merged on any branch counts.
      boolean reachable = tip != null ? g.ancestors(tip).get(carrier.commit()) : inBranches;
      satisfied.merge(carrier.project(), reachable, Boolean::logicalOr);
      String sha = g.commit(carrier.commit()).shortSha();
      if (reachable) {
        where.put(
            carrier.project(),
            sha + (tip != null ? " reachable from " + branch : " merged, no branch " + branch));
      } else {
        where.putIfAbsent(carrier.project(), sha + " not reachable from " + branch);
      }
    }
    if (satisfied.isEmpty()) {
      return new Footer(
          value, ImmutableList.of(ReportedState.UNCHECKED), "no loaded commit carries it");
    }
    ImmutableList<ReportedState> states =
        satisfied.values().stream()
            .map(s -> s ? ReportedState.OK : ReportedState.MISSING)
            .collect(ImmutableList.toImmutableList());
    return new Footer(value, states, where.toString());
  }
}
