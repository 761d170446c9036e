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

import com.google.common.collect.ImmutableListMultimap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the plugin said on a change, read only from what is meant to stay stable: its vote, and in
 * its last comment the state prefix ({@code OK:}, {@code MISSING:}, {@code UNCHECKED}) on the first
 * line under each {@code * } bullet. Lines further down a bullet (a chain of prerequisites, an
 * action) are not read.
 *
 * @param vote the plugin's vote on the label, 0 for none
 * @param comment the plugin's last comment, if any
 * @param states the state under each bullet, keyed by the bullet's text
 */
public record ReportedVerdict(
    int vote, Optional<String> comment, ImmutableListMultimap<String, ReportedState> states) {

  public static ReportedVerdict of(int vote, Optional<String> comment) {
    ImmutableListMultimap.Builder<String, ReportedState> states = ImmutableListMultimap.builder();
    String bullet = null;
    for (String line : comment.orElse("").split("\n")) {
      if (line.startsWith("* ")) {
        bullet = line.substring(2).strip();
      } else if (line.isBlank()) {
        bullet = null;
      } else if (bullet != null) {
        Optional<ReportedState> s = ReportedState.ofLine(line);
        if (s.isPresent()) {
          states.put(bullet, s.get());
        }
        // Only the first line under a bullet carries its state.
        bullet = null;
      }
    }
    return new ReportedVerdict(vote, comment, states.build());
  }

  /** The states under the bullets that quote this footer value. */
  public List<ReportedState> statesOf(String value) {
    String v = value.strip();
    return states.entries().stream()
        .filter(e -> e.getKey().endsWith(v))
        .map(Map.Entry::getValue)
        .toList();
  }
}
