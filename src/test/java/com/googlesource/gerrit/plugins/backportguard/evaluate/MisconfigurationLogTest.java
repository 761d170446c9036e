package com.googlesource.gerrit.plugins.backportguard.evaluate;

import static com.google.common.truth.Truth.assertThat;

import com.google.common.base.Ticker;
import com.google.gerrit.entities.Project;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MisconfigurationLogTest {
  private final AtomicLong nanos = new AtomicLong();
  private final MisconfigurationLog log =
      new MisconfigurationLog(
          new Ticker() {
            @Override
            public long read() {
              return nanos.get();
            }
          });

  @Test
  void sameProblemOnceAnHourPerProject() {
    Project.NameKey a = Project.nameKey("a");
    assertThat(log.report(a, "no account")).isTrue();
    assertThat(log.report(a, "no account")).isFalse();
    assertThat(log.report(Project.nameKey("b"), "no account")).isTrue();
    assertThat(log.report(a, "label missing")).isTrue();
    nanos.addAndGet(Duration.ofMinutes(59).toNanos());
    assertThat(log.report(a, "no account")).isFalse();
    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    assertThat(log.report(a, "no account")).isTrue();
  }
}
