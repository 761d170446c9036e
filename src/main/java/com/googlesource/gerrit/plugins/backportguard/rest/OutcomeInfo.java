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

package com.googlesource.gerrit.plugins.backportguard.rest;

/** The plugin's decision on a change: the same whoever asks. */
public class OutcomeInfo {
  /**
   * In one word: {@code pass} (nothing declared stands in the way), {@code blocked} (something
   * does), {@code check_failed} (the check failed, so the plugin votes against the change), or why
   * the change is not checked: {@code not_backport}, {@code declares_nothing}, {@code disabled},
   * {@code misconfigured}, {@code closed}, {@code private}.
   */
  public String status;

  /**
   * The vote the plugin casts on its label; 0 when it has none. Left out when the plugin leaves the
   * change alone (closed, private).
   */
  public Integer vote;

  /** The label it votes on. */
  public String label;

  /** False only when the plugin votes against the change. */
  public Boolean passes;

  /** How many prerequisites block the change. */
  public Integer missing;

  /** How many prerequisites were checked, and how many of them are merged on the branch. */
  public Integer checked;

  public Integer satisfied;
}
