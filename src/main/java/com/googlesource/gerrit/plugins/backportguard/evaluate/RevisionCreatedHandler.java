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

import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.events.RevisionCreatedListener;
import com.google.inject.Inject;

/**
 * Queues a check of every new patch set: an upload, a commit message edit, a rebase or a
 * cherry-pick made in Gerrit all create one.
 */
class RevisionCreatedHandler implements RevisionCreatedListener {
  private final EvaluationQueue queue;

  @Inject
  RevisionCreatedHandler(EvaluationQueue queue) {
    this.queue = queue;
  }

  @Override
  public void onRevisionCreated(Event event) {
    queue.submit(Project.nameKey(event.getChange().project), Change.id(event.getChange()._number));
  }
}
