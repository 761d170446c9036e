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

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.Ints;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.revwalk.FooterKey;
import org.eclipse.jgit.revwalk.FooterLine;

/**
 * Reads the {@code Depends-On} footers of a commit message.
 *
 * <p>Footers are found by JGit's {@link FooterLine}, the parser behind Gerrit's {@code footer:}
 * search operator, so what the plugin reads and what a search finds never disagree. Lines in the
 * footer block that look like a failed attempt at such a footer ({@code DependsOn:}, {@code
 * Depends-on I...} without a colon) are returned as unreadable, so the author can fix them.
 */
public class DependencyFooterParser {
  public static final FooterKey DEPENDS_ON = new FooterKey("Depends-On");

  private static final Pattern FULL_CHANGE_ID = Pattern.compile("[Ii]([0-9a-fA-F]{40})");
  private static final Pattern CHANGE_ID_PREFIX = Pattern.compile("[Ii]([0-9a-fA-F]{7,39})");
  private static final Pattern SHORT_HEX = Pattern.compile("[Ii]?[0-9a-fA-F]{1,6}");
  private static final Pattern CHANGE_NUMBER = Pattern.compile("[1-9][0-9]*");
  private static final Pattern PROJECT_NUMBER = Pattern.compile("([^~\\s]+)~([1-9][0-9]*)");
  private static final Pattern TRIPLET = Pattern.compile("([^~\\s]+)~([^~\\s]+)~(\\S+)");

  /**
   * A line in the footer block that tries to be a Depends-On footer: the words "depends on" in any
   * spelling, then a colon or equals sign and anything, or else a single value.
   */
  private static final Pattern NEAR_MISS =
      Pattern.compile(
          "^\\s*depends[\\s_.-]*on(\\s*[:=].*|\\s+\\S+\\s*)$", Pattern.CASE_INSENSITIVE);

  // JGit's footer key starts the line: an indented line continues the footer above it.
  private static final Pattern VALID_KEY = Pattern.compile("depends-on:", Pattern.CASE_INSENSITIVE);

  // git's patch divider: "---" then a space or the end of the line.
  private static final Pattern DIVIDER = Pattern.compile("---(\\s|$)");

  private final ChangeUrlParser urls;

  public DependencyFooterParser(ChangeUrlParser urls) {
    this.urls = urls;
  }

  public DeclaredDependencies parse(String commitMessage) {
    List<FooterLine> footers = FooterLine.fromMessage(commitMessage);
    ImmutableList.Builder<DeclaredDependency> deps = ImmutableList.builder();
    ImmutableList.Builder<UnreadableLine> unreadable = ImmutableList.builder();
    for (FooterLine footer : footers) {
      if (!footer.matches(DEPENDS_ON)) {
        continue;
      }
      String line = (footer.getKey() + ": " + footer.getValue()).strip();
      try {
        deps.add(new DeclaredDependency(line, parseValue(footer.getValue())));
      } catch (NotUnderstoodException e) {
        unreadable.add(new UnreadableLine(line, e.getMessage()));
      }
    }
    List<String> lines = lines(commitMessage);
    int blockStart = footerBlockStart(lines);
    for (String line : lines.subList(blockStart, lines.size())) {
      if (NEAR_MISS.matcher(line).matches() && !isDependsOnFooter(line)) {
        unreadable.add(
            new UnreadableLine(
                line.strip(),
                "not read as a dependency: the footer must be written \"Depends-On: <value>\""
                    + " (key Depends-On, then a colon)"));
      }
    }
    for (String line : trailersAboveDivider(lines, blockStart)) {
      if (NEAR_MISS.matcher(line).matches() || isDependsOnFooter(line)) {
        unreadable.add(
            new UnreadableLine(
                line.strip(),
                "not read as a dependency: git interpret-trailers stops at the \"---\" line"
                    + " below it and reads this as a trailer, but Gerrit reads footers only in"
                    + " the last paragraph; move it into the last paragraph, with Change-Id"));
      }
    }
    return new DeclaredDependencies(deps.build(), unreadable.build());
  }

  /** Parses one footer value. */
  DependencyRef parseValue(String rawValue) throws NotUnderstoodException {
    String value = rawValue.strip();
    if (value.isEmpty()) {
      throw new NotUnderstoodException("the footer has no value");
    }
    if (value.chars().anyMatch(Character::isWhitespace)) {
      throw new NotUnderstoodException(
          "one dependency per line: the value must be a single Change-Id, change number or URL");
    }
    Matcher m = FULL_CHANGE_ID.matcher(value);
    if (m.matches()) {
      return new DependencyRef.ChangeId("I" + m.group(1).toLowerCase(Locale.ROOT));
    }
    m = CHANGE_ID_PREFIX.matcher(value);
    if (m.matches()) {
      return new DependencyRef.ChangeIdPrefix("I" + m.group(1).toLowerCase(Locale.ROOT));
    }
    if (CHANGE_NUMBER.matcher(value).matches()) {
      return new DependencyRef.ChangeNumber(Optional.empty(), changeNumber(value));
    }
    if (SHORT_HEX.matcher(value).matches()) {
      throw new NotUnderstoodException(
          "too short for a Change-Id: write the full Change-Id (I followed by 40 hex digits),"
              + " or at least I and 7 hex digits");
    }
    Optional<URI> uri = ChangeUrlParser.toUri(value);
    if (uri.isPresent()) {
      String scheme = uri.get().getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new NotUnderstoodException("only http and https links can be followed");
      }
      return urls.isThisServer(uri.get())
          ? urls.parse(uri.get())
          : new DependencyRef.External(value);
    }
    m = TRIPLET.matcher(value);
    if (m.matches()) {
      Matcher id = FULL_CHANGE_ID.matcher(m.group(3));
      if (!id.matches()) {
        throw new NotUnderstoodException(
            "a project~branch~Change-Id triplet needs a full Change-Id (I followed by 40 hex"
                + " digits)");
      }
      return new DependencyRef.Triplet(
          m.group(1), m.group(2), "I" + id.group(1).toLowerCase(Locale.ROOT));
    }
    m = PROJECT_NUMBER.matcher(value);
    if (m.matches()) {
      return new DependencyRef.ChangeNumber(Optional.of(m.group(1)), changeNumber(m.group(2)));
    }
    throw new NotUnderstoodException(
        "not a Change-Id, change number, project~number, project~branch~Change-Id or change URL");
  }

  /** Parses a change number, which Gerrit keeps in an int. */
  static int changeNumber(String digits) throws NotUnderstoodException {
    Integer n = Ints.tryParse(digits);
    if (n == null) {
      throw new NotUnderstoodException("too large for a change number: " + digits);
    }
    return n;
  }

  private static boolean isDependsOnFooter(String line) {
    // JGit's footer key: letters, digits and '-', then a colon, matched case-insensitively.
    return VALID_KEY.matcher(line).lookingAt();
  }

  /** The message's lines, without the line feeds that end it, as JGit reads them. */
  private static List<String> lines(String message) {
    int end = message.length();
    while (end > 0 && message.charAt(end - 1) == '\n') {
      end--;
    }
    return List.of(message.substring(0, end).split("\n", -1));
  }

  /**
   * Where JGit's footer block starts: after the last empty line (a line of spaces does not end a
   * paragraph for JGit), and never on the first line, which is the subject.
   */
  private static int footerBlockStart(List<String> lines) {
    for (int i = lines.size() - 1; i > 0; i--) {
      if (lines.get(i).isEmpty()) {
        return i + 1;
      }
    }
    return Math.min(1, lines.size());
  }

  /**
   * The lines that {@code git interpret-trailers} takes for the trailer block when a {@code ---}
   * line (git's patch divider) comes before JGit's footer block: git stops reading the message at
   * the divider and looks for trailers in the paragraph above it, which Gerrit never reads.
   */
  private static List<String> trailersAboveDivider(List<String> lines, int blockStart) {
    int divider = -1;
    for (int i = 1; i < blockStart && divider < 0; i++) {
      if (DIVIDER.matcher(lines.get(i)).lookingAt()) {
        divider = i;
      }
    }
    if (divider < 0) {
      return List.of();
    }
    int end = divider;
    while (end > 1 && lines.get(end - 1).isBlank()) {
      end--;
    }
    int start = end;
    while (start > 1 && !lines.get(start - 1).isBlank()) {
      start--;
    }
    // The first paragraph is the subject, never trailers.
    return start <= 1 ? List.of() : lines.subList(start, end);
  }
}
