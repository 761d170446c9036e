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

package com.googlesource.gerrit.plugins.backportguard.verdict;

import com.google.common.collect.ImmutableList;
import com.googlesource.gerrit.plugins.backportguard.parse.UnreadableLine;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResult;

/** Verdicts for the wording tests: no chain, nothing over the limit. */
final class Verdicts {
  private Verdicts() {}

  static Verdict of(
      String project,
      String targetBranch,
      ImmutableList<DependencyResult> results,
      ImmutableList<UnreadableLine> unreadable,
      boolean blockOnUnknown) {
    return new Verdict(
        project,
        targetBranch,
        results,
        unreadable,
        blockOnUnknown,
        Chain.none(new Chain.Node(project, "")),
        ImmutableList.of(),
        Integer.MAX_VALUE);
  }
}
