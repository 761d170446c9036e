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

import com.google.gerrit.entities.Change;
import com.google.gerrit.server.cache.serialize.CacheSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The bytes of the persistent cache's keys and values. A small fixed layout rather than Java
 * serialization, so that a record of this class can change without making old entries unreadable in
 * surprising ways: the layout starts with its own version, and {@code VerdictStoreModule} bumps the
 * cache's version when it changes.
 */
final class VerdictSerializers {
  private static final byte LAYOUT = 1;

  private VerdictSerializers() {}

  /** A change number as 4 bytes. */
  static final CacheSerializer<Change.Id> KEY =
      new CacheSerializer<>() {
        @Override
        public byte[] serialize(Change.Id id) {
          int n = id.get();
          return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        }

        @Override
        public Change.Id deserialize(byte[] in) {
          if (in.length != 4) {
            throw new IllegalArgumentException("a change number is 4 bytes, not " + in.length);
          }
          return Change.id(
              ((in[0] & 0xff) << 24)
                  | ((in[1] & 0xff) << 16)
                  | ((in[2] & 0xff) << 8)
                  | (in[3] & 0xff));
        }
      };

  static final CacheSerializer<StoredVerdict> VALUE =
      new CacheSerializer<>() {
        @Override
        public byte[] serialize(StoredVerdict v) {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
          try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(LAYOUT);
            out.writeInt(v.patchSet());
            out.writeUTF(v.outcome());
            out.writeInt(v.vote());
            out.writeInt(v.missing());
            out.writeLong(v.decidedAt().getEpochSecond());
            out.writeInt(v.decidedAt().getNano());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return bytes.toByteArray();
        }

        @Override
        public StoredVerdict deserialize(byte[] in) {
          try (DataInputStream data = new DataInputStream(new ByteArrayInputStream(in))) {
            byte layout = data.readByte();
            if (layout != LAYOUT) {
              throw new IllegalArgumentException("unknown layout " + layout);
            }
            StoredVerdict v =
                new StoredVerdict(
                    data.readInt(),
                    data.readUTF(),
                    data.readInt(),
                    data.readInt(),
                    Instant.ofEpochSecond(data.readLong(), data.readInt()));
            if (data.available() > 0) {
              throw new IllegalArgumentException(data.available() + " bytes left over");
            }
            return v;
          } catch (IOException e) {
            throw new IllegalArgumentException("not a stored verdict: " + e.getMessage(), e);
          }
        }
      };
}
