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

package com.googlesource.gerrit.plugins.backportguard.neededby;

import com.google.gerrit.extensions.client.ChangeStatus;

/**
 * One change in the answer of {@code GET /changes/{change-id}/backport-guard~needed-by}: an open
 * change that declares the change, with what the plugin last decided about it.
 */
public class NeededByInfo {
  public String project;
  public String branch;
  public String changeId;
  public Integer _number;
  public String subject;
  public ChangeStatus status;

  /** The change's page, when the server knows its own address ({@code gerrit.canonicalWebUrl}). */
  public String url;

  /** The plugin's stored outcome; {@code unknown} when it has none. */
  public String outcome;

  /** The prerequisites missing on its branch, as stored; unset when the outcome is unknown. */
  public Integer missing;

  /** Set on the last entry when more follow: ask again with {@code S} past this page. */
  public Boolean _moreChanges;
}
