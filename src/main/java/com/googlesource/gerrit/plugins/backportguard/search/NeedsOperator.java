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
import com.google.gerrit.index.query.QueryParseException;
import com.google.gerrit.server.query.change.ChangeData;
import com.google.gerrit.server.query.change.ChangeQueryBuilder;
import com.google.gerrit.server.query.change.ChangeQueryBuilder.ChangeOperatorFactory;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyFooterParser;

/**
 * {@code needs_<plugin>:<change>}: the changes that declare the change in a {@code Depends-On}
 * footer, in any form. Index-backed: one query to find the change (as the caller), one for the
 * changes carrying its Change-Id, then the search itself on {@code message:} terms, with a footer
 * check of each hit.
 */
public class NeedsOperator implements ChangeOperatorFactory {
  static final String NAME = "needs";

  private final DependencyFooterParser parser;
  private final DeclaringChanges declaring;
  private final String operator;

  @Inject
  NeedsOperator(
      DependencyFooterParser parser, DeclaringChanges declaring, @PluginName String pluginName) {
    this.parser = parser;
    this.declaring = declaring;
    this.operator = NAME + "_" + pluginName;
  }

  @Override
  public Predicate<ChangeData> create(ChangeQueryBuilder builder, String value)
      throws QueryParseException {
    return declaring.declaring(
        operator,
        value,
        declaring.visibleChanges(operator, value, OperatorValues.change(operator, parser, value)));
  }
}
