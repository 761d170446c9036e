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

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the change URLs that this Gerrit server prints or accepts.
 *
 * <p>A URL counts as this server's when its host and port match {@code gerrit.canonicalWebUrl}; the
 * scheme may differ (http links to an https site still name its changes) and the base path ({@code
 * /r/}) may be present or not, because both forms circulate in commit messages.
 */
public class ChangeUrlParser {
  private static final Pattern PROJECT_CHANGE = Pattern.compile("c/(.+?)/\\+/([1-9][0-9]*)(/.*)?");
  private static final Pattern C_CHANGE = Pattern.compile("c/([1-9][0-9]*)(/.*)?");
  private static final Pattern BARE_CHANGE = Pattern.compile("([1-9][0-9]*)/?");

  private final Optional<URI> canonical;

  public ChangeUrlParser(Optional<String> canonicalWebUrl) {
    this.canonical = canonicalWebUrl.flatMap(ChangeUrlParser::toUri);
  }

  /** True when {@code url} is an http(s) URL on this server. */
  boolean isThisServer(URI url) {
    if (canonical.isEmpty() || url.getHost() == null) {
      return false;
    }
    URI c = canonical.get();
    // Default ports match across schemes: an http link to an https site names the same change.
    boolean samePort = (isDefaultPort(url) && isDefaultPort(c)) || port(url) == port(c);
    return url.getHost().equalsIgnoreCase(c.getHost()) && samePort;
  }

  /**
   * Parses a URL of this server into the change it names.
   *
   * @throws NotUnderstoodException if the URL is on this server but names no change
   */
  DependencyRef.ChangeNumber parse(URI url) throws NotUnderstoodException {
    // Decoded path: a project name may be escaped (mediawiki%2Fcore); '+' stays a plus.
    String rest = stripBasePath(nullToEmpty(url.getPath()));
    if (rest.isEmpty() && url.getFragment() != null) {
      // The old UI put the route in the fragment: /#/c/12345/ or /r/#/c/project/+/12345.
      rest = stripLeadingSlashes(url.getFragment());
    }
    Matcher m = PROJECT_CHANGE.matcher(rest);
    if (m.matches()) {
      if (m.group(1).indexOf('~') >= 0) {
        // Gerrit looks a change up by project~number only for a project without '~' (its
        // PAT_PROJECT_CHANGE_NUM); with one, it reads a project~branch~id triplet instead.
        throw new NotUnderstoodException(
            "this link's project name contains '~', so Gerrit cannot look the change up by"
                + " project and number; write the change's Change-Id instead");
      }
      return new DependencyRef.ChangeNumber(
          Optional.of(m.group(1)), DependencyFooterParser.changeNumber(m.group(2)));
    }
    for (Pattern p : new Pattern[] {C_CHANGE, BARE_CHANGE}) {
      m = p.matcher(rest);
      if (m.matches()) {
        return new DependencyRef.ChangeNumber(
            Optional.empty(), DependencyFooterParser.changeNumber(m.group(1)));
      }
    }
    throw new NotUnderstoodException(
        "this is a link to this Gerrit server, but not to a change; link the change itself,"
            + " e.g. "
            + example());
  }

  private String stripBasePath(String path) {
    String rest = stripLeadingSlashes(path);
    String base = canonical.map(c -> stripLeadingSlashes(nullToEmpty(c.getRawPath()))).orElse("");
    if (!base.isEmpty() && (rest + "/").startsWith(base.endsWith("/") ? base : base + "/")) {
      rest = rest.length() > base.length() ? rest.substring(base.length()) : "";
      rest = stripLeadingSlashes(rest);
    }
    return rest;
  }

  private String example() {
    String base = canonical.map(URI::toString).orElse("https://gerrit.example/");
    return (base.endsWith("/") ? base : base + "/") + "c/project/+/12345";
  }

  static Optional<URI> toUri(String s) {
    try {
      URI uri = new URI(s.trim());
      String scheme = uri.getScheme();
      if (scheme == null || uri.getHost() == null) {
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static int port(URI uri) {
    return uri.getPort() != -1 ? uri.getPort() : defaultPort(uri);
  }

  private static boolean isDefaultPort(URI uri) {
    return uri.getPort() == -1 || uri.getPort() == defaultPort(uri);
  }

  private static int defaultPort(URI uri) {
    return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
  }

  private static String stripLeadingSlashes(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == '/') {
      i++;
    }
    return s.substring(i);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
