package com.googlesource.gerrit.plugins.backportguard.resolve;

import com.google.gerrit.entities.Project;

/**
 * The change whose dependencies are resolved: it is never its own prerequisite.
 *
 * @param project its project
 * @param number its change number
 * @param changeId its Change-Id
 * @param branch the short name of its target branch
 */
public record CheckedChange(Project.NameKey project, int number, String changeId, String branch) {}
