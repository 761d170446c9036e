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

package com.googlesource.gerrit.plugins.backportguard.evaluate;

import com.google.common.flogger.FluentLogger;
import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.extensions.events.LifecycleListener;
import com.google.gerrit.server.git.WorkQueue;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.googlesource.gerrit.plugins.backportguard.config.ServerSettings;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Creates the evaluation queue in Gerrit's WorkQueue (visible in show-queue), with Gerrit's queue
 * metrics ({@code queue/<name>/...}), and stops it.
 */
@Singleton
class EvaluationExecutorProvider implements Provider<ScheduledExecutorService>, LifecycleListener {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  private final ScheduledExecutorService executor;

  @Inject
  EvaluationExecutorProvider(
      WorkQueue workQueue, @PluginName String pluginName, ServerSettings settings) {
    executor = create(workQueue, settings.threads(), pluginName);
  }

  /**
   * The queue with Gerrit's queue metrics, named after the queue. Their names can be taken by an
   * earlier instance of the plugin: during a hot reload the new instance starts before the old one
   * stops, and Gerrit before 3.13 never removes them when a queue stops. Making them again then
   * throws, and the queue runs without them (a warning says so) rather than the plugin failing to
   * load; a restart of Gerrit brings them back.
   */
  static ScheduledExecutorService create(WorkQueue workQueue, int threads, String name) {
    try {
      return workQueue.createQueue(threads, name, true);
    } catch (IllegalArgumentException | IllegalStateException e) {
      logger.atWarning().log(
          "Queue %s runs without Gerrit's queue metrics until Gerrit restarts: their names are"
              + " held by an earlier instance of the plugin (%s)",
          name, e.getMessage());
      return workQueue.createQueue(threads, name);
    }
  }

  @Override
  public ScheduledExecutorService get() {
    return executor;
  }

  @Override
  public void start() {}

  @Override
  public void stop() {
    executor.shutdownNow();
  }
}
