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
package com.googlesource.gerrit.plugins.backportguard.evaluate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.spi.LoggingEvent;

/**
 * Collects the lines a class logs at WARNING (WARN) or above. Flogger picks its backend once per
 * JVM: log4j (as in the daemon) or java.util.logging, depending on which test touched it first, so
 * this listens to both.
 */
public final class LogCapture implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger julLogger;
  private final org.apache.log4j.Logger log4jLogger;

  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            lines.add(record.getLevel() + " " + new SimpleFormatter().formatMessage(record));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private final AppenderSkeleton appender =
      new AppenderSkeleton() {
        @Override
        protected void append(LoggingEvent event) {
          if (event.getLevel().isGreaterOrEqual(org.apache.log4j.Level.WARN)) {
            String level =
                event.getLevel().isGreaterOrEqual(org.apache.log4j.Level.ERROR)
                    ? "SEVERE"
                    : "WARNING";
            lines.add(level + " " + event.getRenderedMessage());
          }
        }

        @Override
        public void close() {}

        @Override
        public boolean requiresLayout() {
          return false;
        }
      };

  public LogCapture(Class<?> source) {
    julLogger = Logger.getLogger(source.getName());
    log4jLogger = org.apache.log4j.Logger.getLogger(source.getName());
    julLogger.addHandler(handler);
    log4jLogger.addAppender(appender);
  }

  /** The lines logged so far, each prefixed with SEVERE or WARNING. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    julLogger.removeHandler(handler);
    log4jLogger.removeAppender(appender);
  }
}
