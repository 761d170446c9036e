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

import static com.google.common.truth.Truth.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regular expressions in backportBranch are matched as Gerrit's {@code ref:^...} search matches
 * them (about.md, BranchPatterns' javadoc): {@code RegexRefPredicate} builds the automaton from the
 * expression as written, with no {@code ${...}} parameters. Both cases passed at 39e0809.
 */
class BranchPatternsParametersReviewTest {
  // Review finding: BranchPatterns.compile now parses the expression with RefPattern.toRegExp,
  // which runs it through ParameterizedString first: every "${...}" up to the next "}" is taken
  // for a parameter and replaced (by "" for an unknown one). An escaped dollar followed by a
  // counted repetition, "\${1}", is a literal "$" for java.util.regex, for dk.brics and for
  // Gerrit's ref: search; the new code drops it and matches another branch.
  @Test
  void anEscapedDollarBeforeACountIsStillALiteralDollar() {
    BranchPatterns p = BranchPatterns.parse(List.of("^refs/heads/a\\${1}b"));

    assertThat(p.matches("refs/heads/a$b")).isTrue();
    assertThat(p.matches("refs/heads/abb")).isFalse();
  }

  // Review finding: same cause; inside a character class "${" opens a parameter that runs to the
  // class's "}", so "[\${}a-z]" is cut to "[\a-z]": the class loses "$", "{" and "}", and the
  // pattern no longer matches the branches it was written for.
  @Test
  void aClassWithDollarAndBracesStaysValid() {
    BranchPatterns p = BranchPatterns.parse(List.of("^refs/heads/tmpl-[\\${}a-z]+"));

    assertThat(p.matches("refs/heads/tmpl-${x}")).isTrue();
    assertThat(p.matches("refs/heads/tmpl-1")).isFalse();
  }

  // Review finding: same cause, and it defeats the size bounds. sizeBound and operatorBound read
  // the expression as written, where "[(...){100}...]" is a character class and costs nothing;
  // the substitution removes "${1}" and leaves "\[" (an escaped bracket), so the class's text
  // becomes live groups and counted repetitions. This 43-character pattern builds a million-state
  // automaton (about 8 s of CPU on the review machine) before MAX_STATES refuses it, at every
  // push of refs/meta/config and every load of the settings; nesting {1000} instead exhausts the
  // heap. At 39e0809 it parses in milliseconds as the literal class it is.
  @Test
  void aCharacterClassCannotHideRepetitionsFromTheBounds() {
    CpuBound.assertCheap(
        Duration.ofSeconds(2),
        () -> {
          try {
            BranchPatterns.parse(List.of("^refs/heads/a\\${1}[((x{100}){100}){100}]"));
          } catch (IllegalArgumentException refused) {
            // Refusing it is fine, if it is cheap.
          }
        });
  }
}
