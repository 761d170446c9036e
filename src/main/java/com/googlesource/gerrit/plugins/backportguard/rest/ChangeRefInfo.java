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

package com.googlesource.gerrit.plugins.backportguard.rest;

/** A change named in an answer. */
public class ChangeRefInfo {
  public String project;

  /** The change number; left out for a change known only by its Change-Id. */
  public Integer number;

  public String branch;

  /** {@code open}, {@code merged} or {@code abandoned}. */
  public String status;

  public String changeId;

  /** Its web link. */
  public String url;

  /** True for the change the answer is about (in {@code needed_by} and {@code cycle}). */
  public Boolean self;
}
