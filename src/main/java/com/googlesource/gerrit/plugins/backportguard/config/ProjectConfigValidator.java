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
import com.google.gerrit.entities.Project;
import com.google.gerrit.entities.RefNames;
import com.google.gerrit.server.config.AllProjectsName;
import com.google.gerrit.server.config.PluginConfig;
import com.google.gerrit.server.events.CommitReceivedEvent;
import com.google.gerrit.server.git.validators.CommitValidationException;
import com.google.gerrit.server.git.validators.CommitValidationListener;
import com.google.gerrit.server.git.validators.CommitValidationMessage;
import com.google.gerrit.server.git.validators.ValidationMessage;
import com.google.gerrit.server.project.NoSuchProjectException;
import com.google.gerrit.server.project.ProjectCache;
import com.google.inject.Inject;
import java.io.IOException;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /** A label value as project.config writes it: "-1 Fails", "+1 Verified", " 0 No score". */
  private static final Pattern LABEL_VALUE = Pattern.compile("\\s*([-+]?[0-9]{1,5})(\\s|$)");

  private final ProjectSettingsLoader loader;
  private final ProjectCache projectCache;
  private final AllProjectsName allProjects;

  @Inject
  ProjectConfigValidator(
      ProjectSettingsLoader loader, ProjectCache projectCache, AllProjectsName allProjects) {
    this.loader = loader;
    this.projectCache = projectCache;
    this.allProjects = allProjects;
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
      checkVotesWithinLabel(cfg, section, event.project);
    } catch (InvalidSettingsException e) {
      throw new CommitValidationException(
          "invalid " + loader.pluginName() + " settings",
          new CommitValidationMessage(e.getMessage(), ValidationMessage.Type.ERROR));
    }
    return ImmutableList.of();
  }

  /**
   * Rejects a failVote or passVote (set here or inherited) that the label the project will vote on
   * does not have: Gerrit would refuse every such vote. The label's values are read from this push
   * when it defines the label, else from the labels the project has now (its own and its parents').
   * A label that exists nowhere is reported when a change is checked.
   */
  private void checkVotesWithinLabel(Config cfg, PluginConfig section, Project project)
      throws InvalidSettingsException {
    ProjectSettings inherited = inheritedSettings(cfg, project);
    if (inherited == null) {
      return;
    }
    String label = section.getString(ProjectSettingsLoader.KEY_LABEL, inherited.label()).strip();
    Optional<Range> range = labelRange(cfg, project.getNameKey(), label);
    if (range.isEmpty()) {
      return;
    }
    checkVote(
        section, project, ProjectSettingsLoader.KEY_FAIL_VOTE, inherited.failVote(), label, range);
    checkVote(
        section, project, ProjectSettingsLoader.KEY_PASS_VOTE, inherited.passVote(), label, range);
  }

  private void checkVote(
      PluginConfig section,
      Project project,
      String key,
      int inheritedValue,
      String label,
      Optional<Range> range)
      throws InvalidSettingsException {
    int vote = section.getInt(key, inheritedValue);
    // 0 removes the plugin's vote: always possible.
    if (vote != 0 && (vote < range.get().min() || vote > range.get().max())) {
      throw new InvalidSettingsException(
          key,
          String.format(
              "project.config of %s: [plugin \"%s\"] %s %d is outside the range of label %s"
                  + " (%s..%s)%s",
              project.getName(),
              loader.pluginName(),
              key,
              vote,
              label,
              signed(range.get().min()),
              signed(range.get().max()),
              section.getString(key) == null ? ", inherited from the parent project" : ""));
    }
  }

  private static String signed(int v) {
    return v > 0 ? "+" + v : Integer.toString(v);
  }

  /** The values of a label, lowest and highest. */
  private record Range(int min, int max) {}

  /**
   * The settings this project inherits from its parent as it is now, or null when they are invalid
   * there (the parent's own push reports that).
   */
  private ProjectSettings inheritedSettings(Config cfg, Project project) {
    if (project.getNameKey().equals(allProjects)) {
      return new ProjectSettings(
          true,
          ProjectSettings.DEFAULT_LABEL,
          ProjectSettings.DEFAULT_FAIL_VOTE,
          ProjectSettings.DEFAULT_PASS_VOTE,
          BranchPatterns.parse(List.of()),
          false,
          true);
    }
    String parent = cfg.getString("access", null, "inheritFrom");
    Project.NameKey parentName =
        parent != null && !parent.isBlank()
            ? Project.nameKey(parent.strip())
            : Optional.ofNullable(project.getParent()).orElse(allProjects);
    try {
      return loader.load(parentName);
    } catch (InvalidSettingsException | NoSuchProjectException e) {
      return null;
    }
  }

  private Optional<Range> labelRange(Config cfg, Project.NameKey project, String label) {
    String[] pushed = cfg.getStringList("label", label, "value");
    if (pushed.length > 0) {
      IntSummaryStatistics values = new IntSummaryStatistics();
      for (String v : pushed) {
        Matcher m = LABEL_VALUE.matcher(v);
        if (m.lookingAt()) {
          values.accept(Integer.parseInt(m.group(1)));
        }
      }
      return values.getCount() == 0
          ? Optional.empty()
          : Optional.of(new Range(values.getMin(), values.getMax()));
    }
    return projectCache
        .get(project)
        .flatMap(p -> p.getLabelTypes().byLabel(label))
        .map(t -> new Range(t.getMin().getValue(), t.getMax().getValue()));
  }
}
