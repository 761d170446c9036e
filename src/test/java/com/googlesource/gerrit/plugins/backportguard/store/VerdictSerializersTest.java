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

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gerrit.entities.Change;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bytes the persistent cache keeps read back as what was written, and nothing else does. */
class VerdictSerializersTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 255, 256, 65_536, 1_234_567, Integer.MAX_VALUE})
  void aChangeNumberReadsBack(int n) {
    byte[] bytes = VerdictSerializers.KEY.serialize(Change.id(n));

    assertThat(bytes).hasLength(4);
    assertThat(VerdictSerializers.KEY.deserialize(bytes)).isEqualTo(Change.id(n));
  }

  @Test
  void everyOutcomeReadsBack() {
    for (String outcome : Outcomes.STORED) {
      StoredVerdict v =
          new StoredVerdict(7, outcome, -1, 3, Instant.parse("2026-11-29T13:05:01.123456789Z"));

      assertThat(VerdictSerializers.VALUE.deserialize(VerdictSerializers.VALUE.serialize(v)))
          .isEqualTo(v);
    }
  }

  @Test
  void extremesReadBack() {
    StoredVerdict v =
        new StoredVerdict(
            Integer.MAX_VALUE, "ünïcode ✓", Integer.MIN_VALUE, Integer.MAX_VALUE, Instant.EPOCH);

    assertThat(VerdictSerializers.VALUE.deserialize(VerdictSerializers.VALUE.serialize(v)))
        .isEqualTo(v);
  }

  @Test
  void bytesOfAnotherLayoutAreRefused() {
    byte[] bytes =
        VerdictSerializers.VALUE.serialize(
            new StoredVerdict(1, Outcomes.PASSES, 1, 0, Instant.EPOCH));
    bytes[0] = 2;

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> VerdictSerializers.VALUE.deserialize(bytes));
    assertThat(e).hasMessageThat().contains("layout 2");
  }

  @Test
  void truncatedOrPaddedBytesAreRefused() {
    byte[] bytes =
        VerdictSerializers.VALUE.serialize(
            new StoredVerdict(1, Outcomes.MISSING, -1, 2, Instant.EPOCH));

    assertThrows(
        IllegalArgumentException.class,
        () -> VerdictSerializers.VALUE.deserialize(Arrays.copyOf(bytes, bytes.length - 1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> VerdictSerializers.VALUE.deserialize(Arrays.copyOf(bytes, bytes.length + 1)));
    assertThrows(
        IllegalArgumentException.class, () -> VerdictSerializers.KEY.deserialize(new byte[3]));
  }
}
