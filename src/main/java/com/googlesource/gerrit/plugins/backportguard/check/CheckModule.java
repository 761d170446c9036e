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

package com.googlesource.gerrit.plugins.backportguard.check;

import com.google.gerrit.extensions.annotations.Exports;
import com.google.gerrit.extensions.config.CapabilityDefinition;
import com.google.gerrit.extensions.events.LifecycleListener;
import com.google.inject.AbstractModule;
import com.google.inject.internal.UniqueAnnotations;

/**
 * Re-checks on demand and at start-up: the capability of the {@code check} command (bound in {@link
 * CheckSshModule}) and the start-up sweep.
 */
public class CheckModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(CapabilityDefinition.class)
        .annotatedWith(Exports.named(CheckBackportsCapability.NAME))
        .to(CheckBackportsCapability.class);
    bind(StartupSweep.class);
    bind(LifecycleListener.class).annotatedWith(UniqueAnnotations.create()).to(StartupSweep.class);
  }
}
