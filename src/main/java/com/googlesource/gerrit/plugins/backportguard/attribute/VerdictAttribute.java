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

package com.googlesource.gerrit.plugins.backportguard.attribute;

import com.google.gerrit.extensions.common.PluginDefinedInfo;

/**
 * The {@code backport-guard} entry of a change in {@code GET /changes/} and {@code gerrit query}:
 * what the plugin last decided about the change, as stored, never computed for the listing.
 */
public class VerdictAttribute extends PluginDefinedInfo {
  /** The outcome keyword; {@code unknown} when nothing is stored, and then nothing else is set. */
  public String outcome;

  /** The vote the outcome asks for on the plugin's label. */
  public Integer vote;

  /** How many declared prerequisites are not merged on the target branch. */
  public Integer missing;

  /** The patch set the decision is for. */
  public Integer patchSet;

  /** Whether that patch set is still the change's current one. */
  public Boolean current;

  /**
   * When the plugin decided, in ISO 8601 (UTC, to the second): the same text over REST and SSH,
   * whose JSON writers format a timestamp differently.
   */
  public String checked;
}
