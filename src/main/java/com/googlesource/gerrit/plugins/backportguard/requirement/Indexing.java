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

package com.googlesource.gerrit.plugins.backportguard.requirement;

/**
 * Whether the current thread is indexing a change. Gerrit evaluates submit requirements while it
 * indexes a change (to store {@code is:submittable}), on its index executor or in the request that
 * updated the change; a query of the change index from there waits for a thread of the same
 * executor, and once every such thread indexes a change that asks, none is left to answer: Gerrit
 * hangs (seen with one index thread: creating a backport never returned).
 */
final class Indexing {
  private static final String CHANGE_INDEXER =
      "com.google.gerrit.server.index.change.ChangeIndexer";

  private Indexing() {}

  /** Whether Gerrit's change indexer is on the current thread's stack. */
  static boolean now() {
    return StackWalker.getInstance()
        .walk(frames -> frames.anyMatch(f -> f.getClassName().equals(CHANGE_INDEXER)));
  }
}
