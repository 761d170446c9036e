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
import com.google.common.collect.Lists;
import com.google.common.primitives.Ints;
import java.net.URI;
import java.util.ArrayList;
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

  /** Lines of the footer block read at most; the lines after them are counted, not read. */
  public static final int MAX_FOOTER_LINES = 1_000;

  /** Characters of the footer block read at most. */
  public static final int MAX_FOOTER_CHARS = 128 * 1024;

  /** Characters of a footer value read at most: no reference is nearly this long. */
  public static final int MAX_VALUE_CHARS = 2_000;

  /** Characters of a line kept to quote back to the author. */
  static final int MAX_QUOTED_CHARS = 500;

  private final ChangeUrlParser urls;

  public DependencyFooterParser(ChangeUrlParser urls) {
    this.urls = urls;
  }

  /**
   * Reads the dependencies a commit message declares. Whatever the message, the work is linear in
   * its length and the result holds at most {@link #MAX_FOOTER_LINES} dependencies: lines of the
   * footer block past {@link #MAX_FOOTER_LINES} or {@link #MAX_FOOTER_CHARS} are not read, and when
   * some of them look like dependencies, one unreadable line says how many.
   */
  public DeclaredDependencies parse(String commitMessage) {
    Message message = new Message(commitMessage);
    ImmutableList.Builder<DeclaredDependency> deps = ImmutableList.builder();
    ImmutableList.Builder<UnreadableLine> unreadable = ImmutableList.builder();
    for (FooterLine footer : message.footers()) {
      if (!footer.matches(DEPENDS_ON)) {
        continue;
      }
      String value = footer.getValue();
      if (value.length() > MAX_VALUE_CHARS) {
        unreadable.add(
            new UnreadableLine(
                quoted((footer.getKey() + ": " + value).strip()),
                String.format(
                    "the value is %,d characters long; a Change-Id, change number or link is far"
                        + " shorter",
                    value.length())));
        continue;
      }
      // Quoted whole (it is at most MAX_VALUE_CHARS long) and on one line, so it reads back the
      // same: a value may start on the line below its key, as a continuation line.
      String line = (footer.getKey() + ": " + value.strip()).strip();
      try {
        deps.add(new DeclaredDependency(line, parseValue(value)));
      } catch (NotUnderstoodException e) {
        unreadable.add(new UnreadableLine(quoted(line), quoted(e.getMessage())));
      }
    }
    for (String line : message.readLines()) {
      if (NEAR_MISS.matcher(line).matches() && !isDependsOnFooter(line)) {
        unreadable.add(
            new UnreadableLine(
                quoted(line.strip()),
                "not read as a dependency: the footer must be written \"Depends-On: <value>\""
                    + " (key Depends-On, then a colon)"));
      }
    }
    message
        .unreadDeclarations()
        .ifPresent(
            n ->
                unreadable.add(
                    new UnreadableLine(
                        String.format("%,d more Depends-On %s", n, n == 1 ? "line" : "lines"),
                        String.format(
                            "not read: the plugin reads the first %,d lines (%,d characters) of"
                                + " the footer block; declare fewer dependencies, or split the"
                                + " change",
                            MAX_FOOTER_LINES, MAX_FOOTER_CHARS))));
    for (String line : message.trailersAboveDivider()) {
      if (NEAR_MISS.matcher(line).matches() || isDependsOnFooter(line)) {
        unreadable.add(
            new UnreadableLine(
                quoted(line.strip()),
                "not read as a dependency: git interpret-trailers stops at the \"---\" line"
                    + " below it and reads this as a trailer, but Gerrit reads footers only in"
                    + " the last paragraph; move it into the last paragraph, with Change-Id"));
      }
    }
    return new DeclaredDependencies(deps.build(), unreadable.build());
  }

  /** The line as quoted back: cut with "…" when it is longer than anyone needs to see. */
  static String quoted(String line) {
    if (line.length() <= MAX_QUOTED_CHARS) {
      return line;
    }
    int end = MAX_QUOTED_CHARS - 1;
    if (Character.isHighSurrogate(line.charAt(end - 1))) {
      end--;
    }
    return line.substring(0, end) + "…";
  }

  /** Parses one footer value. */
  public DependencyRef parseValue(String rawValue) throws NotUnderstoodException {
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

  /**
   * A commit message, looked at the way JGit's {@link FooterLine} looks at it, but never more of it
   * than the bounds allow: offsets into the one string, no copy of the whole.
   */
  private static final class Message {
    private final String text;

    /** Where the subject line ends: the offset of its line feed, or the end. */
    private final int subjectEnd;

    /** Where the footer block starts, as JGit finds it. */
    private final int blockStart;

    /** Where the message ends, without the line feeds and spaces that JGit ignores. */
    private final int end;

    /** Where the part of the footer block that is not read starts; the end if all is read. */
    private final int unreadStart;

    /** Where the part of the footer block that is read ends. */
    private final int readEnd;

    Message(String text) {
      this.text = text;
      int e = text.length();
      while (e > 0 && (text.charAt(e - 1) == '\n' || text.charAt(e - 1) == ' ')) {
        e--;
      }
      this.end = e;
      int f = text.indexOf('\n');
      this.subjectEnd = f < 0 || f >= e ? e : f;
      this.blockStart = footerBlockStart();
      this.unreadStart = unreadStart();
      this.readEnd = unreadStart == end ? end : Math.max(blockStart, unreadStart - 1);
    }

    /**
     * Where JGit's footer block starts: after the last empty line (a line of spaces does not end a
     * paragraph for JGit), and never on the first line, which is the subject.
     */
    private int footerBlockStart() {
      if (subjectEnd >= end) {
        return end;
      }
      int p = text.lastIndexOf("\n\n", end - 1);
      return p >= 0 ? p + 2 : subjectEnd + 1;
    }

    /**
     * Where the part of the footer block that is not read starts: nowhere (the end) unless the
     * block has more lines or characters than the bounds; then after the last footer that ends
     * within them.
     */
    private int unreadStart() {
      int pos = blockStart;
      for (int lines = 0; pos < end; lines++) {
        int lineEnd = lineEnd(pos);
        if (lines == MAX_FOOTER_LINES || lineEnd - blockStart > MAX_FOOTER_CHARS) {
          // Never between a footer and the indented lines that continue its value.
          while (pos > blockStart && text.charAt(pos) == ' ') {
            pos = previousLine(pos);
          }
          return pos;
        }
        pos = lineEnd + 1;
      }
      return end;
    }

    private int lineEnd(int from) {
      int lf = text.indexOf('\n', from);
      return lf < 0 || lf > end ? end : lf;
    }

    /** The start of the line before the line that starts at {@code lineStart}. */
    private int previousLine(int lineStart) {
      return text.lastIndexOf('\n', lineStart - 2) + 1;
    }

    /** The footers of the part of the block that is read, as JGit reads them. */
    List<FooterLine> footers() {
      if (readEnd == end) {
        return FooterLine.fromMessage(text);
      }
      // The subject and the part of the block that is read, and nothing in between.
      return FooterLine.fromMessage(
          text.substring(0, subjectEnd) + "\n\n" + text.substring(blockStart, readEnd) + "\n");
    }

    /** The lines of the footer block that are read. */
    List<String> readLines() {
      return blockStart >= readEnd
          ? List.of()
          : List.of(text.substring(blockStart, readEnd).split("\n", -1));
    }

    /** How many of the lines not read look like Depends-On footers, if any do. */
    Optional<Integer> unreadDeclarations() {
      int count = 0;
      for (int pos = unreadStart; pos < end; ) {
        int start = pos;
        int lineEnd = lineEnd(pos);
        while (start < lineEnd && Character.isWhitespace(text.charAt(start))) {
          start++;
        }
        if (text.regionMatches(true, start, "depends", 0, "depends".length())) {
          count++;
        }
        pos = lineEnd + 1;
      }
      return count > 0 ? Optional.of(count) : Optional.empty();
    }

    /**
     * The lines that {@code git interpret-trailers} takes for the trailer block when a {@code ---}
     * line (git's patch divider) comes before JGit's footer block: git stops reading the message at
     * the divider and looks for trailers in the paragraph above it, which Gerrit never reads. At
     * most the last {@link #MAX_FOOTER_LINES} lines of that paragraph.
     */
    List<String> trailersAboveDivider() {
      int line1 = subjectEnd + 1;
      int divider = -1;
      for (int pos = line1; pos < blockStart && divider < 0; ) {
        int lineEnd = lineEnd(pos);
        if (text.startsWith("---", pos)
            && (pos + 3 >= lineEnd || Character.isWhitespace(text.charAt(pos + 3)))) {
          divider = pos;
        }
        pos = lineEnd + 1;
      }
      if (divider < 0) {
        return List.of();
      }
      // Back over blank lines, then over the paragraph; line 1 belongs to the subject's.
      int endLine = divider;
      while (endLine > line1 && isBlank(previousLine(endLine), endLine - 1)) {
        endLine = previousLine(endLine);
      }
      List<String> paragraph = new ArrayList<>();
      int start = endLine;
      while (start > line1 && !isBlank(previousLine(start), start - 1)) {
        start = previousLine(start);
        if (paragraph.size() < MAX_FOOTER_LINES) {
          paragraph.add(text.substring(start, lineEnd(start)));
        }
      }
      if (start <= line1) {
        return List.of();
      }
      return Lists.reverse(paragraph);
    }

    private boolean isBlank(int from, int to) {
      for (int i = from; i < to; i++) {
        if (!Character.isWhitespace(text.charAt(i))) {
          return false;
        }
      }
      return true;
    }
  }
}
