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

package com.googlesource.gerrit.plugins.backportguard.check;

import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationReport;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationReport.Result;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Counts what a run of checks did, for the command's last line and the sweep's log line. */
public final class CheckTally {
  private final Map<Result, Integer> results = new EnumMap<>(Result.class);
  private int failed;
  private int unfinished;
  private int indexQueries;

  public void add(EvaluationReport report) {
    results.merge(report.result(), 1, Integer::sum);
    indexQueries += report.indexQueries();
  }

  /** A check that failed for good; the reason is in the error log. */
  public void addFailed() {
    failed++;
  }

  /** A check still queued or running when the caller stopped waiting. */
  public void addUnfinished() {
    unfinished++;
  }

  public int count(Result result) {
    return results.getOrDefault(result, 0);
  }

  public int failed() {
    return failed;
  }

  public int unfinished() {
    return unfinished;
  }

  public int total() {
    return results.values().stream().mapToInt(Integer::intValue).sum() + failed + unfinished;
  }

  /**
   * For example {@code checked 3 changes: 1 updated, 1 unchanged, 1 skipped, 0 not posted, 0
   * failed, 0 unfinished; 2 index queries, 0.8 s}.
   */
  public String summary(Duration elapsed) {
    int total = total();
    return String.format(
        Locale.ROOT,
        "checked %d %s: %d updated, %d unchanged, %d skipped, %d not posted, %d failed,"
            + " %d unfinished; %d index %s, %.1f s",
        total,
        total == 1 ? "change" : "changes",
        count(Result.UPDATED),
        count(Result.UNCHANGED),
        count(Result.SKIPPED),
        count(Result.NOT_POSTED),
        failed,
        unfinished,
        indexQueries,
        indexQueries == 1 ? "query" : "queries",
        elapsed.toMillis() / 1000.0);
  }
}
