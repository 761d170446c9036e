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

package com.googlesource.gerrit.plugins.backportguard.attribute;

import static com.google.common.truth.Truth.assertThat;

import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.store.VerdictStore;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The attribute is on every change of every listing, so it must not walk git or query the index: it
 * is built from the verdict store alone. {@code VerdictAttributeIT} pins the index queries of a
 * listing; this pins that nothing that could read git or the index can reach the factory.
 */
class VerdictAttributeFactoryTest {
  @Test
  void isBuiltFromTheVerdictStoreAlone() {
    Constructor<?> injected =
        Arrays.stream(VerdictAttributeFactory.class.getDeclaredConstructors())
            .filter(c -> c.isAnnotationPresent(Inject.class))
            .findFirst()
            .orElseThrow();
    assertThat(injected.getParameterTypes()).asList().containsExactly(VerdictStore.class);
    assertThat(
            Arrays.stream(VerdictAttributeFactory.class.getDeclaredFields())
                .map(Field::getType)
                .toList())
        .containsExactly(VerdictStore.class);
  }

  @Test
  void theStoreItReadsHasNoGitOrIndexAccess() {
    for (Field f : VerdictStore.class.getDeclaredFields()) {
      String type = f.getType().getName();
      assertThat(type).doesNotContain("GitRepositoryManager");
      assertThat(type).doesNotContain("Repository");
      assertThat(type).doesNotContain("ChangeQuery");
      assertThat(type).doesNotContain("QueryProcessor");
      assertThat(type).doesNotContain("ChangeIndex");
    }
  }
}
