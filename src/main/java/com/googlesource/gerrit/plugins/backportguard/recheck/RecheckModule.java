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

package com.googlesource.gerrit.plugins.backportguard.recheck;

import com.google.gerrit.extensions.events.ChangeAbandonedListener;
import com.google.gerrit.extensions.events.ChangeDeletedListener;
import com.google.gerrit.extensions.events.ChangeMergedListener;
import com.google.gerrit.extensions.events.ChangeRestoredListener;
import com.google.gerrit.extensions.events.GitBatchRefUpdateListener;
import com.google.gerrit.extensions.events.PrivateStateChangedListener;
import com.google.gerrit.extensions.events.RevisionCreatedListener;
import com.google.gerrit.extensions.events.TopicEditedListener;
import com.google.gerrit.extensions.registration.DynamicSet;
import com.google.inject.AbstractModule;

/** Keeps verdicts true: re-checks dependents when the changes they depend on change. */
public class RecheckModule extends AbstractModule {
  @Override
  protected void configure() {
    // Bound here, so the SSH command's injector shares the one instance instead of making its own.
    bind(RecheckScheduler.class);
    DynamicSet.bind(binder(), ChangeMergedListener.class).to(ChangeEventsHandler.class);
    DynamicSet.bind(binder(), ChangeAbandonedListener.class).to(ChangeEventsHandler.class);
    DynamicSet.bind(binder(), ChangeRestoredListener.class).to(ChangeEventsHandler.class);
    DynamicSet.bind(binder(), ChangeDeletedListener.class).to(ChangeEventsHandler.class);
    DynamicSet.bind(binder(), PrivateStateChangedListener.class).to(ChangeEventsHandler.class);
    DynamicSet.bind(binder(), RevisionCreatedListener.class).to(ChangeEventsHandler.class);
    DynamicSet.bind(binder(), TopicEditedListener.class).to(ChangeEventsHandler.class);
    DynamicSet.bind(binder(), GitBatchRefUpdateListener.class).to(BranchUpdateHandler.class);
  }
}
