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
import static com.google.common.truth.Truth.assertWithMessage;

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

  @Test
  void commitsWithTooManyChangeIdsMakeAWindowNotWorthKeeping() {
    RecentChangeIds.Builder b = new RecentChangeIds.Builder();
    List<String> many = new java.util.ArrayList<>();
    for (int i = 0; i <= RecentChangeIds.MAX_PER_WINDOW; i++) {
      many.add(String.format("I%040d", i));
    }
    b.add("one", List.of(A));
    assertThat(b.keepable()).isTrue();
    b.add("footers", many);
    assertThat(b.keepable()).isFalse();
  }

  private static RecentChangeIds.Window windowOf(int changeIds, int seed) {
    RecentChangeIds.Builder b = new RecentChangeIds.Builder();
    for (int i = 0; i < changeIds; i++) {
      b.add(String.format("%040x", i), List.of(String.format("I%08x%032x", seed, i)));
    }
    assertThat(b.keepable()).isTrue();
    return b.build();
  }

  @Test
  void aWindowAsLargeAsOneMayBeIsKept() {
    RecentChangeIds recent = new RecentChangeIds();
    ObjectId tip = ObjectId.fromString("1234567890123456789012345678901234567890");
    recent.put("core", tip, windowOf(RecentChangeIds.MAX_PER_WINDOW, 1));
    assertThat(recent.get("core", tip)).isPresent();
  }

  @Test
  void asManyFullWindowsAsTheBoundAllowsAreKeptTogether() {
    RecentChangeIds recent = new RecentChangeIds();
    int windows = (int) (RecentChangeIds.MAX_CHANGE_IDS / BranchView.MAX_WALK);
    List<ObjectId> tips = new java.util.ArrayList<>();
    for (int t = 0; t < windows; t++) {
      ObjectId tip = ObjectId.fromString(String.format("%040x", t + 1));
      tips.add(tip);
      recent.put("core", tip, windowOf(BranchView.MAX_WALK, t));
    }
    for (ObjectId tip : tips) {
      assertWithMessage(tip.name()).that(recent.get("core", tip)).isPresent();
    }
  }

  @Test
  void aHugeChangeIdFooterIsNotKeptWhole() {
    RecentChangeIds.Builder b = new RecentChangeIds.Builder();
    String huge = A + "x".repeat(1_000_000);
    b.add("huge", List.of(huge));
    RecentChangeIds.Window w = b.build();
    // The walk matches it as a Change-Id starting with A: the window answers the same ...
    assertThat(w.find(Set.of(A, "Iaaaaaaa"))).containsExactly(A, "huge", "Iaaaaaaa", "huge");
    // ... without holding a megabyte per commit for as long as the window is kept.
    assertThat(w.firstSeen().keySet().stream().mapToInt(String::length).max().getAsInt())
        .isAtMost(A.length());
  }
}
