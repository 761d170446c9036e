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

package com.googlesource.gerrit.plugins.backportguard.requirement;

import com.google.gerrit.server.query.change.ChangeData;
import com.google.gerrit.server.query.change.SubmitRequirementPredicate;

/**
 * {@code has:prerequisites-merged_<plugin>}: matches a change whose declared prerequisites are all
 * merged on its branch, or that the plugin does not check. For submit requirements only: Gerrit
 * refuses it in searches, where it would resolve every change listed (the plugin's own search
 * operators answer from what it last decided).
 */
final class PrerequisitesMergedPredicate extends SubmitRequirementPredicate {
  private final PrerequisitesMergedCheck check;

  /**
   * The last change asked about and its answer. Gerrit parses an expression anew for each
   * evaluation and then matches the tree and each of its nodes again to report which atoms passed:
   * within one such evaluation the same change is asked about twice, with nothing changed between.
   */
  private ChangeData lastChange;

  private boolean lastAnswer;

  PrerequisitesMergedPredicate(String value, PrerequisitesMergedCheck check) {
    super("has", value);
    this.check = check;
  }

  @Override
  public synchronized boolean match(ChangeData cd) {
    if (cd != lastChange) {
      lastAnswer = check.check(cd).satisfied();
      lastChange = cd;
    }
    return lastAnswer;
  }

  /** Index queries and git reads: after every cheap operand of an expression. */
  @Override
  public int getCost() {
    return 10;
  }
}
