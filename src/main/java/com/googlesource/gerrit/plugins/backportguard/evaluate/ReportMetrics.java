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

import com.googlesource.gerrit.plugins.backportguard.metrics.BackportGuardMetrics;

/** Records what an evaluation did in the plugin's metrics. */
final class ReportMetrics {
  private ReportMetrics() {}

  /** Records the report; returns it, for the queue to hand to its callers. */
  static EvaluationReport record(BackportGuardMetrics metrics, EvaluationReport report) {
    metrics.evaluated(
        result(report.result()), report.elapsed(), report.indexQueries(), report.objectsRead());
    if (report.result() == EvaluationReport.Result.UNCHANGED) {
      metrics.postSkippedUnchanged();
    }
    return report;
  }

  /** A switch expression: a new result does not compile until it has its metric. */
  static BackportGuardMetrics.Result result(EvaluationReport.Result result) {
    return switch (result) {
      case SKIPPED -> BackportGuardMetrics.Result.SKIPPED;
      case UNCHANGED -> BackportGuardMetrics.Result.UNCHANGED;
      case UPDATED -> BackportGuardMetrics.Result.UPDATED;
      case NOT_POSTED -> BackportGuardMetrics.Result.NOT_POSTED;
    };
  }
}
