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

package com.googlesource.gerrit.plugins.backportguard.parse;

import com.google.common.collect.Multiset;
import java.util.List;
import java.util.regex.Pattern;

/** Names why git interpret-trailers and JGit read different footers in a commit message. */
final class FooterDifference {
  static final String DIVIDER = "divider";
  static final String NOT_ALL_TRAILERS = "last paragraph not all trailers";
  static final String OTHER = "other";

  private static final Pattern DIVIDER_LINE = Pattern.compile("(?m)^---(\\s|$)");

  private FooterDifference() {}

  /**
   * @param byJGit the footers JGit reads, normalized
   * @param byGit the trailers git reads, normalized
   */
  static String classify(String message, Multiset<String> byJGit, Multiset<String> byGit) {
    List<String> lines = message.lines().toList();
    int lastEmpty = lines.lastIndexOf("");
    String aboveFooters = String.join("\n", lines.subList(0, Math.max(0, lastEmpty)));
    if (DIVIDER_LINE.matcher(aboveFooters).find()) {
      // git stops at a "---" line and looks for trailers above it.
      return DIVIDER;
    }
    if (byGit.isEmpty() && !byJGit.isEmpty()) {
      // git takes a paragraph as trailers only if every line is one, or if it has a
      // Signed-off-by or "(cherry picked from commit" line and a quarter are trailers.
      return NOT_ALL_TRAILERS;
    }
    return OTHER;
  }
}
