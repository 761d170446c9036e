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

package com.googlesource.gerrit.plugins.backportguard.assess;

import com.google.gerrit.entities.Project;
import com.google.gerrit.entities.RefNames;
import com.google.gerrit.server.CurrentUser;
import com.google.gerrit.server.permissions.PermissionBackend;
import com.google.gerrit.server.permissions.PermissionBackendException;
import com.google.gerrit.server.permissions.RefPermission;
import com.google.gerrit.server.project.ProjectCache;
import com.google.gerrit.server.project.ProjectState;
import com.google.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whom an {@link Assessment} is for.
 *
 * <p>The outcome (the vote) never depends on the viewer: it is always decided as the plugin decides
 * it, for the readers of the change (see {@code resolve.VisibilityRule}). The viewer decides only
 * what the assessment names:
 *
 * <ul>
 *   <li>{@link #readersOfChange()}: what the comment names, for everyone who can read the change;
 *   <li>{@link Factory#of(CurrentUser)}: a caller; never more than the comment names, and of that
 *       only what the caller can read themselves (a BLOCK rule can keep one registered user from
 *       what all others read). What is left out is counted, never named.
 * </ul>
 */
public final class Viewer {
  /** Whether the viewer can read a branch of a project. */
  public interface Reads {
    boolean canRead(String project, String branch);
  }

  private static final Viewer READERS_OF_CHANGE = new Viewer(null);

  private final Reads reads;

  private Viewer(Reads reads) {
    this.reads = reads;
  }

  /** Everyone who can read the change: what the plugin's comment says. */
  public static Viewer readersOfChange() {
    return READERS_OF_CHANGE;
  }

  /** A caller whose reads are given; for tests and for callers with their own permission test. */
  public static Viewer of(Reads reads) {
    return new Viewer(reads);
  }

  /** True for the comment's audience, for which nothing beyond the comment's rule is left out. */
  public boolean isReadersOfChange() {
    return reads == null;
  }

  /** Whether the viewer may be told about a branch of a project (and what is on it). */
  public boolean canRead(String project, String branch) {
    return reads == null || reads.canRead(project, branch);
  }

  /** Makes the viewer for a user, asking Gerrit's permission backend. */
  public static class Factory {
    private final PermissionBackend permissionBackend;
    private final ProjectCache projectCache;

    @Inject
    Factory(PermissionBackend permissionBackend, ProjectCache projectCache) {
      this.permissionBackend = permissionBackend;
      this.projectCache = projectCache;
    }

    /**
     * The viewer for a user (anonymous included). Its answers are remembered for the lifetime of
     * the viewer, one request: permissions can change.
     */
    public Viewer of(CurrentUser user) {
      PermissionBackend.WithUser withUser = permissionBackend.user(user);
      Map<String, Boolean> answers = new HashMap<>();
      return new Viewer(
          (project, branch) ->
              answers.computeIfAbsent(
                  project + "\0" + RefNames.fullName(branch),
                  k -> reads(withUser, project, RefNames.fullName(branch))));
    }

    private boolean reads(PermissionBackend.WithUser user, String project, String ref) {
      Optional<ProjectState> state = projectCache.get(Project.nameKey(project));
      if (state.isEmpty() || !state.get().statePermitsRead()) {
        return false;
      }
      try {
        return user.project(state.get().getNameKey()).ref(ref).test(RefPermission.READ);
      } catch (PermissionBackendException e) {
        return false; // When the backend cannot answer, the answer is no.
      }
    }
  }
}
