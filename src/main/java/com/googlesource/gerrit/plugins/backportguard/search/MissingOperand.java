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

import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.index.query.Predicate;
import com.google.gerrit.server.query.change.ChangeData;
import com.google.gerrit.server.query.change.ChangeQueryBuilder;
import com.google.gerrit.server.query.change.ChangeQueryBuilder.ChangeIsOperandFactory;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.store.Outcomes;
import com.googlesource.gerrit.plugins.backportguard.store.VerdictStore;

/**
 * {@code is:missing_<plugin>}: the backports whose last check found a declared prerequisite not
 * merged on their branch; the same as {@code outcome_<plugin>:missing}.
 */
public class MissingOperand implements ChangeIsOperandFactory {
  static final String NAME = "missing";

  private final VerdictStore store;
  private final String operator;

  @Inject
  MissingOperand(VerdictStore store, @PluginName String pluginName) {
    this.store = store;
    this.operator = "is:" + NAME + "_" + pluginName;
  }

  @Override
  public Predicate<ChangeData> create(ChangeQueryBuilder builder) {
    return OutcomeOperator.predicate(operator, store, Outcomes.MISSING);
  }
}
