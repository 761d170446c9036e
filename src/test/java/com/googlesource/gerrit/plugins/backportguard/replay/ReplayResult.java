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
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Multiset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One offered commit: what was expected, what the plugin reported, where they disagree, and what it
 * cost.
 *
 * @param project the project
 * @param branch the short name of the branch it was offered on
 * @param commit the original commit
 * @param kind a backport, or a master commit offered on a branch cut at its parent
 * @param change the change number Gerrit gave it
 * @param expected the expected verdict
 * @param reported what the plugin reported
 * @param disagreements why the two differ; empty when they agree
 * @param pushMillis the push to {@code refs/for/} of the commit, which queues the check
 * @param checkMillis from the end of that push until the plugin's queue was idle again
 * @param resolverQueries index queries the plugin's dependency resolution made during the check
 * @param recheckQueries index queries the plugin made looking for changes that depend on the new
 *     change or on the commits that reached a branch
 * @param otherQueries index queries Gerrit made on the plugin's thread, posting the verdict
 * @param history the commits reachable from the branch: what a walk of it reads at most
 * @param walkMillis a walk of all of them, reading each Change-Id, as the plugin walks a branch
 *     that lacks a prerequisite; measured after the check, for changes with Depends-On only
 */
public record ReplayResult(
    String project,
    String branch,
    HistoryCommit commit,
    Kind kind,
    int change,
    ExpectedVerdicts.Expectation expected,
    ReportedVerdict reported,
    ImmutableList<String> disagreements,
    long pushMillis,
    long checkMillis,
    long resolverQueries,
    long recheckQueries,
    long otherQueries,
    int history,
    long walkMillis) {

  /** Why a commit was offered. */
  public enum Kind {
    BACKPORT,
    MASTER_DEPENDENT
  }

  public boolean declares() {
    return !expected.footers().isEmpty() || !expected.judged();
  }

  public boolean agrees() {
    return disagreements.isEmpty();
  }

  /**
   * Where the plugin's report differs from the expected verdict; nothing for a commit the
   * expectation does not judge.
   */
  static ImmutableList<String> compare(
      ExpectedVerdicts.Expectation expected, ReportedVerdict reported) {
    List<String> out = new ArrayList<>();
    if (!expected.judged()) {
      return ImmutableList.of();
    }
    if (expected.comment() != reported.comment().isPresent()) {
      out.add(
          expected.comment()
              ? "the plugin did not comment"
              : "the plugin commented: " + reported.comment().get().lines().findFirst().orElse(""));
    }
    if (expected.vote() != reported.vote()) {
      out.add("the plugin voted " + reported.vote() + ", expected " + expected.vote());
    }
    if (!expected.modelled()) {
      return ImmutableList.copyOf(out);
    }
    Map<String, Multiset<ReportedState>> byValue = new LinkedHashMap<>();
    Map<String, String> why = new LinkedHashMap<>();
    int expectedStates = 0;
    for (ExpectedVerdicts.Footer f : expected.footers()) {
      byValue.computeIfAbsent(f.value().strip(), v -> HashMultiset.create()).addAll(f.states());
      why.merge(f.value().strip(), f.why(), (a, b) -> a.equals(b) ? a : a + "; " + b);
      expectedStates += f.states().size();
    }
    for (Map.Entry<String, Multiset<ReportedState>> e : byValue.entrySet()) {
      Multiset<ReportedState> got = HashMultiset.create(reported.statesOf(e.getKey()));
      if (!got.equals(e.getValue())) {
        out.add(
            String.format(
                "Depends-On: %s: the plugin reports %s, expected %s (%s)",
                e.getKey(), got, e.getValue(), why.get(e.getKey())));
      }
    }
    if (reported.states().size() != expectedStates) {
      out.add(
          String.format(
              "the plugin reports %d prerequisite states, expected %d",
              reported.states().size(), expectedStates));
    }
    return ImmutableList.copyOf(out);
  }
}
