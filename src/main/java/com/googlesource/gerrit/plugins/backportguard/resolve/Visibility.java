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

import static com.google.gerrit.server.group.SystemGroupBackend.ANONYMOUS_USERS;
import static com.google.gerrit.server.group.SystemGroupBackend.REGISTERED_USERS;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.gerrit.entities.Account;
import com.google.gerrit.entities.Permission;
import com.google.gerrit.entities.Project;
import com.google.gerrit.entities.RefNames;
import com.google.gerrit.server.AnonymousUser;
import com.google.gerrit.server.permissions.PermissionBackend;
import com.google.gerrit.server.permissions.PermissionBackendException;
import com.google.gerrit.server.permissions.RefPermission;
import com.google.gerrit.server.project.ProjectCache;
import com.google.gerrit.server.project.ProjectState;
import com.google.gerrit.server.project.SectionMatcher;
import com.google.gerrit.server.query.change.GroupBackedUser;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.googlesource.gerrit.plugins.backportguard.resolve.VisibilityRule.Audience;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks the permission backend who can read a branch, for {@link VisibilityRule}. One instance per
 * check: it remembers its answers for the check's duration only, as permissions can change.
 *
 * <p>Every read test includes the project's state: a HIDDEN project is read by nobody here, its
 * changes, branches and directly pushed commits alike. When the backend cannot answer, the answer
 * is no.
 */
public final class Visibility {
  /** Makes the {@link Visibility} of one check. */
  public static class Factory {
    private final PermissionBackend permissionBackend;
    private final ProjectCache projectCache;
    private final Provider<AnonymousUser> anonymous;

    @Inject
    Factory(
        PermissionBackend permissionBackend,
        ProjectCache projectCache,
        Provider<AnonymousUser> anonymous) {
      this.permissionBackend = permissionBackend;
      this.projectCache = projectCache;
      this.anonymous = anonymous;
    }

    /**
     * @param dependent the change whose comment is written
     * @param owner its owner
     * @param uploaders who uploaded the patch set being checked: its uploader and, when someone
     *     uploaded it on their behalf, its real uploader
     */
    public Visibility create(
        CheckedChange dependent, Account.Id owner, ImmutableSet<Account.Id> uploaders) {
      return new Visibility(
          projectCache,
          dependent,
          permissionBackend.absentUser(owner),
          uploaders.stream()
              .map(permissionBackend::absentUser)
              .collect(ImmutableList.toImmutableList()),
          permissionBackend.user(anonymous.get()),
          permissionBackend.user(
              new GroupBackedUser(ImmutableSet.of(ANONYMOUS_USERS, REGISTERED_USERS))));
    }
  }

  private final ProjectCache projectCache;
  private final CheckedChange dependent;
  private final PermissionBackend.WithUser owner;
  private final ImmutableList<PermissionBackend.WithUser> uploaders;
  private final PermissionBackend.WithUser anonymous;
  private final PermissionBackend.WithUser registered;
  private final Map<String, Boolean> describable = new HashMap<>();
  private Audience audience;

  private Visibility(
      ProjectCache projectCache,
      CheckedChange dependent,
      PermissionBackend.WithUser owner,
      ImmutableList<PermissionBackend.WithUser> uploaders,
      PermissionBackend.WithUser anonymous,
      PermissionBackend.WithUser registered) {
    this.projectCache = projectCache;
    this.dependent = dependent;
    this.owner = owner;
    this.uploaders = uploaders;
    this.anonymous = anonymous;
    this.registered = registered;
  }

  /**
   * Whether the comment may name what is on a branch: its changes, its existence, its commits.
   *
   * @param project the project
   * @param branch the short or full name of the branch
   */
  public boolean describable(String project, String branch) {
    String ref = RefNames.fullName(branch);
    return describable.computeIfAbsent(project + "\0" + ref, k -> decide(project, ref));
  }

  private boolean decide(String project, String ref) {
    Optional<ProjectState> state = projectCache.get(Project.nameKey(project));
    if (state.isEmpty() || !state.get().statePermitsRead()) {
      return false;
    }
    VisibilityRule.Readers readers =
        new VisibilityRule.Readers(
            reads(owner, state.get(), ref),
            uploaders.stream().allMatch(u -> reads(u, state.get(), ref)),
            reads(anonymous, state.get(), ref),
            reads(registered, state.get(), ref),
            sameReaders(state.get(), ref));
    return VisibilityRule.describable(audience(), readers);
  }

  private Audience audience() {
    if (audience == null) {
      Optional<ProjectState> state = projectCache.get(dependent.project());
      String ref = RefNames.fullName(dependent.branch());
      boolean readable = state.isPresent() && state.get().statePermitsRead();
      audience =
          VisibilityRule.audience(
              readable && reads(anonymous, state.get(), ref),
              readable && reads(registered, state.get(), ref));
    }
    return audience;
  }

  private static boolean reads(PermissionBackend.WithUser user, ProjectState state, String ref) {
    try {
      return user.project(state.getNameKey()).ref(ref).test(RefPermission.READ);
    } catch (PermissionBackendException e) {
      return false;
    }
  }

  /**
   * Whether the ref is in the dependent change's project and the same read rules apply to it as to
   * the dependent's branch: then both have the same readers, whoever they are. Rules that name the
   * user (${username}) or exclusive grants, whose outcome depends on the order of the sections,
   * make the answer no.
   */
  private boolean sameReaders(ProjectState state, String ref) {
    if (!state.getNameKey().equals(dependent.project())) {
      return false;
    }
    String own = RefNames.fullName(dependent.branch());
    if (own.equals(ref)) {
      return true;
    }
    Optional<List<Object>> mine = readSections(state, own);
    Optional<List<Object>> theirs = readSections(state, ref);
    return mine.isPresent() && theirs.isPresent() && Objects.equals(mine, theirs);
  }

  private static Optional<List<Object>> readSections(ProjectState state, String ref) {
    List<Object> out = new ArrayList<>();
    for (SectionMatcher sm : state.getAllSections()) {
      if (sm.getSection().getName().contains("${")) {
        return Optional.empty();
      }
      if (!sm.match(ref, null)) {
        continue;
      }
      Permission read = sm.getSection().getPermission(Permission.READ);
      if (read == null) {
        continue;
      }
      if (read.getExclusiveGroup()) {
        return Optional.empty();
      }
      out.add(List.of(sm.getProject(), sm.getSection()));
    }
    return Optional.of(out);
  }
}
