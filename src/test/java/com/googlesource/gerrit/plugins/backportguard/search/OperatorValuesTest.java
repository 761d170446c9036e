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

package com.googlesource.gerrit.plugins.backportguard.search;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gerrit.index.query.QueryParseException;
import com.googlesource.gerrit.plugins.backportguard.parse.ChangeUrlParser;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyFooterParser;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the operators accept as values, and what they answer to anything else. */
class OperatorValuesTest {
  private static final String OP = "needs_backport-guard";
  private static final String ID = "I8b4f0c0b2e6a1a5c3f1e0d9c8b7a6f5e4d3c2b1a";

  private final DependencyFooterParser parser =
      new DependencyFooterParser(new ChangeUrlParser(Optional.of("https://gerrit.example.org/")));

  private DependencyRef change(String value) throws QueryParseException {
    return OperatorValues.change(OP, parser, value);
  }

  private String refusal(String value) {
    return assertThrows(QueryParseException.class, () -> change(value)).getMessage();
  }

  @Test
  void everyFormOfReferenceIsReadAsAFooterIs() throws Exception {
    assertThat(change(ID)).isEqualTo(new DependencyRef.ChangeId(ID));
    assertThat(change("i" + ID.substring(1))).isEqualTo(new DependencyRef.ChangeId(ID));
    assertThat(change("I8b4f0c0")).isEqualTo(new DependencyRef.ChangeIdPrefix("I8b4f0c0"));
    assertThat(change("37")).isEqualTo(new DependencyRef.ChangeNumber(Optional.empty(), 37));
    assertThat(change("demo~37"))
        .isEqualTo(new DependencyRef.ChangeNumber(Optional.of("demo"), 37));
    assertThat(change("demo~master~" + ID))
        .isEqualTo(new DependencyRef.Triplet("demo", "master", ID));
    assertThat(change("https://gerrit.example.org/c/demo/+/37"))
        .isEqualTo(new DependencyRef.ChangeNumber(Optional.of("demo"), 37));
  }

  @Test
  void aHugeValueIsRefusedWithItsLengthNotEchoed() {
    String huge = "1".repeat(1_000_000);

    String message = refusal(huge);

    assertThat(message).contains("1,000,000 characters long");
    assertThat(message.length()).isLessThan(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"37\"",
        "'37'",
        "37\"",
        "with space",
        "",
        "I123",
        "not-a-change",
        "99999999999999999999",
        "ftp://gerrit.example.org/c/demo/+/37",
        "demo~branch~I123"
      })
  void anythingElseIsRefusedNamingTheOperatorAndTheValue(String value) {
    String message = refusal(value);

    assertThat(message).startsWith(OP + ": ");
  }

  @Test
  void aLinkToAnotherServerIsRefusedAsSuch() {
    assertThat(refusal("https://other.example.org/c/demo/+/37")).contains("another server");
  }

  @Test
  void outcomesAreTheStoredKeywordsAndUnknown() throws Exception {
    assertThat(OperatorValues.outcome("outcome_backport-guard", "missing")).isEqualTo("missing");
    assertThat(OperatorValues.outcome("outcome_backport-guard", "MISSING")).isEqualTo("missing");
    assertThat(OperatorValues.outcome("outcome_backport-guard", "unknown")).isEqualTo("unknown");
  }

  @Test
  void anUnknownOutcomeListsTheKnownOnesAndCutsAHugeValue() {
    QueryParseException e =
        assertThrows(
            QueryParseException.class,
            () -> OperatorValues.outcome("outcome_backport-guard", "x".repeat(100_000)));

    assertThat(e).hasMessageThat().contains("use one of passes, missing");
    assertThat(e.getMessage().length()).isLessThan(300);
  }
}
