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

import com.google.common.collect.ImmutableSet;

/** The outcome keywords the plugin stores and shows, in the attribute, search and REST. */
public final class Outcomes {
  /** Every declared prerequisite is merged on the target branch (or lands with the change). */
  public static final String PASSES = "passes";

  /** At least one declared prerequisite is not merged on the target branch. */
  public static final String MISSING = "missing";

  /**
   * The change is blocked for another reason than a missing prerequisite: a cycle, a line that
   * could not be read, more declarations than the plugin checks.
   */
  public static final String BLOCKED = "blocked";

  /** The check failed (the comment and the error log say why); the plugin voted as if blocked. */
  public static final String ERROR = "error";

  /** A backport that declares no dependency. */
  public static final String NO_DEPENDENCY = "no-dependency";

  /** Not a backport: the plugin does not check the change. */
  public static final String NOT_BACKPORT = "not-backport";

  /** The plugin has nothing stored for the change: never checked, or the store was lost. */
  public static final String UNKNOWN = "unknown";

  /** The keywords an evaluation stores. */
  public static final ImmutableSet<String> STORED =
      ImmutableSet.of(PASSES, MISSING, BLOCKED, ERROR, NO_DEPENDENCY, NOT_BACKPORT);

  private Outcomes() {}
}
