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

import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.extensions.restapi.ResourceConflictException;
import com.google.gerrit.extensions.restapi.Response;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.gerrit.extensions.restapi.RestReadView;
import com.google.gerrit.server.change.RevisionResource;
import com.google.inject.Inject;
import java.io.IOException;

/**
 * {@code GET /changes/{id}/revisions/{rev}/backport-guard~prerequisites}: what the plugin decides
 * for the change, computed now for the caller. The work is that of one check, within the same
 * bounds (index queries, objects read); nothing is posted.
 */
public class GetPrerequisites implements RestReadView<RevisionResource> {
  private final PrerequisitesAnswer answer;
  private final String pluginName;

  @Inject
  GetPrerequisites(PrerequisitesAnswer answer, @PluginName String pluginName) {
    this.answer = answer;
    this.pluginName = pluginName;
  }

  @Override
  public Response<PrerequisitesInfo> apply(RevisionResource rsrc)
      throws RestApiException, IOException {
    requireCurrent(rsrc, pluginName);
    return Response.ok(answer.forUser(rsrc.getProject(), rsrc.getChange().getId(), rsrc.getUser()));
  }

  /**
   * The plugin checks only the current patch set: an older one (or a change edit) gets a clear
   * answer rather than the current one's verdict under its name.
   */
  static void requireCurrent(RevisionResource rsrc, String pluginName)
      throws ResourceConflictException {
    if (!rsrc.isCurrent() || rsrc.getEdit().isPresent()) {
      throw new ResourceConflictException(
          String.format(
              "%s checks only the current patch set %d",
              pluginName, rsrc.getChange().currentPatchSetId().get()));
    }
  }
}
