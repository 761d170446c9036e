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

package com.googlesource.gerrit.plugins.backportguard.config;

import com.google.common.collect.ImmutableList;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Branch patterns written the way Gerrit's access sections write refs: an exact name ({@code
 * REL1_41}), a prefix ending in {@code /*} ({@code wmf/*}), or a regular expression starting with
 * {@code ^} ({@code ^refs/heads/REL1_[0-9]+}). Names may omit {@code refs/heads/}.
 */
public final class BranchPatterns {
  private static final String HEADS = "refs/heads/";

  private final ImmutableList<String> patterns;

  private BranchPatterns(ImmutableList<String> patterns) {
    this.patterns = patterns;
  }

  /**
   * Parses the patterns.
   *
   * @throws IllegalArgumentException naming the pattern, if a regular expression is invalid
   */
  public static BranchPatterns parse(Iterable<String> values) {
    ImmutableList.Builder<String> out = ImmutableList.builder();
    for (String raw : values) {
      String value = raw.strip();
      if (value.isEmpty()) {
        continue;
      }
      if (value.startsWith("^")) {
        try {
          Pattern.compile(value);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "invalid regular expression \"" + value + "\": " + e.getDescription(), e);
        }
      }
      out.add(value);
    }
    return new BranchPatterns(out.build());
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  /** True when the branch (short name or full ref) matches one of the patterns. */
  public boolean matches(String branch) {
    String ref = branch.startsWith(HEADS) ? branch : HEADS + branch;
    for (String p : patterns) {
      if (p.startsWith("^")) {
        String regex = p;
        // A regex written against short names still matches.
        if (Pattern.matches(regex, ref) || Pattern.matches(regex, ref.substring(HEADS.length()))) {
          return true;
        }
        continue;
      }
      String full = p.startsWith("refs/") ? p : HEADS + p;
      if (full.endsWith("/*")
          ? ref.startsWith(full.substring(0, full.length() - 1))
          : ref.equals(full)) {
        return true;
      }
    }
    return false;
  }
}
