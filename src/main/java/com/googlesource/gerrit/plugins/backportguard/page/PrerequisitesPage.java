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

package com.googlesource.gerrit.plugins.backportguard.page;

import com.google.common.net.UrlEscapers;
import java.util.Optional;

/**
 * The plugin's page of a change's prerequisites across branches: a static HTML/JS/CSS bundle that
 * Gerrit serves from the plugin's jar ({@code static/prerequisites.html}) and that reads the
 * plugin's REST API in the reader's own session.
 */
public final class PrerequisitesPage {
  /** The page, under the plugin's URL space. */
  public static final String PATH = "static/prerequisites.html";

  private PrerequisitesPage() {}

  /**
   * The page of one change: only the change's own project and number go in the link, in its
   * fragment (which browsers never send to the server).
   *
   * @param webUrl the server's canonical web URL, ending with "/"; empty for a link relative to the
   *     server's root, as the plugin's change links are without one
   */
  public static String link(
      Optional<String> webUrl, String pluginName, String project, int number) {
    return webUrl.orElse("/")
        + "plugins/"
        + pluginName
        + "/"
        + PATH
        + "#"
        + UrlEscapers.urlFragmentEscaper().escape(project)
        + "~"
        + number;
  }
}
