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

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gerrit.extensions.annotations.PluginData;
import com.google.gerrit.extensions.common.ChangeInput;
import com.google.inject.Key;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.Test;

/**
 * Review of the faults change: the UpdateLog recorder appends to a file on the Gerrit thread that
 * made the ref update, under a server-wide monitor, with no bound on the wait. A hung disk (here a
 * named pipe with no reader stands for it) makes every change update of the server hang, not just
 * the plugin's crash-safety.
 */
public class UpdateLogOnGerritThreadIT extends BackportGuardTestBase {
  @Test
  public void aHungUpdateLogDoesNotHangGerritsChangeUpdates() throws Exception {
    Path dir = plugin.getSysInjector().getInstance(Key.get(Path.class, PluginData.class));
    Path updates = dir.resolve("updates");
    Files.createDirectories(updates);
    long bucketMs = UpdateLog.BUCKET.toMillis();
    long now = System.currentTimeMillis();
    long bucket = now - Math.floorMod(now, bucketMs);
    List<Path> pipes = new ArrayList<>();
    for (long b : new long[] {bucket, bucket + bucketMs}) {
      Path p = updates.resolve(b + ".log");
      Files.deleteIfExists(p);
      Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
      mk.waitFor();
      pipes.add(p);
    }

    CompletableFuture<Void> create = new CompletableFuture<>();
    new Thread(
            () -> {
              try {
                adminRestSession
                    .post("/changes/", new ChangeInput(project.get(), "master", "Any change"))
                    .assertCreated();
                create.complete(null);
              } catch (Throwable e) {
                create.completeExceptionally(e);
              }
            })
        .start();
    boolean hung = false;
    try {
      create.get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      hung = true;
    }
    // Unblock the hung writer (a reader on the pipe) so that the server can shut down.
    for (Path p : pipes) {
      Path away = p.resolveSibling(p.getFileName() + ".away");
      Files.move(p, away);
      new Thread(
              () -> {
                try (InputStream in = Files.newInputStream(away)) {
                  in.readAllBytes();
                } catch (Exception ignored) {
                  // best effort
                }
              })
          .start();
    }
    create.get(30, TimeUnit.SECONDS);
    assertWithMessage("creating a change hung > 10 s on the plugin's update log")
        .that(hung)
        .isFalse();
  }
}
