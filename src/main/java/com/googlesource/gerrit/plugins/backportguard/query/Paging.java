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

/** How the plugin pages through the changes a query finds. */
public final class Paging {
  /**
   * Changes asked for per page: a page of change details stays small, and a lower query limit of
   * the user or the server makes pages smaller without cutting the results short.
   */
  public static final int PAGE_SIZE = 500;

  private Paging() {}
}
