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

import com.google.common.collect.HashMultiset;
import com.google.common.collect.Multiset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/** Collects the replay's results and figures, and writes them as a Markdown report. */
public final class ReplayReport {
  /**
   * The load of one history.
   *
   * @param project the project
   * @param commits commits in the file
   * @param branches branches other than master
   * @param backports commits on those branches that master does not contain
   * @param direct of those, how many were loaded by direct push, for each reason
   * @param alreadyLoaded backports already in Gerrit from an earlier branch when another branch
   *     holding them was replayed
   * @param offered backports offered for review
   * @param reviewedOnMaster master commits named by a Depends-On, loaded as merged changes
   * @param mergedChanges changes Gerrit shows merged after the load of master
   * @param loadMillis building the commits and pushing master
   */
  public record Load(
      String project,
      int commits,
      int branches,
      int backports,
      Map<ReplayPlan.Direct, Integer> direct,
      int alreadyLoaded,
      int offered,
      int reviewedOnMaster,
      int mergedChanges,
      long loadMillis) {}

  private final String source;
  private final ReplayPlan.Scope scope;
  private final List<Load> loads = new ArrayList<>();
  private final List<ReplayResult> results = new ArrayList<>();
  private final List<String> refused = new ArrayList<>();
  private final List<String> memory = new ArrayList<>();
  private long totalMillis;
  private int branchPushes;
  private long branchPushMillis;

  /**
   * @param source the directory replayed
   * @param scope how many backports were offered
   */
  public ReplayReport(String source, ReplayPlan.Scope scope) {
    this.source = source;
    this.scope = scope;
  }

  public void load(Load load) {
    loads.add(load);
  }

  public void result(ReplayResult r) {
    results.add(r);
  }

  /** A commit Gerrit would not take for review, with its answer. */
  public void refused(String what) {
    refused.add(what);
  }

  public void memory(String line) {
    memory.add(line);
  }

  /** A direct push that moved branches after the load. */
  public void branchPush(long millis) {
    branchPushes++;
    branchPushMillis += millis;
  }

  public void totalMillis(long millis) {
    totalMillis = millis;
  }

  public List<ReplayResult> results() {
    return results;
  }

  public List<String> refused() {
    return refused;
  }

  public List<Load> loads() {
    return loads;
  }

  public List<ReplayResult> disagreements() {
    return results.stream().filter(r -> !r.agrees()).toList();
  }

  /** One line per disagreement: the commit, its branch and change, and how they differ. */
  public List<String> disagreementLines() {
    return disagreements().stream()
        .map(
            r ->
                String.format(
                    "%s %s on %s (change %d): %s",
                    r.project(),
                    r.commit().shortSha(),
                    r.branch(),
                    r.change(),
                    String.join("; ", r.disagreements())))
        .toList();
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("# Replay of ").append(source).append(" (").append(scope).append(")\n\n");
    out.append(
        "| project | commits | branches | backports | pushed directly | offered |"
            + " reviewed on master | merged changes | load s |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Load l : loads) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d | %d | %d | %d | %d | %.1f |%n",
              l.project(),
              l.commits(),
              l.branches(),
              l.backports(),
              l.direct().values().stream().mapToInt(Integer::intValue).sum(),
              l.offered(),
              l.reviewedOnMaster(),
              l.mergedChanges(),
              l.loadMillis() / 1000.0));
    }

    out.append("\n## Pushed directly, not offered for review\n\n");
    out.append(
        "What Gerrit would never have taken for review is loaded with its branch by direct push,"
            + " as history had it, and never compared. A commit on several branches is offered"
            + " on the first replayed only.\n\n");
    out.append("| project | why | commits |\n|---|---|---|\n");
    for (Load l : loads) {
      for (ReplayPlan.Direct d : ReplayPlan.Direct.values()) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %d |%n",
                l.project(),
                d.description(),
                l.direct().getOrDefault(d, 0)));
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | already in Gerrit from an earlier branch | %d |%n",
              l.project(),
              l.alreadyLoaded()));
    }

    out.append("\n## Verdicts\n\n");
    out.append(
        "| offered | commits | with Depends-On | agree | agreement |\n|---|---|---|---|---|\n");
    row(out, "backports", r -> r.kind() == ReplayResult.Kind.BACKPORT);
    row(
        out,
        "backports with Depends-On",
        r -> r.kind() == ReplayResult.Kind.BACKPORT && r.declares());
    row(out, "backports without", r -> r.kind() == ReplayResult.Kind.BACKPORT && !r.declares());
    for (Load l : loads) {
      row(
          out,
          "backports of " + l.project(),
          r -> r.kind() == ReplayResult.Kind.BACKPORT && r.project().equals(l.project()));
    }
    row(
        out,
        "master commits with in-repository prerequisites",
        r -> r.kind() == ReplayResult.Kind.MASTER_DEPENDENT);
    row(out, "all", r -> true);

    Multiset<ReportedState> expected = HashMultiset.create();
    Multiset<ReportedState> reported = HashMultiset.create();
    for (ReplayResult r : results) {
      r.expected().footers().forEach(f -> expected.addAll(f.states()));
      reported.addAll(r.reported().states().values());
    }
    out.append("\nPrerequisite states expected: ")
        .append(expected)
        .append("; reported by the plugin: ")
        .append(reported)
        .append(".\n");

    out.append("\n## Disagreements\n\n");
    List<ReplayResult> disagreements = disagreements();
    if (disagreements.isEmpty()) {
      out.append("None.\n");
    }
    disagreementLines().forEach(l -> out.append("* ").append(l).append('\n'));
    List<ReplayResult> unmodelled = results.stream().filter(r -> !r.expected().modelled()).toList();
    if (!unmodelled.isEmpty()) {
      out.append(
          "\nPrerequisites not judged, only the vote and whether it commented (a footer that is"
              + " not another commit's Change-Id):\n");
      unmodelled.forEach(
          r ->
              out.append("* ")
                  .append(r.project())
                  .append(' ')
                  .append(r.commit().shortSha())
                  .append('\n'));
    }
    List<ReplayResult> unjudged = results.stream().filter(r -> !r.expected().judged()).toList();
    out.append("\nNot judged at all (the plugin may quote a line back that the replay's reader")
        .append(" does not model): ")
        .append(unjudged.size())
        .append(unjudged.isEmpty() ? ".\n" : "\n");
    unjudged.forEach(
        r ->
            out.append(
                String.format(
                    "* %s %s: %s%n",
                    r.project(),
                    r.commit().shortSha(),
                    String.join("; ", r.expected().unjudged()))));
    if (!refused.isEmpty()) {
      out.append("\nRefused by Gerrit:\n");
      refused.forEach(r -> out.append("* ").append(r).append('\n'));
    }

    out.append(
        "\n## What the plugin said on the master commits with in-repository prerequisites\n");
    for (ReplayResult r : results) {
      if (r.kind() == ReplayResult.Kind.MASTER_DEPENDENT) {
        out.append(
            String.format(
                "%n%s %s on %s, vote %d:%n%n```%n%s%n```%n",
                r.project(),
                r.commit().shortSha(),
                r.branch(),
                r.reported().vote(),
                r.reported().comment().orElse("(no comment)")));
      }
    }

    out.append("\n## Cost\n\n");
    out.append(
        "| checks of | count | push ms (median / p95 / max) | push end to check done ms"
            + " (median / p95 / max) | index queries resolving (max / mean) | finding"
            + " dependents to re-check (max / mean) | by Gerrit posting the verdict (max / mean) |"
            + " commits under the branch (median / max) | full walk of them ms (median / max) |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    cost(out, "changes with Depends-On", ReplayResult::declares);
    cost(out, "changes without", r -> !r.declares());
    long offerMillis = results.stream().mapToLong(r -> r.pushMillis() + r.checkMillis()).sum();
    long loadMillis = loads.stream().mapToLong(Load::loadMillis).sum();
    out.append(
        String.format(
            Locale.ROOT,
            "%nWall time: %.1f s in all. Loading the histories and master: %.1f s. Branch moves"
                + " (direct pushes after the load): %d, %.1f s. %d offers: %.1f s from push to"
                + " verdict, %.0f ms each; %.0f ms each with the branch moves and reading the"
                + " verdict back.%n",
            totalMillis / 1000.0,
            loadMillis / 1000.0,
            branchPushes,
            branchPushMillis / 1000.0,
            results.size(),
            offerMillis / 1000.0,
            results.isEmpty() ? 0.0 : (double) offerMillis / results.size(),
            results.isEmpty() ? 0.0 : (double) (totalMillis - loadMillis) / results.size()));

    out.append("\n## Memory\n\n");
    memory.forEach(m -> out.append("* ").append(m).append('\n'));
    return out.toString();
  }

  private void row(StringBuilder out, String name, Predicate<ReplayResult> p) {
    List<ReplayResult> rs = results.stream().filter(p).toList();
    long agree = rs.stream().filter(ReplayResult::agrees).count();
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %d | %d | %d | %s |%n",
            name,
            rs.size(),
            rs.stream().filter(ReplayResult::declares).count(),
            agree,
            rs.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * agree / rs.size())));
  }

  private void cost(StringBuilder out, String name, Predicate<ReplayResult> p) {
    List<ReplayResult> rs = results.stream().filter(p).toList();
    if (rs.isEmpty()) {
      return;
    }
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %d | %s | %s | %d / %.2f | %d / %.2f | %d / %.2f | %d / %d | %d / %d |%n",
            name,
            rs.size(),
            spread(rs, ReplayResult::pushMillis),
            spread(rs, ReplayResult::checkMillis),
            max(rs, ReplayResult::resolverQueries),
            mean(rs, ReplayResult::resolverQueries),
            max(rs, ReplayResult::recheckQueries),
            mean(rs, ReplayResult::recheckQueries),
            max(rs, ReplayResult::otherQueries),
            mean(rs, ReplayResult::otherQueries),
            median(rs, ReplayResult::history),
            max(rs, ReplayResult::history),
            median(rs, ReplayResult::walkMillis),
            max(rs, ReplayResult::walkMillis)));
  }

  private static double mean(List<ReplayResult> rs, ToLongFunction<ReplayResult> f) {
    return rs.stream().mapToLong(f).average().orElse(0);
  }

  private static String spread(List<ReplayResult> rs, ToLongFunction<ReplayResult> f) {
    long[] v = rs.stream().mapToLong(f).sorted().toArray();
    return v[v.length / 2]
        + " / "
        + v[Math.min(v.length - 1, (int) (v.length * 0.95))]
        + " / "
        + v[v.length - 1];
  }

  private static long median(List<ReplayResult> rs, ToLongFunction<ReplayResult> f) {
    long[] v = rs.stream().mapToLong(f).sorted().toArray();
    return v[v.length / 2];
  }

  private static long max(List<ReplayResult> rs, ToLongFunction<ReplayResult> f) {
    return rs.stream().mapToLong(f).max().orElse(0);
  }
}
