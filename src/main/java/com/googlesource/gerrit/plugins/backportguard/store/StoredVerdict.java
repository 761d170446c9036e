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

package com.googlesource.gerrit.plugins.backportguard.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What the plugin last decided about a change, kept so that listings, search and {@code needed-by}
 * can say it without checking the change again.
 *
 * @param patchSet the patch set the decision is for
 * @param outcome the outcome keyword (see {@link Outcomes})
 * @param vote the vote the outcome asks for on the configured label; 0 for none
 * @param missing how many declared prerequisites were not merged on the target branch
 * @param decidedAt when the plugin decided
 */
public record StoredVerdict(
    int patchSet, String outcome, int vote, int missing, Instant decidedAt) {
  public StoredVerdict {
    requireNonNull(outcome);
    requireNonNull(decidedAt);
  }
}
