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

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.collect.ImmutableList;
import com.google.gerrit.entities.RefNames;
import com.google.gerrit.server.CurrentUser;
import com.google.gerrit.server.project.RefPattern;
import com.google.gerrit.server.project.RefPatternMatcher;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.RegExp;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Branch patterns written the way Gerrit's access sections write refs: an exact name ({@code
 * REL1_41}), a prefix ending in {@code /*} ({@code wmf/*}), or a regular expression starting with
 * {@code ^} ({@code ^refs/heads/REL1_[0-9]+}). Names may omit {@code refs/heads/}.
 *
 * <p>Exact names and prefixes are matched by Gerrit's own {@link RefPatternMatcher}, as it matches
 * a label's {@code branch} patterns. Regular expressions are not: its matcher uses {@code
 * java.util.regex}, which backtracks, and a project owner's pattern must not cost the server
 * exponential time. They are parsed as Gerrit's {@code ref:^...} search parses them ({@code
 * RegexRefPredicate}: no {@code ${...}} parameters, unlike {@link RefPattern#toRegExp}, whose
 * substitution would also change the text after the bounds below measured it) and matched as it
 * matches them, with the dk.brics automaton library Gerrit ships: a trailing {@code $} ends the
 * name, and matching takes time linear in the name, never backtracking. The automaton is kept
 * nondeterministic, so that building it cannot blow up either; its length, its optional and
 * repeated parts and its size are bounded before it is built (the library's parser recurses once
 * per character, and copies transitions along every optional part, so a long pattern or one with
 * many optional parts costs seconds or the stack). Syntax that {@code java.util.regex} reads
 * differently ({@code \d}, {@code (?i)}, a {@code $} inside the pattern) is rejected rather than
 * silently read another way. Built automata are kept by pattern, so a check does not build them
 * again.
 */
public final class BranchPatterns {
  /**
   * The most states a pattern's automaton may have: matching costs at most this many steps per
   * character of the branch name. Real branch patterns need a few dozen.
   */
  static final int MAX_STATES = 10_000;

  /**
   * The longest regular expression, in characters: real branch patterns are a few dozen, and the
   * automaton library parses one stack frame per character.
   */
  static final int MAX_LENGTH = 255;

  /**
   * The most optional or repeated parts ({@code ? * + |}, and the optional copies of {@code {n,m}})
   * a regular expression may have, each counted once per copy a counted repetition makes of it: the
   * library's build and match cost grows with the square (or worse) of their number. Real branch
   * patterns have a few.
   */
  static final int MAX_OPERATORS = 32;

  /** Built automata by pattern: patterns are read at every check. Matching synchronizes on each. */
  private static final Cache<String, Automaton> BUILT =
      CacheBuilder.newBuilder().maximumSize(256).build();

  private final ImmutableList<RefPatternMatcher> patterns;
  private final ImmutableList<Automaton> regexes;

  private BranchPatterns(
      ImmutableList<RefPatternMatcher> patterns, ImmutableList<Automaton> regexes) {
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
    ImmutableList.Builder<RefPatternMatcher> out = ImmutableList.builder();
    ImmutableList.Builder<Automaton> regexes = ImmutableList.builder();
    for (String raw : values) {
      String value = raw.strip();
      if (value.isEmpty()) {
        continue;
      }
      if (RefPattern.isRE(value)) {
        Automaton built = BUILT.getIfPresent(value);
        if (built == null) {
          built = compile(value);
          BUILT.put(value, built);
        }
        regexes.add(built);
      } else {
        out.add(matcher(value.startsWith(RefNames.REFS) ? value : RefNames.REFS_HEADS + value));
      }
    }
    return new BranchPatterns(out.build(), regexes.build());
  }

  /** Gerrit's matcher for an exact name or a prefix ending in {@code /*}. */
  private static RefPatternMatcher matcher(String ref) {
    if (RefPattern.containsParameters(ref)) {
      // Own code: Gerrit expands ${username} per user, and a backport branch belongs to no user;
      // such a name has always been read literally.
      return new RefPatternMatcher() {
        @Override
        public boolean match(String candidate, CurrentUser user) {
          return ref.endsWith("/*")
              ? candidate.startsWith(ref.substring(0, ref.length() - 1))
              : candidate.equals(ref);
        }
      };
    }
    return RefPatternMatcher.getMatcher(ref);
  }

  private static Automaton compile(String pattern) {
    if (pattern.length() > MAX_LENGTH) {
      // Named by its start only: the message must stay readable, and fit a push's answer.
      throw new IllegalArgumentException(
          "invalid regular expression \""
              + pattern.substring(0, 40)
              + "…\": too long: "
              + pattern.length()
              + " characters, more than "
              + MAX_LENGTH);
    }
    String re = pattern.substring(1);
    if (re.endsWith("$") && !re.endsWith("\\$")) {
      re = re.substring(0, re.length() - 1);
    }
    try {
      Pattern.compile(re);
    } catch (PatternSyntaxException e) {
      throw invalid(pattern, e.getDescription());
    } catch (StackOverflowError e) {
      throw invalid(pattern, "too deeply nested");
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
    long operators = operatorBound(re);
    if (operators > MAX_OPERATORS) {
      throw invalid(
          pattern,
          "too large: "
              + operators
              + " optional or repeated parts (? * + | and the optional copies of {n,m}, counting"
              + " each copy a {n,m} makes), more than "
              + MAX_OPERATORS);
    }
    Automaton a;
    try {
      // As Gerrit's ref:^ search parses it; not RefPattern.toRegExp, which substitutes ${...}.
      a = new RegExp(re, RegExp.NONE).toAutomaton(false);
    } catch (IllegalArgumentException e) {
      throw invalid(pattern, e.getMessage());
    } catch (StackOverflowError e) {
      // Not expected within the bounds above; a thread with a small stack must still get a message.
      throw invalid(pattern, "too deeply nested");
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

  /**
   * An upper bound on the optional or repeated parts of the pattern as the automaton library builds
   * it: {@code ? * + |} count one each, a counted repetition {@code X{n,m}} makes m copies of what
   * X counts and m−n optional copies of X ({@code X{n,}}: n+1 copies and one more part).
   */
  static long operatorBound(String re) {
    Deque<long[]> groups = new ArrayDeque<>();
    // {weight of the group so far, weight of its last atom}
    long[] group = {0, 0};
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      switch (c) {
        case '\\' -> {
          i++;
          group[1] = 0;
        }
        case '[' -> {
          i = endOfClass(re, i);
          group[1] = 0;
        }
        case '(' -> {
          groups.push(group);
          group = new long[] {0, 0};
        }
        case ')' -> {
          long inner = group[0];
          group = groups.isEmpty() ? new long[] {0, 0} : groups.pop();
          group[0] = cap(group[0] + inner);
          group[1] = inner;
        }
        case '?', '*', '+' -> {
          group[0] = cap(group[0] + 1);
          group[1] = cap(group[1] + 1);
        }
        case '|' -> {
          group[0] = cap(group[0] + 1);
          group[1] = 0;
        }
        case '{' -> {
          int end = re.indexOf('}', i);
          if (end < 0) {
            continue;
          }
          String[] counts = re.substring(i + 1, end).split(",", -1);
          long min = count(counts[0]);
          long max = counts.length == 1 ? min : counts[1].isBlank() ? -1 : count(counts[1]);
          long copies = max < 0 ? min + 1 : Math.max(max, 1);
          long optional = max < 0 ? 1 : Math.max(0, max - min);
          // The group's weight counted the atom once already.
          group[0] = cap(group[0] + group[1] * (copies - 1) + optional);
          group[1] = cap(group[1] * copies + optional);
          i = end;
        }
        default -> group[1] = 0;
      }
    }
    return group[0];
  }

  private static long count(String n) {
    String s = n.strip();
    if (s.isEmpty()) {
      return 0;
    }
    // Pattern.compile accepted it, so it is digits; a huge count is as bad as the largest.
    return s.length() > 9 ? MAX_STATES : Math.min(Long.parseLong(s), MAX_STATES);
  }

  private static long cap(long v) {
    return Math.min(v, Integer.MAX_VALUE);
  }

  /** The index of the {@code ]} that closes the class opened at {@code start}. */
  private static int endOfClass(String re, int start) {
    int i = start + 1;
    // A ']' right after '[' or '[^' is a literal.
    if (i < re.length() && re.charAt(i) == '^') {
      i++;
    }
    if (i < re.length() && re.charAt(i) == ']') {
      i++;
    }
    for (; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ']') {
        return i;
      }
    }
    return re.length();
  }

  public boolean isEmpty() {
    return patterns.isEmpty() && regexes.isEmpty();
  }

  /** True when the branch (short name or full ref) matches one of the patterns. */
  public boolean matches(String branch) {
    String ref = branch.startsWith(RefNames.REFS_HEADS) ? branch : RefNames.REFS_HEADS + branch;
    for (RefPatternMatcher p : patterns) {
      // No user: as Gerrit matches a label's branch patterns (ProjectState, ListLabels).
      if (p.match(ref, null)) {
        return true;
      }
    }
    for (Automaton a : regexes) {
      // A regex written against short names still matches.
      if (run(a, ref) || run(a, ref.substring(RefNames.REFS_HEADS.length()))) {
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
