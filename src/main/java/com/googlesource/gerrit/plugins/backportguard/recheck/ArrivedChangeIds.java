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
package com.googlesource.gerrit.plugins.backportguard.recheck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Change-Ids of the commits that reached a branch, collected within bounds as the walk reads
 * the commits. A {@code Change-Id:} line that is not a Change-Id (empty, garbage, a second line) is
 * skipped, never failing the rest: only valid Change-Ids are looked up.
 */
final class ArrivedChangeIds {
  /** The most commits read from one update of a branch. */
  static final int MAX_COMMITS = 10_000;

  /**
   * The most Change-Ids looked up for one update of a branch: each costs some 70 terms of the index
   * queries that find its dependents (every abbreviation a declaration may use).
   */
  static final int MAX_CHANGE_IDS = 1_000;

  private static final Pattern CHANGE_ID = Pattern.compile("[Ii][0-9a-fA-F]{40}");

  private final int maxCommits;
  private final int maxChangeIds;
  private final Map<String, String> changeIdByCommit = new LinkedHashMap<>();
  private int commits;
  private int malformed;
  private boolean cut;

  ArrivedChangeIds() {
    this(MAX_COMMITS, MAX_CHANGE_IDS);
  }

  ArrivedChangeIds(int maxCommits, int maxChangeIds) {
    this.maxCommits = maxCommits;
    this.maxChangeIds = maxChangeIds;
  }

  /**
   * Takes the Change-Id lines of the next commit of the walk.
   *
   * @return false once a bound is reached: the walk stops, and {@link #cut()} says so
   */
  boolean add(String commit, List<String> changeIdLines) {
    if (commits >= maxCommits) {
      cut = true;
      return false;
    }
    commits++;
    // Gerrit reads the last Change-Id line of a commit; take the last valid one.
    Optional<String> id = Optional.empty();
    for (String line : changeIdLines) {
      Optional<String> valid = normalize(line);
      if (valid.isPresent()) {
        id = valid;
      } else {
        malformed++;
      }
    }
    if (id.isEmpty()) {
      return true;
    }
    if (changeIdByCommit.size() >= maxChangeIds) {
      cut = true;
      return false;
    }
    changeIdByCommit.put(commit, id.get());
    return true;
  }

  /** A Change-Id as the plugin's parser writes it ({@code I} and 40 lower-case hex digits). */
  static Optional<String> normalize(String value) {
    String v = value.strip();
    return CHANGE_ID.matcher(v).matches()
        ? Optional.of("I" + v.substring(1).toLowerCase(Locale.ROOT))
        : Optional.empty();
  }

  /** The valid Change-Ids read, by commit. */
  Map<String, String> byCommit() {
    return changeIdByCommit;
  }

  /** How many commits were read. */
  int commits() {
    return commits;
  }

  /** How many Change-Id lines were not Change-Ids. */
  int malformed() {
    return malformed;
  }

  /** Whether a bound stopped the walk before the old tip. */
  boolean cut() {
    return cut;
  }
}
