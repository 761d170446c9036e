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

package com.googlesource.gerrit.plugins.backportguard.store;

import com.google.gerrit.entities.Change;
import com.google.gerrit.server.cache.CacheModule;

/**
 * Binds the persistent cache {@code backport-guard.verdicts} that {@link VerdictStore} keeps the
 * last decisions in. Sites size it with {@code cache."backport-guard.verdicts".memoryLimit} and
 * {@code diskLimit} in gerrit.config, as any Gerrit cache.
 */
public class VerdictStoreModule extends CacheModule {
  /** Entries kept in memory by default: one per change, some 100 bytes each. */
  static final long MEMORY_ENTRIES = 100_000;

  /** Bytes on disk by default: a few hundred thousand changes. */
  static final long DISK_BYTES = 64L << 20;

  @Override
  protected void configure() {
    persist(VerdictStore.CACHE, Change.Id.class, StoredVerdict.class)
        .version(1)
        .maximumWeight(MEMORY_ENTRIES)
        .diskLimit(DISK_BYTES)
        .keySerializer(VerdictSerializers.KEY)
        .valueSerializer(VerdictSerializers.VALUE);
    bind(VerdictStore.class);
  }
}
