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

package com.googlesource.gerrit.plugins.backportguard.replay;

import java.util.Optional;

/** What the plugin reports for one prerequisite, by the line prefix of its comment. */
public enum ReportedState {
  /** {@code OK:}, merged on the branch. */
  OK,
  /** {@code MISSING:}, not merged on the branch and blocking. */
  MISSING,
  /** {@code UNCHECKED (not blocking):}, what it could not verify: not found, ambiguous. */
  UNCHECKED;

  /** The state a comment line starts with, if it starts with one. */
  static Optional<ReportedState> ofLine(String line) {
    String s = line.strip();
    if (s.startsWith("OK:")) {
      return Optional.of(OK);
    }
    if (s.startsWith("MISSING:")) {
      return Optional.of(MISSING);
    }
    if (s.startsWith("UNCHECKED")) {
      return Optional.of(UNCHECKED);
    }
    return Optional.empty();
  }
}
