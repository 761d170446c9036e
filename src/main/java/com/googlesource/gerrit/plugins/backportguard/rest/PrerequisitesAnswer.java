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

import com.google.common.base.Throwables;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.exceptions.StorageException;
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
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The answer about a change for one user, the same for REST and SSH: the plugin's decision, naming
 * only what the comment names and the user can read.
 */
public class PrerequisitesAnswer {
  /** How long a caller waits for an answer at most. */
  static final Duration WAIT = Duration.ofSeconds(60);

  private final Assessor assessor;
  private final Viewer.Factory viewers;
  private final PrerequisitesJson json;
  private final AnswerExecutor executor;

  @Inject
  PrerequisitesAnswer(
      Assessor assessor,
      Viewer.Factory viewers,
      DynamicItem<UrlFormatter> urlFormatter,
      AnswerExecutor executor,
      @PluginName String pluginName) {
    this.executor = executor;
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
    // Resolved on the plugin's own thread, as the owner: see AnswerExecutor.
    Future<Assessment> assessment =
        executor.get().submit(() -> assessor.assess(project, change, viewer));
    try {
      return json.of(assessment.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      assessment.cancel(true);
      throw new StorageException(
          String.format(
              "the check of change %d did not finish within %d s", change.get(), WAIT.toSeconds()),
          e);
    } catch (InterruptedException e) {
      assessment.cancel(true);
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while checking change " + change.get(), e);
    } catch (ExecutionException e) {
      Throwables.throwIfInstanceOf(e.getCause(), RestApiException.class);
      Throwables.throwIfInstanceOf(e.getCause(), IOException.class);
      Throwables.throwIfUnchecked(e.getCause());
      throw new StorageException(e.getCause());
    }
  }
}
