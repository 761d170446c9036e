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

import com.google.common.collect.ImmutableSet;
import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.index.query.Predicate;
import com.google.gerrit.index.query.QueryParseException;
import com.google.gerrit.server.query.change.ChangeData;
import com.google.gerrit.server.query.change.ChangeQueryBuilder;
import com.google.gerrit.server.query.change.ChangeQueryBuilder.ChangeOperatorFactory;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.recheck.DependentsFinder;
import com.googlesource.gerrit.plugins.backportguard.store.Outcomes;
import com.googlesource.gerrit.plugins.backportguard.store.VerdictStore;

/**
 * {@code outcome_<plugin>:<keyword>}: the changes whose last stored outcome is the keyword. A
 * post-filter on the verdict store; for the outcomes only a change that declares something can
 * have, the operator adds the index term {@code message:depends} itself, so that the index returns
 * only such changes.
 */
public class OutcomeOperator implements ChangeOperatorFactory {
  static final String NAME = "outcome";

  /** The outcomes of a change that declares a dependency: its message has the word "depends". */
  private static final ImmutableSet<String> DECLARING =
      ImmutableSet.of(Outcomes.PASSES, Outcomes.MISSING, Outcomes.BLOCKED, Outcomes.ERROR);

  private final VerdictStore store;
  private final String operator;

  @Inject
  OutcomeOperator(VerdictStore store, @PluginName String pluginName) {
    this.store = store;
    this.operator = NAME + "_" + pluginName;
  }

  @Override
  public Predicate<ChangeData> create(ChangeQueryBuilder builder, String value)
      throws QueryParseException {
    return predicate(operator, store, OperatorValues.outcome(operator, value));
  }

  static Predicate<ChangeData> predicate(String operator, VerdictStore store, String outcome) {
    Predicate<ChangeData> filter = new StoredOutcomePredicate(operator, store, outcome);
    return DECLARING.contains(outcome)
        ? Predicate.and(DependentsFinder.declaresSomething(), filter)
        : filter;
  }
}
