package com.googlesource.gerrit.plugins.backportguard.verdict;

import static com.google.common.truth.Truth.assertThat;

import com.googlesource.gerrit.plugins.backportguard.config.BranchPatterns;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackportPolicyTest {
  private static final BranchPatterns NONE = BranchPatterns.parse(List.of());
  private static final Optional<String> MASTER = Optional.of("master");

  @Test
  void byDefaultEveryBranchButTheDefaultOne() {
    assertThat(BackportPolicy.isBackport("wmf/1.0", MASTER, NONE, false, "m")).isTrue();
    assertThat(BackportPolicy.isBackport("master", MASTER, NONE, false, "m")).isFalse();
    assertThat(BackportPolicy.isBackport("main", Optional.of("main"), NONE, false, "m")).isFalse();
  }

  @Test
  void configuredPatternsReplaceTheDefault() {
    BranchPatterns wmf = BranchPatterns.parse(List.of("wmf/*"));
    assertThat(BackportPolicy.isBackport("wmf/1.0", MASTER, wmf, false, "m")).isTrue();
    assertThat(BackportPolicy.isBackport("sandbox", MASTER, wmf, false, "m")).isFalse();
  }

  @Test
  void cherryPicksAreBackportsOnAnyBranch() {
    assertThat(BackportPolicy.isBackport("master", MASTER, NONE, true, "m")).isTrue();
    assertThat(
            BackportPolicy.isBackport(
                "master",
                MASTER,
                NONE,
                false,
                "Fix\n\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n"))
        .isTrue();
  }
}
