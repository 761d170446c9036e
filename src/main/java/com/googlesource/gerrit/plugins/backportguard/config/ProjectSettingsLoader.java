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

import com.google.gerrit.entities.LabelType;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.server.config.PluginConfig;
import com.google.gerrit.server.config.PluginConfigFactory;
import com.google.gerrit.server.project.NoSuchProjectException;
import com.google.gerrit.server.project.ProjectCache;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the {@code [plugin "backport-guard"]} section of a project's {@code project.config}, each
 * key inherited from the parent projects when the project does not set it.
 */
@Singleton
public class ProjectSettingsLoader {
  public static final String KEY_ENABLED = "enabled";
  public static final String KEY_LABEL = "label";
  public static final String KEY_FAIL_VOTE = "failVote";
  public static final String KEY_PASS_VOTE = "passVote";
  public static final String KEY_BACKPORT_BRANCH = "backportBranch";
  public static final String KEY_CHECK_ALL_CHANGES = "checkAllChanges";
  public static final String KEY_BLOCK_ON_NOT_FOUND = "blockOnNotFound";

  private final PluginConfigFactory configFactory;
  private final ProjectCache projectCache;
  private final String pluginName;

  @Inject
  ProjectSettingsLoader(
      PluginConfigFactory configFactory, ProjectCache projectCache, @PluginName String pluginName) {
    this.configFactory = configFactory;
    this.projectCache = projectCache;
    this.pluginName = pluginName;
  }

  public ProjectSettings load(Project.NameKey project)
      throws InvalidSettingsException, NoSuchProjectException {
    PluginConfig cfg = configFactory.getFromProjectConfigWithInheritance(project, pluginName);
    return parse(cfg, project.get(), false);
  }

  /**
   * Parses and checks the settings; the error names the key to fix.
   *
   * @param ownSection whether {@code cfg} is one project's own section, without inheritance (a
   *     pushed project.config): then failVote and passVote are compared only when both are set in
   *     it, since either may be inherited
   */
  ProjectSettings parse(PluginConfig cfg, String project, boolean ownSection)
      throws InvalidSettingsException {
    String where = "project.config of " + project + (ownSection ? "" : " (or a parent)");
    boolean enabled = bool(cfg, where, KEY_ENABLED, true);
    String label = cfg.getString(KEY_LABEL, ProjectSettings.DEFAULT_LABEL).strip();
    if (label.isEmpty()) {
      throw invalid(where, KEY_LABEL, "must name a label");
    }
    int failVote =
        vote(cfg, where, project, label, KEY_FAIL_VOTE, ProjectSettings.DEFAULT_FAIL_VOTE);
    int passVote =
        vote(cfg, where, project, label, KEY_PASS_VOTE, ProjectSettings.DEFAULT_PASS_VOTE);
    boolean bothVotesSet =
        cfg.getString(KEY_FAIL_VOTE) != null && cfg.getString(KEY_PASS_VOTE) != null;
    if ((!ownSection || bothVotesSet) && failVote >= passVote) {
      throw invalid(
          where,
          KEY_FAIL_VOTE,
          "must be lower than " + KEY_PASS_VOTE + " (" + failVote + " >= " + passVote + ")");
    }
    BranchPatterns branches;
    try {
      branches = BranchPatterns.parse(Arrays.asList(cfg.getStringList(KEY_BACKPORT_BRANCH)));
    } catch (IllegalArgumentException e) {
      throw invalid(where, KEY_BACKPORT_BRANCH, e.getMessage());
    }
    return new ProjectSettings(
        enabled,
        label,
        failVote,
        passVote,
        branches,
        bool(cfg, where, KEY_CHECK_ALL_CHANGES, false),
        bool(cfg, where, KEY_BLOCK_ON_NOT_FOUND, true));
  }

  private InvalidSettingsException invalid(String where, String key, String why) {
    return new InvalidSettingsException(
        key, String.format("%s: [plugin \"%s\"] %s %s", where, pluginName, key, why));
  }

  /** The plugin's section name in project.config. */
  public String pluginName() {
    return pluginName;
  }

  private boolean bool(PluginConfig cfg, String where, String key, boolean dflt)
      throws InvalidSettingsException {
    try {
      return cfg.getBoolean(key, dflt);
    } catch (IllegalArgumentException e) {
      throw invalid(where, key, "must be true or false, not \"" + cfg.getString(key) + "\"");
    }
  }

  /**
   * A vote: a whole number that a label can have. JGit reads suffixes ({@code -64k} is -65536), and
   * a label's values are {@code short}s: a vote beyond them is no value of any label, and would be
   * silently cut by a cast.
   */
  private int vote(
      PluginConfig cfg, String where, String project, String label, String key, int dflt)
      throws InvalidSettingsException {
    int vote = integer(cfg, where, key, dflt);
    if (vote == (short) vote) {
      return vote;
    }
    Optional<LabelType> type =
        projectCache.get(Project.nameKey(project)).flatMap(p -> p.getLabelTypes().byLabel(label));
    String range =
        type.map(
                t ->
                    String.format(
                        "the range of label %s (%d..%+d)",
                        label, t.getMin().getValue(), t.getMax().getValue()))
            .orElse("the values a label can have");
    throw invalid(
        where,
        key,
        String.format(
            "%d is outside %s; label values are between %d and %+d",
            vote, range, Short.MIN_VALUE, Short.MAX_VALUE));
  }

  private int integer(PluginConfig cfg, String where, String key, int dflt)
      throws InvalidSettingsException {
    try {
      return cfg.getInt(key, dflt);
    } catch (IllegalArgumentException e) {
      throw invalid(where, key, "must be a whole number, not \"" + cfg.getString(key) + "\"");
    }
  }
}
