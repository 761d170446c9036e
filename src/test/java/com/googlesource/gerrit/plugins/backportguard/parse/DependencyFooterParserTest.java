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

import static com.google.common.truth.Truth.assertThat;

import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef.ChangeId;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef.ChangeIdPrefix;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef.ChangeNumber;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef.External;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef.Triplet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DependencyFooterParserTest {
  private static final String ID = "I0123456789abcdef0123456789abcdef01234567";
  private static final String ID2 = "Iabcdefabcdefabcdefabcdefabcdefabcdefabcd";

  private final DependencyFooterParser parser =
      new DependencyFooterParser(new ChangeUrlParser(Optional.of("https://gerrit.example.org/r/")));

  private DeclaredDependencies parse(String... footerLines) {
    return parser.parse(
        "Fix the widget\n\nLonger explanation.\n\n" + String.join("\n", footerLines) + "\n");
  }

  private DependencyRef only(String footerLine) {
    DeclaredDependencies d = parse(footerLine, "Change-Id: " + ID2);
    assertThat(d.unreadable()).isEmpty();
    assertThat(d.dependencies()).hasSize(1);
    return d.dependencies().get(0).ref();
  }

  @Test
  void fullChangeId() {
    assertThat(only("Depends-On: " + ID)).isEqualTo(new ChangeId(ID));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Depends-on: ", "DEPENDS-ON: ", "Depends-On:", "Depends-On:   "})
  void keyIsCaseInsensitiveAndSpacingIsFree(String key) {
    assertThat(only(key + ID)).isEqualTo(new ChangeId(ID));
  }

  @Test
  void upperCaseHexIsNormalized() {
    assertThat(only("Depends-On: I" + ID.substring(1).toUpperCase())).isEqualTo(new ChangeId(ID));
  }

  @Test
  void abbreviatedChangeId() {
    assertThat(only("Depends-On: I0123456")).isEqualTo(new ChangeIdPrefix("I0123456"));
  }

  @Test
  void changeNumberAndProjectNumberAndTriplet() {
    assertThat(only("Depends-On: 12345")).isEqualTo(new ChangeNumber(Optional.empty(), 12345));
    assertThat(only("Depends-On: mediawiki/core~12345"))
        .isEqualTo(new ChangeNumber(Optional.of("mediawiki/core"), 12345));
    assertThat(only("Depends-On: mediawiki/core~wmf/1.27.0-wmf.4~" + ID))
        .isEqualTo(new Triplet("mediawiki/core", "wmf/1.27.0-wmf.4", ID));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://gerrit.example.org/r/c/mediawiki/core/+/12345",
        "https://gerrit.example.org/r/c/mediawiki/core/+/12345/3",
        "https://gerrit.example.org/r/c/mediawiki/core/+/12345/3/includes/Foo.php",
        "http://gerrit.example.org/r/c/mediawiki/core/+/12345",
        "https://gerrit.example.org/c/mediawiki/core/+/12345/",
        "https://gerrit.example.org/r/#/c/mediawiki/core/+/12345/",
        "https://GERRIT.example.org:443/r/c/mediawiki%2Fcore/+/12345",
      })
  void urlsWithProject(String url) {
    assertThat(only("Depends-On: " + url))
        .isEqualTo(new ChangeNumber(Optional.of("mediawiki/core"), 12345));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://gerrit.example.org/r/12345",
        "https://gerrit.example.org/12345/",
        "https://gerrit.example.org/r/#/c/12345/",
        "https://gerrit.example.org/#/c/12345/2",
        "https://gerrit.example.org/r/c/12345",
      })
  void urlsWithoutProject(String url) {
    assertThat(only("Depends-On: " + url)).isEqualTo(new ChangeNumber(Optional.empty(), 12345));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://gitlab.wikimedia.org/repos/data-engineering/schemas/-/merge_requests/12",
        "https://other-gerrit.example.org/r/c/project/+/12345",
        "https://gerrit.example.org:8443/r/c/project/+/12345",
      })
  void urlsOfOtherServersAreExternal(String url) {
    assertThat(only("Depends-On: " + url)).isEqualTo(new External(url));
  }

  @Test
  void urlOfThisServerThatNamesNoChangeIsNotUnderstood() {
    DeclaredDependencies d = parse("Depends-On: https://gerrit.example.org/r/admin/repos");
    assertThat(d.dependencies()).isEmpty();
    assertThat(d.unreadable()).hasSize(1);
    assertThat(d.unreadable().get(0).reason()).contains("not to a change");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://gerrit.example.org/r/c/a~b/+/5",
        "https://gerrit.example.org/r/c/a%7Eb/+/5",
        "https://gerrit.example.org/r/c/a%25zz~b/+/5",
        "https://gerrit.example.org/r/#/c/a~~/+/5",
      })
  void linkToAProjectWithATildeIsNotUnderstood(String url) {
    // Gerrit cannot look up project~number when the project has a '~' (it reads a triplet).
    DeclaredDependencies d = parse("Depends-On: " + url, "Change-Id: " + ID2);
    assertThat(d.dependencies()).isEmpty();
    assertThat(d.unreadable()).hasSize(1);
    assertThat(d.unreadable().get(0).reason()).contains("contains '~'");
  }

  @Test
  void manyDependenciesInOrder() {
    DeclaredDependencies d =
        parse("Bug: T123", "Depends-On: " + ID, "Depends-On: 42", "Change-Id: " + ID2);
    assertThat(d.dependencies().stream().map(DeclaredDependency::ref).toList())
        .containsExactly(new ChangeId(ID), new ChangeNumber(Optional.empty(), 42))
        .inOrder();
    assertThat(d.dependencies().get(0).line()).isEqualTo("Depends-On: " + ID);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DependsOn: I0123456789abcdef0123456789abcdef01234567",
        "Depends-on I0123456789abcdef0123456789abcdef01234567",
        "Depends on: I0123456789abcdef0123456789abcdef01234567",
        "Depends-On : I0123456789abcdef0123456789abcdef01234567",
        "Depends_On: 12345",
      })
  void nearMissesAreReportedNotResolved(String line) {
    DeclaredDependencies d = parse(line, "Change-Id: " + ID2);
    assertThat(d.dependencies()).isEmpty();
    assertThat(d.unreadable()).hasSize(1);
    assertThat(d.unreadable().get(0).line()).isEqualTo(line);
    assertThat(d.unreadable().get(0).reason()).contains("Depends-On: <value>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"I123abc", "123abc", "", "I0123456 I0123457", "foo~bar~I123", "bogus"})
  void unreadableValues(String value) {
    DeclaredDependencies d = parse("Depends-On: " + value, "Change-Id: " + ID2);
    assertThat(d.dependencies()).isEmpty();
    assertThat(d.unreadable()).hasSize(1);
    assertThat(d.unreadable().get(0).line()).isEqualTo(("Depends-On: " + value).strip());
  }

  @Test
  void proseOutsideTheFooterBlockIsIgnored() {
    DeclaredDependencies d =
        parser.parse(
            "Subject\n\nDepends-On: "
                + ID
                + "\nDepends on core change I123abc being merged.\n\nChange-Id: "
                + ID2
                + "\n");
    assertThat(d.isEmpty()).isTrue();
  }

  @Test
  void proseInTheFooterBlockIsNotANearMiss() {
    DeclaredDependencies d =
        parse("This depends on the now-merged I123abc in core.", "Change-Id: " + ID2);
    assertThat(d.isEmpty()).isTrue();
  }

  @Test
  void noFootersAtAll() {
    assertThat(parser.parse("Just a subject\n").isEmpty()).isTrue();
    assertThat(parser.parse("Subject\n\nBody text only.\n").isEmpty()).isTrue();
  }

  @Test
  void withoutCanonicalUrlEveryUrlIsExternal() {
    DependencyFooterParser p = new DependencyFooterParser(new ChangeUrlParser(Optional.empty()));
    DeclaredDependencies d =
        p.parse("S\n\nDepends-On: https://gerrit.example.org/r/c/p/+/1\nChange-Id: " + ID2);
    assertThat(d.dependencies().get(0).ref())
        .isEqualTo(new External("https://gerrit.example.org/r/c/p/+/1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "99999999999",
        "mediawiki/core~99999999999",
        "https://gerrit.example.org/r/c/p/+/99999999999"
      })
  void numbersTooLargeForAChangeAreReportedNotThrown(String value) {
    DeclaredDependencies d = parse("Depends-On: " + value);
    assertThat(d.dependencies()).isEmpty();
    assertThat(d.unreadable().get(0).reason()).contains("too large for a change number");
  }

  @Test
  void indentedFooterIsAContinuationForJGitSoItIsReported() {
    DeclaredDependencies d = parse("Bug: T1", "  Depends-On: " + ID, "Change-Id: " + ID2);
    assertThat(d.dependencies()).isEmpty();
    assertThat(d.unreadable()).hasSize(1);
    assertThat(d.unreadable().get(0).line()).isEqualTo("Depends-On: " + ID);
  }

  @Test
  void nearMissWithColonAndSeveralWords() {
    DeclaredDependencies d = parse("Depends on: I0123456 and I0123457", "Change-Id: " + ID2);
    assertThat(d.unreadable()).hasSize(1);
  }

  @Test
  void explicitDefaultPortOfTheOtherScheme() {
    assertThat(only("Depends-On: http://gerrit.example.org:80/r/c/p/+/5"))
        .isEqualTo(new ChangeNumber(Optional.of("p"), 5));
  }

  @Test
  void plusInAProjectNameIsKept() {
    assertThat(only("Depends-On: https://gerrit.example.org/r/c/a+b/+/5"))
        .isEqualTo(new ChangeNumber(Optional.of("a+b"), 5));
  }

  @Test
  void footerAboveAGitPatchDividerIsReported() {
    // git interpret-trailers reads trailers above the first "---" line; JGit only the last
    // paragraph.
    DeclaredDependencies d =
        parser.parse(
            "Subject\n\nBody.\n\nDepends-On: "
                + ID
                + "\n---\nTest output:\n--- Expected\n\nChange-Id: "
                + ID2
                + "\n");
    assertThat(d.dependencies()).isEmpty();
    assertThat(d.unreadable()).hasSize(1);
    assertThat(d.unreadable().get(0).line()).isEqualTo("Depends-On: " + ID);
    assertThat(d.unreadable().get(0).reason()).contains("\"---\"");
  }

  @Test
  void nearMissAboveAGitPatchDividerIsReportedOnce() {
    DeclaredDependencies d =
        parser.parse("Subject\n\nBody.\n\nDepends-On : " + ID + "\n\n--- \n\nChange-Id: " + ID2);
    assertThat(d.unreadable()).hasSize(1);
    assertThat(d.unreadable().get(0).line()).isEqualTo("Depends-On : " + ID);
  }

  @Test
  void dividerInsideTheFooterBlockChangesNothing() {
    DeclaredDependencies d =
        parser.parse("Subject\n\nBody.\n\nDepends-On: " + ID + "\n---\nChange-Id: " + ID2);
    assertThat(d.unreadable()).isEmpty();
    assertThat(d.dependencies()).hasSize(1);
  }

  @Test
  void footerInAParagraphNotRightAboveTheDividerIsProse() {
    DeclaredDependencies d =
        parser.parse(
            "Subject\n\nDepends-On: "
                + ID
                + "\n\nMore prose.\n---\nnotes\n\nChange-Id: "
                + ID2
                + "\n");
    assertThat(d.isEmpty()).isTrue();
  }

  @Test
  void aLineOfSpacesDoesNotEndTheFooterBlockForJGit() {
    DeclaredDependencies d =
        parser.parse("Subject\n\nBody.\nDependsOn: " + ID + "\n  \nChange-Id: " + ID2 + "\n");
    assertThat(d.unreadable()).hasSize(1);
    assertThat(d.unreadable().get(0).line()).isEqualTo("DependsOn: " + ID);
  }

  @Test
  void oneParagraphMessageHasFootersAfterItsFirstLine() {
    assertThat(parser.parse("Subject\nDepends-On: " + ID + "\n").dependencies()).hasSize(1);
    assertThat(parser.parse("Subject\nDepends on: " + ID + "\n").unreadable()).hasSize(1);
    assertThat(parser.parse("Depends on: " + ID + "\n").isEmpty()).isTrue();
  }
}
