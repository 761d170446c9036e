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

package com.googlesource.gerrit.plugins.backportguard.replay;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately simple reader of commit message footers, sharing nothing with the plugin's parser
 * or with JGit (which the parser is built on), so that the replay's expected verdict does not
 * repeat what it checks. It reads footers as Gerrit documents them: {@code Key: value} lines in the
 * last paragraph (after the last empty line; never the subject line), a key of letters, digits and
 * dashes matched without regard to case, an indented line continuing the value above it.
 */
final class FooterReader {
  /** One footer, its value unfolded and stripped. */
  record Footer(String key, String value) {
    boolean is(String k) {
      return key.equalsIgnoreCase(k);
    }
  }

  private static final Pattern FOOTER = Pattern.compile("([A-Za-z0-9-]+):(.*)");
  private static final Pattern DEPENDS =
      Pattern.compile("\\s*depends\\b.*", Pattern.CASE_INSENSITIVE);
  private static final Pattern DIVIDER = Pattern.compile("---(\\s.*)?");

  private FooterReader() {}

  /** The footers of a message, in order. */
  static ImmutableList<Footer> footers(String message) {
    List<String> paragraph = lastParagraph(message);
    List<Footer> out = new ArrayList<>();
    StringBuilder value = null;
    String key = null;
    for (String line : paragraph) {
      Matcher m = FOOTER.matcher(line);
      if (m.matches()) {
        if (key != null) {
          out.add(new Footer(key, value.toString().strip()));
        }
        key = m.group(1);
        value = new StringBuilder(m.group(2).strip());
      } else if (key != null && !line.isEmpty() && Character.isWhitespace(line.charAt(0))) {
        value.append(' ').append(line.strip());
      } else if (key != null) {
        out.add(new Footer(key, value.toString().strip()));
        key = null;
      }
    }
    if (key != null) {
      out.add(new Footer(key, value.toString().strip()));
    }
    return ImmutableList.copyOf(out);
  }

  /** The values of the footers with this key, in order. */
  static ImmutableList<String> values(String message, String key) {
    return footers(message).stream()
        .filter(f -> f.is(key))
        .map(Footer::value)
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * Why the plugin may quote a line of the message back as not understood, which this reader does
   * not model: a line of the last paragraph that starts with "depends" but is no {@code
   * Depends-On:} footer, or a {@code ---} line after the subject (git reads trailers above it, and
   * the plugin reports a Depends-On there). Empty when there is none.
   */
  static ImmutableList<String> unjudged(String message) {
    ImmutableList.Builder<String> out = ImmutableList.builder();
    for (String line : lastParagraph(message)) {
      if (DEPENDS.matcher(line).matches()
          && !line.toLowerCase(Locale.ROOT).startsWith("depends-on:")) {
        out.add("a line that may be meant as a Depends-On footer: " + line.strip());
      }
    }
    List<String> lines = lines(message);
    for (int i = 1; i < lines.size(); i++) {
      if (DIVIDER.matcher(lines.get(i)).matches()
          && lines.subList(1, i).stream().anyMatch(l -> DEPENDS.matcher(l).matches())) {
        out.add("a \"---\" line below a line that starts with \"depends\"");
        break;
      }
    }
    return out.build();
  }

  /** The lines of a message without line ends, trailing blank lines dropped. */
  private static List<String> lines(String message) {
    List<String> lines = new ArrayList<>();
    for (String l : message.split("\n", -1)) {
      lines.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** The lines after the last empty line, the subject excluded. */
  private static List<String> lastParagraph(String message) {
    List<String> lines = lines(message);
    if (lines.size() < 2) {
      return List.of();
    }
    int lastEmpty = lines.lastIndexOf("");
    return lines.subList(Math.max(1, lastEmpty + 1), lines.size());
  }
}
