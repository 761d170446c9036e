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

import com.google.gerrit.extensions.annotations.PluginData;
import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.extensions.events.GitBatchRefUpdateListener;
import com.google.gerrit.extensions.events.LifecycleListener;
import com.google.gerrit.extensions.events.RevisionCreatedListener;
import com.google.gerrit.extensions.registration.DynamicSet;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.internal.UniqueAnnotations;
import com.googlesource.gerrit.plugins.backportguard.config.ServerSettings;
import com.googlesource.gerrit.plugins.backportguard.parse.ChangeUrlParser;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyFooterParser;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;

/** Checks every new patch set on the plugin's own queue and posts the outcome. */
public class EvaluationModule extends AbstractModule {
  @Override
  protected void configure() {
    // Bound here, not just in time: each plugin injector (the SSH one too) would make its own.
    bind(EvaluationQueue.class);
    bind(MisconfigurationLog.class);
    bind(LifecycleListener.class).annotatedWith(UniqueAnnotations.create()).to(PendingWork.class);
    bind(UpdateLog.class);
    // Stops its writer thread, after writing what is queued.
    bind(LifecycleListener.class).annotatedWith(UniqueAnnotations.create()).to(UpdateLog.class);
    DynamicSet.bind(binder(), GitBatchRefUpdateListener.class).to(UpdateLog.Recorder.class);
    bind(ScheduledExecutorService.class)
        .annotatedWith(EvaluationExecutor.class)
        .toProvider(EvaluationExecutorProvider.class);
    bind(LifecycleListener.class)
        .annotatedWith(UniqueAnnotations.create())
        .to(EvaluationExecutorProvider.class);
    DynamicSet.bind(binder(), RevisionCreatedListener.class).to(RevisionCreatedHandler.class);
  }

  /** Tells a reload in this JVM from a crash: the markers of its runs carry this process's id. */
  @Provides
  @Singleton
  PendingWork pendingWork(@PluginData Path dataDir, @PluginName String pluginName) {
    return new PendingWork(dataDir, PendingWork.THIS_PROCESS, pluginName);
  }

  @Provides
  @Singleton
  DependencyFooterParser parser(ServerSettings settings) {
    return new DependencyFooterParser(new ChangeUrlParser(settings.canonicalWebUrl()));
  }
}
