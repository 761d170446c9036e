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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The verdict expected on an offered commit, worked out from the commit graphs, what the replay
 * loaded, and {@link FooterReader}: never from the plugin's parser, JGit's footer parser or
 * Gerrit's index. A bare Change-Id names one prerequisite in each project where a change carries it
 * (a commit that was offered for review), or, when no change does, in the commit's own project.
 * There it is satisfied when a commit carrying it, reviewed or pushed directly, is reachable from
 * the branch the commit is offered on (in its own project: from the commit's parent); in a project
 * without that branch, when a change carrying it is merged on any branch. It is not found when no
 * change carries it and no commit on the branch does.
 */
public final class ExpectedVerdicts {
  /**
   * The expectation for one Depends-On footer.
   *
   * @param value the footer's value
   * @param states one state per project where it names a prerequisite; empty if not modelled
   * @param why how the states were found, for the disagreement list
   */
  public record Footer(String value, ImmutableList<ReportedState> states, String why) {}

  /**
   * @param comment whether the plugin should comment at all
   * @param vote the vote expected from the plugin, 0 for none
   * @param footers one expectation per Depends-On footer the reader finds
   * @param modelled false when a footer is something this rule cannot judge (a change number, a
   *     link, the commit's own Change-Id); only the comment and vote of such commits are compared
   * @param unjudged why the plugin may quote a line back that the reader does not model; such
   *     commits are listed, not compared
   */
  public record Expectation(
      boolean comment,
      int vote,
      ImmutableList<Footer> footers,
      boolean modelled,
      ImmutableList<String> unjudged) {
    public boolean judged() {
      return unjudged.isEmpty();
    }
  }

  private final ChangeIdIndex ids;

  public ExpectedVerdicts(ChangeIdIndex ids) {
    this.ids = ids;
  }

  /**
   * @param graph the offered commit's history
   * @param commit the offered commit
   * @param branch the short name of the branch it is offered on
   * @param loaded what is in Gerrit at that time; the offered branch points to the commit's parent
   */
  public Expectation expect(CommitGraph graph, int commit, String branch, LoadedRefs loaded) {
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
      Footer f = footer(graph.history().project(), value, id.get(), branch, loaded);
      missing |= f.states().contains(ReportedState.MISSING);
      footers.add(f);
    }
    return new Expectation(
        !values.isEmpty(),
        missing ? -1 : 0,
        footers.build(),
        modelled,
        FooterReader.unjudged(c.message()));
  }

  private Footer footer(
      String ownProject, String value, String id, String branch, LoadedRefs loaded) {
    if (ids.matching(id).size() > 1) {
      return new Footer(value, ImmutableList.of(ReportedState.UNCHECKED), "ambiguous abbreviation");
    }
    ImmutableList<ChangeIdIndex.Carrier> carriers = ids.carriers(id);
    // The projects where a change carries it, in name order; else the commit's own project.
    Set<String> projects = new TreeSet<>();
    for (ChangeIdIndex.Carrier carrier : carriers) {
      if (loaded.isOffered(carrier.project(), carrier.commit())) {
        projects.add(carrier.project());
      }
    }
    boolean anyChange = !projects.isEmpty();
    if (!anyChange) {
      projects.add(ownProject);
    }
    ImmutableList.Builder<ReportedState> states = ImmutableList.builder();
    Map<String, String> where = new TreeMap<>();
    for (String project : projects) {
      Map<String, Integer> branches = loaded.branches(project);
      Integer tip = branches.get(branch);
      int[] tips = branches.values().stream().mapToInt(Integer::intValue).toArray();
      boolean satisfied = false;
      String seen = "no commit on " + branch + " carries it";
      for (ChangeIdIndex.Carrier carrier : carriers) {
        if (!carrier.project().equals(project)) {
          continue;
        }
        CommitGraph g = carrier.graph();
        String sha = g.commit(carrier.commit()).shortSha();
        boolean change = loaded.isOffered(project, carrier.commit());
        if (tip != null && g.ancestors(tip).get(carrier.commit())) {
          satisfied = true;
          seen =
              sha + (change ? " (a change)" : " (pushed directly)") + " reachable from " + branch;
          break;
        }
        if (tip == null && change && g.ancestors(tips).get(carrier.commit())) {
          satisfied = true;
          seen = sha + " merged, no branch " + branch;
          break;
        }
        if (change) {
          seen = sha + " not reachable from " + branch;
        }
      }
      where.put(project, seen);
      if (satisfied) {
        states.add(ReportedState.OK);
      } else if (anyChange) {
        states.add(ReportedState.MISSING);
      } else {
        return new Footer(
            value,
            ImmutableList.of(ReportedState.UNCHECKED),
            "no change carries it, nor a commit on " + branch);
      }
    }
    return new Footer(value, states.build(), where.toString());
  }
}
