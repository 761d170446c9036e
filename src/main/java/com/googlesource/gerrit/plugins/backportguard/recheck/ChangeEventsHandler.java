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

import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.events.ChangeAbandonedListener;
import com.google.gerrit.extensions.events.ChangeDeletedListener;
import com.google.gerrit.extensions.events.ChangeMergedListener;
import com.google.gerrit.extensions.events.ChangeRestoredListener;
import com.google.gerrit.extensions.events.PrivateStateChangedListener;
import com.google.gerrit.extensions.events.RevisionCreatedListener;
import com.google.gerrit.extensions.events.TopicEditedListener;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationQueue;

/**
 * Re-checks the changes that depend on a change when it merges, is abandoned, restored, deleted,
 * made private or public, gets a patch set that declares other dependencies, or changes topic.
 *
 * <p>These are Gerrit's extension-API listeners: they fire only on the server that made the update,
 * so on a pair of primaries each update is re-checked once, not once per node. Each only hands a
 * lookup to the plugin's queue and returns.
 */
class ChangeEventsHandler
    implements ChangeMergedListener,
        ChangeAbandonedListener,
        ChangeRestoredListener,
        ChangeDeletedListener,
        PrivateStateChangedListener,
        RevisionCreatedListener,
        TopicEditedListener {
  private final RecheckScheduler scheduler;
  private final EvaluationQueue evaluations;

  @Inject
  ChangeEventsHandler(RecheckScheduler scheduler, EvaluationQueue evaluations) {
    this.scheduler = scheduler;
    this.evaluations = evaluations;
  }

  @Override
  public void onChangeMerged(ChangeMergedListener.Event event) {
    // Also the dependents of what it reverts, if it is a revert or a cherry-pick of one.
    scheduler.mergedWithWhatItReverts(subject(event.getChange()));
  }

  @Override
  public void onChangeAbandoned(ChangeAbandonedListener.Event event) {
    scheduler.dependentsOf(subject(event.getChange()));
  }

  @Override
  public void onChangeRestored(ChangeRestoredListener.Event event) {
    ChangeInfo change = event.getChange();
    evaluations.submit(Project.nameKey(change.project), Change.id(change._number));
    scheduler.dependentsOf(subject(change));
  }

  @Override
  public void onChangeDeleted(ChangeDeletedListener.Event event) {
    scheduler.deleted(subject(event.getChange()));
  }

  @Override
  public void onPrivateStateChanged(PrivateStateChangedListener.Event event) {
    ChangeInfo change = event.getChange();
    // Made public, the change itself is checked now; either way its dependents see it differently.
    evaluations.submit(Project.nameKey(change.project), Change.id(change._number));
    scheduler.dependentsOf(subject(change));
  }

  @Override
  public void onRevisionCreated(RevisionCreatedListener.Event event) {
    ChangeInfo change = event.getChange();
    scheduler.ifDependenciesChanged(
        Project.nameKey(change.project), Change.id(change._number), event.getRevision()._number);
  }

  @Override
  public void onTopicEdited(TopicEditedListener.Event event) {
    ChangeInfo change = event.getChange();
    // Where whole topics are submitted, what lands together with a change follows its topic: the
    // change itself, the changes of both topics and the changes that depend on it read anew.
    evaluations.submit(Project.nameKey(change.project), Change.id(change._number));
    scheduler.topicEdited(subject(change), event.getOldTopic(), change.topic);
  }

  private static Subject subject(ChangeInfo change) {
    return new Subject(Project.nameKey(change.project), Change.id(change._number), change.changeId);
  }
}
