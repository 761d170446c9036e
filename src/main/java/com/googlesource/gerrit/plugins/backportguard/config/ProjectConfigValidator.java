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

import com.google.common.collect.ImmutableList;
import com.google.gerrit.entities.RefNames;
import com.google.gerrit.server.config.PluginConfig;
import com.google.gerrit.server.events.CommitReceivedEvent;
import com.google.gerrit.server.git.validators.CommitValidationException;
import com.google.gerrit.server.git.validators.CommitValidationListener;
import com.google.gerrit.server.git.validators.CommitValidationMessage;
import com.google.gerrit.server.git.validators.ValidationMessage;
import com.google.inject.Inject;
import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Rejects a push to {@code refs/meta/config} whose {@code project.config} sets one of the plugin's
 * keys to a value it cannot use, so the admin who made the mistake learns it at once instead of
 * finding an ERROR in the server log later.
 */
class ProjectConfigValidator implements CommitValidationListener {
  private static final String PROJECT_CONFIG = "project.config";

  private final ProjectSettingsLoader loader;

  @Inject
  ProjectConfigValidator(ProjectSettingsLoader loader) {
    this.loader = loader;
  }

  @Override
  public List<CommitValidationMessage> onCommitReceived(CommitReceivedEvent event)
      throws CommitValidationException {
    if (!RefNames.REFS_CONFIG.equals(event.refName)) {
      return ImmutableList.of();
    }
    Config cfg;
    try (TreeWalk tw =
        TreeWalk.forPath(event.revWalk.getObjectReader(), PROJECT_CONFIG, event.commit.getTree())) {
      if (tw == null) {
        return ImmutableList.of();
      }
      cfg = new Config();
      cfg.fromText(
          new String(
              event.revWalk.getObjectReader().open(tw.getObjectId(0)).getBytes(),
              java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException | ConfigInvalidException e) {
      // Gerrit's own project.config validation reports unreadable files.
      return ImmutableList.of();
    }
    if (cfg.getNames("plugin", loader.pluginName()).isEmpty()) {
      return ImmutableList.of();
    }
    PluginConfig section = PluginConfig.createFromGerritConfig(loader.pluginName(), cfg);
    try {
      loader.parse(section, event.project.getName(), true);
    } catch (InvalidSettingsException e) {
      throw new CommitValidationException(
          "invalid backport-guard settings",
          new CommitValidationMessage(e.getMessage(), ValidationMessage.Type.ERROR));
    }
    return ImmutableList.of();
  }
}
