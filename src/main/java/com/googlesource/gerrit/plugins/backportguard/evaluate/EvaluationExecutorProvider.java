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

import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.extensions.events.LifecycleListener;
import com.google.gerrit.server.git.WorkQueue;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.googlesource.gerrit.plugins.backportguard.config.ServerSettings;
import java.util.concurrent.ScheduledExecutorService;

/** Creates the evaluation queue in Gerrit's WorkQueue (visible in show-queue) and stops it. */
@Singleton
class EvaluationExecutorProvider implements Provider<ScheduledExecutorService>, LifecycleListener {
  private final ScheduledExecutorService executor;

  @Inject
  EvaluationExecutorProvider(
      WorkQueue workQueue, @PluginName String pluginName, ServerSettings settings) {
    executor = workQueue.createQueue(settings.threads(), pluginName);
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
