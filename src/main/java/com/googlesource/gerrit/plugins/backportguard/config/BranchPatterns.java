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
import dk.brics.automaton.Automaton;
import dk.brics.automaton.RegExp;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Branch patterns written the way Gerrit's access sections write refs: an exact name ({@code
 * REL1_41}), a prefix ending in {@code /*} ({@code wmf/*}), or a regular expression starting with
 * {@code ^} ({@code ^refs/heads/REL1_[0-9]+}). Names may omit {@code refs/heads/}.
 *
 * <p>Regular expressions are matched as Gerrit's {@code ref:^...} search matches them, with the
 * dk.brics automaton library Gerrit ships (its {@code RegexRefPredicate}, and {@code RefPattern}
 * for access sections): a trailing {@code $} ends the name, and matching takes time linear in the
 * name, never backtracking. The automaton is kept nondeterministic, so that building it cannot blow
 * up either; its size is bounded before it is built. Syntax that {@code java.util.regex} reads
 * differently ({@code \d}, {@code (?i)}, a {@code $} inside the pattern) is rejected rather than
 * silently read another way.
 */
public final class BranchPatterns {
  private static final String HEADS = "refs/heads/";

  /**
   * The most states a pattern's automaton may have: matching costs at most this many steps per
   * character of the branch name. Real branch patterns need a few dozen.
   */
  static final int MAX_STATES = 10_000;

  private final ImmutableList<String> patterns;
  private final ImmutableList<Automaton> regexes;

  private BranchPatterns(ImmutableList<String> patterns, ImmutableList<Automaton> regexes) {
    this.patterns = patterns;
    this.regexes = regexes;
  }

  /**
   * Parses the patterns.
   *
   * @throws IllegalArgumentException naming the pattern, if a regular expression is invalid, uses
   *     syntax Gerrit's ref patterns do not have, or is too large
   */
  public static BranchPatterns parse(Iterable<String> values) {
    ImmutableList.Builder<String> out = ImmutableList.builder();
    ImmutableList.Builder<Automaton> regexes = ImmutableList.builder();
    for (String raw : values) {
      String value = raw.strip();
      if (value.isEmpty()) {
        continue;
      }
      if (value.startsWith("^")) {
        regexes.add(compile(value));
      } else {
        out.add(value);
      }
    }
    return new BranchPatterns(out.build(), regexes.build());
  }

  private static Automaton compile(String pattern) {
    String re = pattern.substring(1);
    if (re.endsWith("$") && !re.endsWith("\\$")) {
      re = re.substring(0, re.length() - 1);
    }
    try {
      Pattern.compile(re);
    } catch (PatternSyntaxException e) {
      throw invalid(pattern, e.getDescription());
    }
    checkCommonSyntax(pattern, re);
    long size = sizeBound(re);
    if (size > MAX_STATES) {
      throw invalid(
          pattern,
          "too large: its repetitions could make an automaton of "
              + size
              + " states, more than "
              + MAX_STATES);
    }
    Automaton a;
    try {
      a = new RegExp(re, RegExp.NONE).toAutomaton(false);
    } catch (IllegalArgumentException e) {
      throw invalid(pattern, e.getMessage());
    }
    if (a.getNumberOfStates() > MAX_STATES) {
      throw invalid(pattern, "too large: more than " + MAX_STATES + " states");
    }
    return a;
  }

  private static IllegalArgumentException invalid(String pattern, String why) {
    return new IllegalArgumentException("invalid regular expression \"" + pattern + "\": " + why);
  }

  /** Rejects what java.util.regex (which validates Gerrit's access sections) reads differently. */
  private static void checkCommonSyntax(String pattern, String re) {
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\' && i + 1 < re.length()) {
        char next = re.charAt(++i);
        if (Character.isLetterOrDigit(next)) {
          throw invalid(
              pattern,
              "\\"
                  + next
                  + " is not supported in ref patterns; write a character class such as [0-9]"
                  + " or [a-z]");
        }
      } else if (c == '(' && i + 1 < re.length() && re.charAt(i + 1) == '?') {
        throw invalid(pattern, "(?...) groups and flags are not supported in ref patterns");
      } else if (c == '$') {
        throw invalid(pattern, "$ is supported only at the end of the pattern");
      } else if (c == '"') {
        throw invalid(pattern, "write a double quote as \\\"");
      }
    }
  }

  /**
   * An upper bound on the states of the pattern's automaton: each character makes at most one
   * state, and a counted repetition {@code {n,m}} copies at most m+1 times what it repeats; the
   * product over every counted repetition bounds any nesting of them.
   */
  static long sizeBound(String re) {
    long bound = Math.max(1, re.length());
    boolean inClass = false;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
        // A ']' right after '[' or '[^' is a literal.
        if (i + 1 < re.length() && re.charAt(i + 1) == '^') {
          i++;
        }
        if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
          i++;
        }
      } else if (c == '{') {
        int end = re.indexOf('}', i);
        if (end < 0) {
          continue;
        }
        long copies = 0;
        for (String n : re.substring(i + 1, end).split(",", -1)) {
          try {
            copies = Math.max(copies, n.isBlank() ? 0 : Long.parseLong(n.strip()));
          } catch (NumberFormatException e) {
            // Not a counted repetition (or absurdly large): count it as the largest.
            copies = n.strip().chars().allMatch(Character::isDigit) ? MAX_STATES : copies;
          }
        }
        // Both factors are at most MAX_STATES + 1 here: no overflow.
        bound *= Math.min(copies, MAX_STATES) + 1;
        if (bound > MAX_STATES) {
          return bound;
        }
        i = end;
      }
    }
    return bound;
  }

  public boolean isEmpty() {
    return patterns.isEmpty() && regexes.isEmpty();
  }

  /** True when the branch (short name or full ref) matches one of the patterns. */
  public boolean matches(String branch) {
    String ref = branch.startsWith(HEADS) ? branch : HEADS + branch;
    for (String p : patterns) {
      String full = p.startsWith("refs/") ? p : HEADS + p;
      if (full.endsWith("/*")
          ? ref.startsWith(full.substring(0, full.length() - 1))
          : ref.equals(full)) {
        return true;
      }
    }
    for (Automaton a : regexes) {
      // A regex written against short names still matches.
      if (run(a, ref) || run(a, ref.substring(HEADS.length()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean run(Automaton a, String s) {
    // Running a nondeterministic automaton numbers its states in place.
    synchronized (a) {
      return a.run(s);
    }
  }
}
