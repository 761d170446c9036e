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

import com.googlesource.gerrit.plugins.backportguard.resolve.VisibilityRule.Audience;
import com.googlesource.gerrit.plugins.backportguard.resolve.VisibilityRule.Readers;
import org.junit.jupiter.api.Test;

class VisibilityRuleTest {
  private static final Readers EVERYONE = new Readers(true, true, true, true, false);

  @Test
  void audienceIsTheWidestThatCanRead() {
    assertThat(VisibilityRule.audience(true, true)).isEqualTo(Audience.ANONYMOUS);
    assertThat(VisibilityRule.audience(false, true)).isEqualTo(Audience.REGISTERED);
    assertThat(VisibilityRule.audience(false, false)).isEqualTo(Audience.RESTRICTED);
  }

  @Test
  void ownerAndUploaderMustBothRead() {
    for (Audience a : Audience.values()) {
      assertThat(VisibilityRule.describable(a, EVERYONE)).isTrue();
      assertThat(VisibilityRule.describable(a, new Readers(false, true, true, true, true)))
          .isFalse();
      assertThat(VisibilityRule.describable(a, new Readers(true, false, true, true, true)))
          .isFalse();
    }
  }

  @Test
  void publicChangeDescribesOnlyWhatAnonymousUsersCanRead() {
    assertThat(
            VisibilityRule.describable(
                Audience.ANONYMOUS, new Readers(true, true, false, true, false)))
        .isFalse();
  }

  @Test
  void registeredOnlyChangeDescribesWhatEveryRegisteredUserCanRead() {
    assertThat(
            VisibilityRule.describable(
                Audience.REGISTERED, new Readers(true, true, false, true, false)))
        .isTrue();
    assertThat(
            VisibilityRule.describable(
                Audience.REGISTERED, new Readers(true, true, false, false, false)))
        .isFalse();
  }

  @Test
  void restrictedChangeDescribesWhatEveryRegisteredUserOrItsOwnReadersCanRead() {
    Readers ownersOnly = new Readers(true, true, false, false, false);
    assertThat(VisibilityRule.describable(Audience.RESTRICTED, ownersOnly)).isFalse();
    assertThat(
            VisibilityRule.describable(
                Audience.RESTRICTED, new Readers(true, true, false, true, false)))
        .isTrue();
    assertThat(
            VisibilityRule.describable(
                Audience.RESTRICTED, new Readers(true, true, false, false, true)))
        .isTrue();
  }
}
