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

package com.googlesource.gerrit.plugins.backportguard.config;

/**
 * A setting that cannot be used; the message names the setting and where to fix it, and says what
 * is wrong with its value.
 */
public class InvalidSettingsException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * @param key the setting's key, e.g. {@code failVote}: what may be shown where the value may not
   * @param message the whole message, for whoever may read the configuration
   */
  public InvalidSettingsException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The key of the setting that cannot be used. */
  public String key() {
    return key;
  }
}
