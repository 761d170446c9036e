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

package com.googlesource.gerrit.plugins.backportguard.search;

import com.google.gerrit.index.query.PostFilterPredicate;
import com.google.gerrit.server.query.change.ChangeData;
import com.googlesource.gerrit.plugins.backportguard.store.Outcomes;
import com.googlesource.gerrit.plugins.backportguard.store.StoredVerdict;
import com.googlesource.gerrit.plugins.backportguard.store.VerdictStore;
import java.util.Optional;

/**
 * Matches the changes whose stored outcome is a keyword: one lookup in the verdict store per change
 * the index part of the query returns, no git, no further query. The index cannot answer it, so the
 * query must narrow the changes with index terms (Gerrit adds {@code status:open OR status:closed}
 * to a query that has none, which reads every change).
 */
class StoredOutcomePredicate extends PostFilterPredicate<ChangeData> {
  private final VerdictStore store;
  private final String outcome;

  StoredOutcomePredicate(String operator, VerdictStore store, String outcome) {
    super(operator, outcome);
    this.store = store;
    this.outcome = outcome;
  }

  @Override
  public boolean match(ChangeData cd) {
    Optional<StoredVerdict> v = store.get(cd.getId());
    return v.map(StoredVerdict::outcome).orElse(Outcomes.UNKNOWN).equals(outcome);
  }

  @Override
  public int getCost() {
    return 1;
  }
}
