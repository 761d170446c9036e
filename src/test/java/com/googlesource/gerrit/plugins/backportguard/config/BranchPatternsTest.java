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
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.gerrit.server.project.RefPatternMatcher;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BranchPatternsTest {
  @Test
  void exactPrefixAndRegex() {
    BranchPatterns p =
        BranchPatterns.parse(List.of("REL1_41", "wmf/*", "^refs/heads/stable-[0-9.]+"));
    assertThat(p.matches("REL1_41")).isTrue();
    assertThat(p.matches("refs/heads/REL1_41")).isTrue();
    assertThat(p.matches("REL1_42")).isFalse();
    assertThat(p.matches("wmf/1.27.0-wmf.4")).isTrue();
    assertThat(p.matches("wmf")).isFalse();
    assertThat(p.matches("stable-3.13")).isTrue();
    assertThat(p.matches("master")).isFalse();
  }

  @Test
  void fullRefPatternsAndShortNameRegex() {
    BranchPatterns p = BranchPatterns.parse(List.of("refs/heads/wmf/*", "^REL.*"));
    assertThat(p.matches("wmf/x")).isTrue();
    assertThat(p.matches("REL1_39")).isTrue();
  }

  @Test
  void invalidRegexNamesThePattern() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BranchPatterns.parse(List.of("^REL(")));
    assertThat(e).hasMessageThat().contains("^REL(");
  }

  @Test
  void aTrailingDollarIsTheEndOfTheName() {
    BranchPatterns p = BranchPatterns.parse(List.of("^REL1_[0-9]+$", "^refs/heads/(wmf|fr)/.*"));
    assertThat(p.matches("REL1_41")).isTrue();
    assertThat(p.matches("REL1_41x")).isFalse();
    assertThat(p.matches("wmf/1.0")).isTrue();
    assertThat(p.matches("fr/2")).isTrue();
    assertThat(p.matches("master")).isFalse();
  }

  @Test
  void aPathologicalPatternNeverBacktracks() {
    // With java.util.regex this takes 2^n steps on a name of n a's that does not match.
    BranchPatterns p = BranchPatterns.parse(List.of("^(a+)+$", "^(a|aa)*c"));
    String name = "a".repeat(50_000) + "!";
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          assertThat(p.matches(name)).isFalse();
          assertThat(p.matches("a".repeat(60))).isTrue();
        });
  }

  @Test
  void syntaxThatJavaAndGerritReadDifferentlyIsRejected() {
    for (String pattern : List.of("^REL1_\\d+", "^(?i)rel.*", "^wmf/(?:a|b)", "^a$|b")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> BranchPatterns.parse(List.of(pattern)),
              pattern);
      assertThat(e).hasMessageThat().contains(pattern);
    }
  }

  @Test
  void aPatternThatWouldBuildAHugeAutomatonIsRejectedQuickly() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          IllegalArgumentException e =
              assertThrows(
                  IllegalArgumentException.class,
                  () -> BranchPatterns.parse(List.of("^((a{1000}){1000}){1000}")));
          assertThat(e).hasMessageThat().contains("too large");
        });
  }

  @Test
  void documentedAndUsualPatternsAreWithinTheBounds() {
    BranchPatterns p =
        BranchPatterns.parse(
            List.of(
                "^refs/heads/REL1_[0-9]+",
                "^wmf/[0-9]+\\.[0-9]+\\.[0-9]+-wmf\\.[0-9]+$",
                "^REL1_[0-9]{2,3}$",
                "^refs/heads/(wmf|fr|stable|release)/.*",
                "^(fundraising/)?REL[0-9]+_[0-9]+(-[a-z]+)?$"));
    assertThat(p.matches("REL1_41")).isTrue();
    assertThat(p.matches("wmf/1.42.0-wmf.5")).isTrue();
    assertThat(p.matches("fundraising/REL1_39-fr")).isTrue();
    assertThat(p.matches("master")).isFalse();
  }

  @Test
  void aPatternLongerThanTheBoundIsRejectedNamingItsStart() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BranchPatterns.parse(List.of("^wmf/" + "x".repeat(BranchPatterns.MAX_LENGTH))));
    assertThat(e).hasMessageThat().contains("invalid regular expression \"^wmf/xxx");
    assertThat(e).hasMessageThat().contains("too long: 260 characters, more than 255");
  }

  @Test
  void optionalPartsAreCountedOncePerCopyOfARepetition() {
    assertThat(BranchPatterns.operatorBound("a?b*c+")).isEqualTo(3);
    assertThat(BranchPatterns.operatorBound("(a|b)/[?*+|{]\\?")).isEqualTo(1);
    assertThat(BranchPatterns.operatorBound("[0-9]{2}")).isEqualTo(0);
    assertThat(BranchPatterns.operatorBound("[0-9]{1,3}")).isEqualTo(2);
    assertThat(BranchPatterns.operatorBound("(a?){900}")).isEqualTo(900);
    assertThat(BranchPatterns.operatorBound("((a?){10}){10}")).isEqualTo(100);
    // Within the size bound (a few thousand states), but 900 optional copies: seconds to build.
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BranchPatterns.parse(List.of("^(a?){900}")));
    assertThat(e).hasMessageThat().contains("too large: 900 optional or repeated parts");
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BranchPatterns.parse(List.of("^" + "a?".repeat(33))));
    assertThat(e).hasMessageThat().contains("more than 32");
  }

  @Test
  void patternsAtTheBoundsBuildAndMatchQuickly() {
    List<String> worst =
        List.of(
            "^" + "a?".repeat(32),
            "^(a?b?c?d?e?f?g?h?){4}",
            "^(" + "a|".repeat(31) + "b)*",
            "^" + "(a*)".repeat(32),
            "^[a-z]*" + "[a-z]".repeat(40) + "(x?){31}",
            "^" + "(".repeat(60) + "a" + ")".repeat(60) + "{0,32}");
    CpuBound.assertCheap(
        Duration.ofSeconds(2),
        () -> {
          for (String pattern : worst) {
            BranchPatterns p = BranchPatterns.parse(List.of(pattern));
            assertThat(p.matches("a".repeat(10_000) + "!")).isFalse();
          }
        });
  }

  @Test
  void exactNamesAndPrefixesMatchAsGerritMatchesALabelsBranchPatterns() {
    List<String> refs =
        List.of(
            "refs/heads/REL1_41",
            "refs/heads/REL1_410",
            "refs/heads/wmf/1.0",
            "refs/heads/wmf",
            "refs/heads/wmfx/1",
            "refs/heads/master");
    for (String pattern :
        List.of("REL1_41", "refs/heads/REL1_41", "wmf/*", "refs/heads/wmf/*", "refs/heads/*")) {
      String full = pattern.startsWith("refs/") ? pattern : "refs/heads/" + pattern;
      for (String ref : refs) {
        assertWithMessage("%s on %s", pattern, ref)
            .that(BranchPatterns.parse(List.of(pattern)).matches(ref))
            .isEqualTo(RefPatternMatcher.getMatcher(full).match(ref, null));
      }
    }
  }

  @Test
  void namesWithParametersAreReadLiterally() {
    BranchPatterns p = BranchPatterns.parse(List.of("wmf/${username}", "sandbox/${username}/*"));
    assertThat(p.matches("wmf/${username}")).isTrue();
    assertThat(p.matches("wmf/alice")).isFalse();
    assertThat(p.matches("sandbox/${username}/x")).isTrue();
    assertThat(p.matches("sandbox/alice/x")).isFalse();
  }
}
