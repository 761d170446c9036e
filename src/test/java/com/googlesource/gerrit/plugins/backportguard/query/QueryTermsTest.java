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

package com.googlesource.gerrit.plugins.backportguard.query;

import static com.google.common.truth.Truth.assertThat;

import com.google.gerrit.index.query.QueryParser;
import org.antlr.runtime.tree.Tree;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins {@link QueryTerms#quote} against Gerrit's own query parser (the one the server runs on every
 * query): whatever the value holds, the parser gives back exactly that value as one operand.
 */
class QueryTermsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain",
        "with space",
        "wmf/1.0",
        "demo~42",
        "a\"b",
        "a\\b",
        "ends with \\",
        "a{b}c",
        "a}b",
        "{braced}",
        "\"\\\"",
        "a\\nb",
        "a\\tb",
        "AND",
        "OR",
        "-x",
        "(x)",
        "x:y",
        ""
      })
  void theParserReadsBackExactlyTheValue(String value) throws Exception {
    Tree tree = QueryParser.parse("project:" + QueryTerms.quote(value));

    assertThat(tree.getType()).isEqualTo(QueryParser.FIELD_NAME);
    assertThat(tree.getText()).isEqualTo("project");
    assertThat(tree.getChildCount()).isEqualTo(1);
    assertThat(tree.getChild(0).getType()).isEqualTo(QueryParser.EXACT_PHRASE);
    assertThat(tree.getChild(0).getText()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\"b", "x\\"})
  void aQuotedValueIsOneTermBesideOthers(String value) throws Exception {
    Tree tree = QueryParser.parse("status:open project:" + QueryTerms.quote(value) + " branch:b");

    assertThat(tree.getType()).isEqualTo(QueryParser.AND);
    assertThat(tree.getChildCount()).isEqualTo(3);
    assertThat(tree.getChild(1).getChild(0).getText()).isEqualTo(value);
    assertThat(tree.getChild(2).getChild(0).getText()).isEqualTo("b");
  }
}
