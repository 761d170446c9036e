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

package com.googlesource.gerrit.plugins.backportguard.evaluate;

import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.googlesource.gerrit.plugins.backportguard.store.Outcomes;
import java.time.Duration;
import java.util.Optional;

/**
 * What one evaluation of a change did, for the {@code check} command and the benchmark.
 *
 * @param project the change's project
 * @param change the change
 * @param result what happened
 * @param detail why a change was skipped, or what the plugin could not do
 * @param voteBefore the plugin's vote before the evaluation
 * @param voteAfter the plugin's vote after it
 * @param commentPosted whether a new comment was posted
 * @param indexQueries how many index queries the evaluation made
 * @param objectsRead how many git objects it read
 * @param elapsed how long it took
 * @param decision what the plugin decided about the patch set, when it got that far
 */
public record EvaluationReport(
    Project.NameKey project,
    Change.Id change,
    Result result,
    String detail,
    int voteBefore,
    int voteAfter,
    boolean commentPosted,
    int indexQueries,
    int objectsRead,
    Duration elapsed,
    Optional<Decision> decision) {
  /**
   * What the plugin decided about a patch set, whether or not it could post it; kept by the verdict
   * store for listings and search.
   *
   * @param patchSet the patch set checked
   * @param outcome the outcome keyword ({@code store.Outcomes})
   * @param vote the vote the outcome asks for
   * @param missing how many declared prerequisites are not merged on the target branch
   */
  public record Decision(int patchSet, String outcome, int vote, int missing) {
    /**
     * The plugin no longer stands by its last decision (it took its vote back, or no longer checks
     * the change): the store forgets it, so the change reads as {@code unknown}.
     */
    static Decision withdrawn() {
      return new Decision(0, Outcomes.UNKNOWN, 0, 0);
    }

    public boolean isWithdrawn() {
      return outcome.equals(Outcomes.UNKNOWN);
    }
  }

  public EvaluationReport(
      Project.NameKey project,
      Change.Id change,
      Result result,
      String detail,
      int voteBefore,
      int voteAfter,
      boolean commentPosted,
      int indexQueries,
      Duration elapsed) {
    this(
        project,
        change,
        result,
        detail,
        voteBefore,
        voteAfter,
        commentPosted,
        indexQueries,
        0,
        elapsed,
        Optional.empty());
  }

  /** What an evaluation did. */
  public enum Result {
    /** Nothing to check: the change is closed, private, not a backport or declares nothing. */
    SKIPPED,
    /** The vote and comment already said the truth. */
    UNCHANGED,
    /** The vote or the comment was brought up to date. */
    UPDATED,
    /** The plugin could not say anything; the reason is in the error log. */
    NOT_POSTED
  }

  static EvaluationReport skipped(Project.NameKey project, Change.Id change, String why) {
    return new EvaluationReport(
        project, change, Result.SKIPPED, why, 0, 0, false, 0, Duration.ZERO);
  }

  static EvaluationReport notPosted(Project.NameKey project, Change.Id change, String why) {
    return new EvaluationReport(
        project, change, Result.NOT_POSTED, why, 0, 0, false, 0, Duration.ZERO);
  }

  static EvaluationReport posted(
      Project.NameKey project, Change.Id change, int voteBefore, int voteAfter, boolean comment) {
    return new EvaluationReport(
        project,
        change,
        comment || voteBefore != voteAfter ? Result.UPDATED : Result.UNCHANGED,
        "",
        voteBefore,
        voteAfter,
        comment,
        0,
        Duration.ZERO);
  }

  EvaluationReport withCost(int indexQueries, int objectsRead, Duration elapsed) {
    return new EvaluationReport(
        project,
        change,
        result,
        detail,
        voteBefore,
        voteAfter,
        commentPosted,
        indexQueries,
        objectsRead,
        elapsed,
        decision);
  }

  EvaluationReport withDecision(Decision decision) {
    return new EvaluationReport(
        project,
        change,
        result,
        detail,
        voteBefore,
        voteAfter,
        commentPosted,
        indexQueries,
        objectsRead,
        elapsed,
        Optional.of(decision));
  }

  /** One line for a person reading the output of the {@code check} command. */
  public String describe() {
    String head = project.get() + " " + change.get() + ": ";
    return switch (result) {
      case SKIPPED -> head + "skipped (" + detail + ")";
      case UNCHANGED -> head + "unchanged, vote " + signed(voteAfter) + cost();
      case UPDATED ->
          head
              + (voteBefore != voteAfter
                  ? "vote " + signed(voteBefore) + " -> " + signed(voteAfter)
                  : "vote " + signed(voteAfter))
              + (commentPosted ? ", new comment" : "")
              + cost();
      case NOT_POSTED -> head + "not posted (" + detail + ")";
    };
  }

  /** What the check cost, for admins watching the load and for the benchmark. */
  private String cost() {
    return String.format(
        " (%d index %s, %d git %s read, %d ms)",
        indexQueries,
        indexQueries == 1 ? "query" : "queries",
        objectsRead,
        objectsRead == 1 ? "object" : "objects",
        elapsed.toMillis());
  }

  private static String signed(int vote) {
    return vote > 0 ? "+" + vote : Integer.toString(vote);
  }
}
