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

import java.io.IOException;

/**
 * A bound on the work of one check was reached. An {@link IOException}, so that it leaves a JGit
 * walk the way a read error would, and is never taken for a missing object.
 */
public final class BoundReachedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String setting;

  public BoundReachedException(String setting) {
    super("bound reached: " + setting);
    this.setting = setting;
  }

  /** The setting whose bound was reached, as an admin writes it. */
  public String setting() {
    return setting;
  }
}
