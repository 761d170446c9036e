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

package com.googlesource.gerrit.plugins.backportguard.query;

/**
 * Writing values into Gerrit's change query language, for the queries the plugin builds as strings.
 */
public final class QueryTerms {
  private QueryTerms() {}

  /**
   * The value as one quoted operand that Gerrit's query parser reads back exactly. The 3.13 grammar
   * ({@code Query.g}, rule {@code EXACT_PHRASE}) has backslash escapes inside {@code "..."} and
   * {@code {...}} alike: {@code \t}, {@code \n}, {@code \r} stand for control characters and a
   * backslash before any other character for that character. Braces do not protect a backslash or a
   * closing brace, so double quotes with {@code \} and {@code "} escaped are the one form that
   * holds any value.
   */
  public static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
