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

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.eclipse.jgit.revwalk.FooterLine;

/**
 * Properties of the footer parser over generated commit messages: any string, and messages made of
 * the pieces real ones have (footers, near misses, continuation lines, dividers, blank lines), some
 * with more footer lines than the parser reads.
 *
 * <p>The rendering of a parse is the message "Subject", a blank line, then the declared
 * dependencies' lines in order: that is what the comment quotes back, and it must read back as the
 * same dependencies.
 */
class DependencyFooterParserPropertiesTest {
  private static final int MAX_REASON = DependencyFooterParser.MAX_QUOTED_CHARS;

  private final DependencyFooterParser parser =
      new DependencyFooterParser(new ChangeUrlParser(Optional.of("https://gerrit.example.org/r/")));

  @Property(tries = 1000)
  void neverThrowsAndStaysBoundedOnAnyString(@ForAll("anyText") String message) {
    assertBounded(parser.parse(message));
  }

  @Property(tries = 300)
  void neverThrowsAndStaysBoundedOnMessagesOfFooters(@ForAll("messages") String message) {
    assertBounded(parser.parse(message));
  }

  @Property(tries = 300)
  void rendersBackToTheSameDependencies(@ForAll("messages") String message) {
    DeclaredDependencies first = parser.parse(message);
    String rendering = render(first);
    DeclaredDependencies again = parser.parse(rendering);

    if (rendering.length() <= DependencyFooterParser.MAX_FOOTER_CHARS) {
      assertThat(again.unreadable()).isEmpty();
      assertThat(again.dependencies()).containsExactlyElementsIn(first.dependencies()).inOrder();
    } else {
      // The rendering is longer than the parser reads (a key written "Depends-On:X" gains a space):
      // what it reads back is where it started, and it says that it stopped.
      assertThat(again.dependencies())
          .isEqualTo(first.dependencies().subList(0, again.dependencies().size()));
      assertThat(again.unreadable()).hasSize(1);
    }
  }

  @Property(tries = 300)
  void readsWhatJGitReadsOrAPrefixOfIt(@ForAll("messages") String message) {
    List<String> expected = new ArrayList<>();
    for (FooterLine f : FooterLine.fromMessage(message)) {
      if (f.matches(DependencyFooterParser.DEPENDS_ON)
          && f.getValue().length() <= DependencyFooterParser.MAX_VALUE_CHARS) {
        try {
          parser.parseValue(f.getValue());
          expected.add((f.getKey() + ": " + f.getValue().strip()).strip());
        } catch (NotUnderstoodException e) {
          // Unreadable, not a dependency.
        }
      }
    }
    DeclaredDependencies parsed = parser.parse(message);
    List<String> actual = parsed.dependencies().stream().map(DeclaredDependency::line).toList();
    boolean cut = parsed.unreadable().stream().anyMatch(u -> u.line().contains("more Depends-On"));

    assertThat(actual.size()).isAtMost(expected.size());
    assertThat(actual).isEqualTo(expected.subList(0, actual.size()));
    if (!cut) {
      assertThat(actual).isEqualTo(expected);
    }
  }

  private static String render(DeclaredDependencies parsed) {
    StringBuilder m = new StringBuilder("Subject\n\n");
    parsed.dependencies().forEach(d -> m.append(d.line()).append('\n'));
    return m.toString();
  }

  private static void assertBounded(DeclaredDependencies d) {
    int lines = DependencyFooterParser.MAX_FOOTER_LINES;
    assertThat(d.dependencies().size()).isAtMost(lines);
    // Per line read: a footer or a near miss; plus as many above a divider, plus the count.
    assertThat(d.unreadable().size()).isAtMost(3 * lines + 1);
    for (DeclaredDependency dep : d.dependencies()) {
      assertThat(dep.line().length()).isAtMost(DependencyFooterParser.MAX_VALUE_CHARS + 100);
    }
    for (UnreadableLine u : d.unreadable()) {
      assertThat(u.line().length()).isAtMost(DependencyFooterParser.MAX_QUOTED_CHARS);
      assertThat(u.reason().length()).isAtMost(MAX_REASON);
    }
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(2_000),
        Arbitraries.strings().withChars("Depns-O: \n\t~/I0123456789abcdef-").ofMaxLength(5_000));
  }

  @Provide
  Arbitrary<String> messages() {
    Arbitrary<String> line = footerLine();
    Arbitrary<List<String>> body = line.list().ofMaxSize(30);
    return Combinators.combine(
            Arbitraries.strings().alpha().ofMaxLength(40),
            body,
            Arbitraries.oneOf(
                line.list().ofMaxSize(40), line.list().ofMinSize(990).ofMaxSize(1_100)),
            Arbitraries.of("\n", "", "\n\n", "  \n"))
        .as(
            (subject, paragraph, footers, tail) ->
                subject
                    + "\n\n"
                    + String.join("\n", paragraph)
                    + "\n\n"
                    + String.join("\n", footers)
                    + tail);
  }

  private static Arbitrary<String> footerLine() {
    Arbitrary<String> hex = Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(40);
    Arbitrary<String> ref =
        Arbitraries.oneOf(
            hex.map(h -> "I" + h),
            hex.map(h -> "I" + h.substring(0, 9)),
            Arbitraries.integers().between(1, 999_999).map(String::valueOf),
            Arbitraries.integers().between(1, 999_999).map(n -> "mediawiki/core~" + n),
            hex.map(h -> "mediawiki/core~wmf/1.2~I" + h),
            Arbitraries.integers()
                .between(1, 999_999)
                .map(n -> "https://gerrit.example.org/r/c/p/+/" + n),
            Arbitraries.strings().alpha().ofMaxLength(3_000).map(s -> "https://other.example/" + s),
            Arbitraries.strings().all().ofMaxLength(50));
    return Arbitraries.oneOf(
        ref.map(r -> "Depends-On: " + r),
        ref.map(r -> "depends-on:" + r),
        ref.map(r -> "DependsOn: " + r),
        ref.map(r -> "Depends on " + r),
        ref.map(r -> "  " + r),
        hex.map(h -> "Change-Id: I" + h),
        Arbitraries.of("---", "--- ", "", " ", "Signed-off-by: A <a@example.org>", "Bug: T1"),
        Arbitraries.strings().all().ofMaxLength(80));
  }
}
