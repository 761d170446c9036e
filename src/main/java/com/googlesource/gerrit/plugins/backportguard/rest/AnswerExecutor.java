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
import com.google.gerrit.extensions.events.LifecycleListener;
import com.google.gerrit.server.git.WorkQueue;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.googlesource.gerrit.plugins.backportguard.config.ServerSettings;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The threads that compute answers for REST and SSH callers, in Gerrit's WorkQueue ({@code
 * <plugin>-answers} in show-queue), apart from the evaluations so that answers never hold up votes.
 *
 * <p>Why not the caller's own thread: the caller waits a bounded time ({@link
 * PrerequisitesAnswer#WAIT}) and never does the work itself; and the verdict is resolved in a plain
 * request context, the change owner's, exactly as on the evaluation queue, whatever the HTTP or SSH
 * request scope of the caller holds. Only the {@code Viewer}, made on the caller's thread, knows
 * the caller.
 */
@Singleton
public class AnswerExecutor implements LifecycleListener {
  private final ScheduledExecutorService executor;

  @Inject
  AnswerExecutor(WorkQueue workQueue, @PluginName String pluginName, ServerSettings settings) {
    executor = workQueue.createQueue(settings.threads(), pluginName + "-answers");
  }

  ScheduledExecutorService get() {
    return executor;
  }

  @Override
  public void start() {}

  @Override
  public void stop() {
    executor.shutdownNow();
  }
}
