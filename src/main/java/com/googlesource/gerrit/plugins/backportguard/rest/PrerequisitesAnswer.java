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

package com.googlesource.gerrit.plugins.backportguard.rest;

import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.extensions.registration.DynamicItem;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.gerrit.server.CurrentUser;
import com.google.gerrit.server.config.UrlFormatter;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.assess.Assessment;
import com.googlesource.gerrit.plugins.backportguard.assess.Assessor;
import com.googlesource.gerrit.plugins.backportguard.assess.Viewer;
import java.io.IOException;

/**
 * The answer about a change for one user, the same for REST and SSH: the plugin's decision, naming
 * only what the comment names and the user can read.
 */
public class PrerequisitesAnswer {
  private final Assessor assessor;
  private final Viewer.Factory viewers;
  private final PrerequisitesJson json;

  @Inject
  PrerequisitesAnswer(
      Assessor assessor,
      Viewer.Factory viewers,
      DynamicItem<UrlFormatter> urlFormatter,
      @PluginName String pluginName) {
    this.assessor = assessor;
    this.viewers = viewers;
    this.json =
        new PrerequisitesJson(
            (p, n) ->
                urlFormatter
                    .get()
                    .getChangeViewUrl(Project.nameKey(p), Change.id(n))
                    // Without gerrit.canonicalWebUrl, a link relative to the server's root.
                    .orElse("/c/" + p + "/+/" + n),
            pluginName);
  }

  /** What the plugin decides for the change's current patch set, as the user may see it. */
  public PrerequisitesInfo forUser(Project.NameKey project, Change.Id change, CurrentUser user)
      throws RestApiException, IOException {
    // The viewer is made here, before the resolution switches to the owner's request context.
    Viewer viewer = viewers.of(user);
    Assessment assessment = assessor.assess(project, change, viewer);
    return json.of(assessment);
  }
}
