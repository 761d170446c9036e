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

import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.index.query.Predicate;
import com.google.gerrit.server.query.change.ChangeData;
import com.google.gerrit.server.query.change.ChangeQueryBuilder;
import com.google.gerrit.server.query.change.ChangeQueryBuilder.ChangeHasOperandFactory;
import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * Adds {@code has:prerequisites-merged_<plugin>} to Gerrit's query language, for submit
 * requirements (see Documentation/submit-requirement.md).
 */
@Singleton
public class PrerequisitesMergedOperand implements ChangeHasOperandFactory {
  /** The operand's name; Gerrit appends {@code _<plugin name>}. */
  public static final String NAME = "prerequisites-merged";

  private final PrerequisitesMergedCheck check;
  private final String value;

  @Inject
  PrerequisitesMergedOperand(PrerequisitesMergedCheck check, @PluginName String pluginName) {
    this.check = check;
    this.value = NAME + "_" + pluginName;
  }

  @Override
  public Predicate<ChangeData> create(ChangeQueryBuilder builder) {
    return new PrerequisitesMergedPredicate(value, check);
  }
}
