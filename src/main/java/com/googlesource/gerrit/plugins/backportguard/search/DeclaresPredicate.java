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
import com.googlesource.gerrit.plugins.backportguard.recheck.DependentsFinder;

/**
 * Confirms that a change the index found by the words of its commit message does declare the change
 * in a {@code Depends-On} footer, read with the plugin's own parser: not prose, not another footer.
 * Reads the commit message of each candidate.
 */
class DeclaresPredicate extends PostFilterPredicate<ChangeData> {
  private final DependentsFinder.Declarers declarers;

  DeclaresPredicate(String operator, String value, DependentsFinder.Declarers declarers) {
    super(operator, value);
    this.declarers = declarers;
  }

  @Override
  public boolean match(ChangeData cd) {
    return declarers.declares(cd);
  }

  @Override
  public int getCost() {
    return 5;
  }
}
