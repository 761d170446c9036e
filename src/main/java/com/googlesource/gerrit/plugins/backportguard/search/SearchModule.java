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

import com.google.gerrit.extensions.annotations.Exports;
import com.google.gerrit.extensions.registration.DynamicSet;
import com.google.gerrit.server.change.ChangePluginDefinedInfoFactory;
import com.google.gerrit.server.query.change.ChangeQueryBuilder.ChangeIsOperandFactory;
import com.google.gerrit.server.query.change.ChangeQueryBuilder.ChangeOperatorFactory;
import com.google.inject.AbstractModule;
import com.googlesource.gerrit.plugins.backportguard.attribute.VerdictAttributeFactory;

/**
 * What the plugin adds to Gerrit's change search and listings: the {@code backport-guard} change
 * attribute, and the operators {@code needs_<plugin>:}, {@code outcome_<plugin>:} and {@code
 * is:missing_<plugin>} (Gerrit names a plugin's operators {@code <name>_<plugin>}).
 */
public class SearchModule extends AbstractModule {
  @Override
  protected void configure() {
    DynamicSet.bind(binder(), ChangePluginDefinedInfoFactory.class)
        .to(VerdictAttributeFactory.class);
    bind(ChangeOperatorFactory.class)
        .annotatedWith(Exports.named(NeedsOperator.NAME))
        .to(NeedsOperator.class);
    bind(ChangeOperatorFactory.class)
        .annotatedWith(Exports.named(OutcomeOperator.NAME))
        .to(OutcomeOperator.class);
    bind(ChangeIsOperandFactory.class)
        .annotatedWith(Exports.named(MissingOperand.NAME))
        .to(MissingOperand.class);
  }
}
