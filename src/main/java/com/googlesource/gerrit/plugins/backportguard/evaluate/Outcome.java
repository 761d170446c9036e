package com.googlesource.gerrit.plugins.backportguard.evaluate;

/**
 * What the plugin wants to see on a patch set: its vote, and the comment that explains it.
 *
 * @param vote the vote on the configured label; 0 means no vote
 * @param comment the comment text, starting with {@code VerdictComment.HEADER}
 */
record Outcome(int vote, String comment) {}
