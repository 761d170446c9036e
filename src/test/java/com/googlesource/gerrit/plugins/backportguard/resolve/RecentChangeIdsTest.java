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

package com.googlesource.gerrit.plugins.backportguard.resolve;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

/** A walked window answers as the walk would have: the newest commit carrying each Change-Id. */
class RecentChangeIdsTest {
  private static final String A = "I" + "a".repeat(40);
  private static final String AB = "Iaaaa" + "b".repeat(36);
  private static final String C = "I" + "c".repeat(40);

  private static RecentChangeIds.Window window() {
    RecentChangeIds.Builder b = new RecentChangeIds.Builder();
    b.add("newest", List.of(AB));
    b.add("middle", List.of(" " + A + " ", C));
    b.add("oldest", List.of(A));
    b.add("no footer", List.of());
    return b.build();
  }

  @Test
  void aFullChangeIdFindsItsNewestCommit() {
    assertThat(window().find(Set.of(A, C))).containsExactly(A, "middle", C, "middle");
  }

  @Test
  void anAbbreviationFindsTheNewestCommitOfAnyChangeIdItStarts() {
    assertThat(window().find(Set.of("Iaaaa"))).containsExactly("Iaaaa", "newest");
    assertThat(window().find(Set.of("Iaaaaaaaaa"))).containsExactly("Iaaaaaaaaa", "middle");
  }

  @Test
  void whatTheWindowDoesNotHoldIsNotFound() {
    assertThat(window().find(Set.of("I" + "d".repeat(40), "Ib", "Iaaab"))).isEmpty();
  }

  @Test
  void windowsAreKeptPerProjectAndTip() {
    RecentChangeIds recent = new RecentChangeIds();
    ObjectId tip = ObjectId.fromString("1234567890123456789012345678901234567890");
    recent.put("core", tip, window());
    assertThat(recent.get("core", tip)).isPresent();
    assertThat(recent.get("ext", tip)).isEmpty();
    assertThat(recent.get("core", ObjectId.zeroId())).isEmpty();
  }
}
