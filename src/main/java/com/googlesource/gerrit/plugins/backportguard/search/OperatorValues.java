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

import com.google.gerrit.index.query.QueryParseException;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyFooterParser;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import com.googlesource.gerrit.plugins.backportguard.parse.NotUnderstoodException;
import com.googlesource.gerrit.plugins.backportguard.store.Outcomes;
import java.util.Locale;

/**
 * Reads the values of the plugin's search operators, and says what is wrong with one in terms the
 * person who typed the query can act on. Pure: no lookups.
 */
final class OperatorValues {
  private OperatorValues() {}

  /**
   * The change a {@code needs} value names, read exactly as a {@code Depends-On} footer value is: a
   * Change-Id (full or from 7 hex digits), a number, {@code project~number}, {@code
   * project~branch~Change-Id}, or a link to the change on this server.
   */
  static DependencyRef change(String operator, DependencyFooterParser parser, String value)
      throws QueryParseException {
    if (value.length() > DependencyFooterParser.MAX_VALUE_CHARS) {
      throw new QueryParseException(
          String.format(
              "%s: the value is %,d characters long; name the change by Change-Id, number or"
                  + " link",
              operator, value.length()));
    }
    DependencyRef ref;
    try {
      ref = parser.parseValue(value);
    } catch (NotUnderstoodException e) {
      throw new QueryParseException(
          String.format("%s: cannot read \"%s\" as a change: %s", operator, value, e.getMessage()));
    }
    if (ref instanceof DependencyRef.External) {
      throw new QueryParseException(
          String.format(
              "%s: \"%s\" is a link to another server; the plugin knows only this server's"
                  + " changes",
              operator, value));
    }
    return ref;
  }

  /** An outcome keyword, as the attribute shows it. */
  static String outcome(String operator, String value) throws QueryParseException {
    String keyword = value.strip().toLowerCase(Locale.ROOT);
    if (Outcomes.STORED.contains(keyword) || keyword.equals(Outcomes.UNKNOWN)) {
      return keyword;
    }
    throw new QueryParseException(
        String.format(
            "%s: unknown outcome \"%s\"; use one of %s, %s",
            operator,
            value.length() > 40 ? value.substring(0, 40) + "…" : value,
            String.join(", ", Outcomes.STORED),
            Outcomes.UNKNOWN));
  }
}
