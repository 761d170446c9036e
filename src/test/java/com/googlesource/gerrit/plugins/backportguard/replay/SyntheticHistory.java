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

package com.googlesource.gerrit.plugins.backportguard.replay;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * Rebuilds a history's commits in a local repository with synthetic contents: each commit's tree
 * holds one file named after the original commit, so each commit deletes its parent's file and adds
 * its own. Trees stay one entry small at any scale, and a cherry-pick never conflicts: the file it
 * deletes is gone or untouched on the other side, the file it adds exists nowhere else. Messages
 * and author times are the original ones; author and committer are the account that pushes.
 */
public final class SyntheticHistory {
  private final CommitGraph graph;
  private final Repository repo;
  private final String name;
  private final String email;
  private final ObjectId[] rebuilt;

  public SyntheticHistory(CommitGraph graph, Repository repo, String name, String email) {
    this.graph = graph;
    this.repo = repo;
    this.name = name;
    this.email = email;
    this.rebuilt = new ObjectId[graph.size()];
  }

  /** Writes every commit, parents first. */
  public void build() throws IOException {
    try (ObjectInserter ins = repo.newObjectInserter()) {
      for (int i = 0; i < graph.size(); i++) {
        HistoryCommit c = graph.commit(i);
        ObjectId[] parents =
            c.parents().stream().map(p -> rebuilt[graph.indexOf(p)]).toArray(ObjectId[]::new);
        rebuilt[i] = insert(ins, c, c.sha(), parents);
      }
      ins.flush();
    }
  }

  /** The rebuilt commit of the original commit with this index. */
  public ObjectId rebuilt(int commit) {
    return rebuilt[commit];
  }

  /**
   * A second copy of a commit on the same parents, with a different file: a commit Gerrit has not
   * seen, for offering a commit that is already in a branch.
   */
  public ObjectId copy(int commit) throws IOException {
    HistoryCommit c = graph.commit(commit);
    ObjectId[] parents =
        c.parents().stream().map(p -> rebuilt[graph.indexOf(p)]).toArray(ObjectId[]::new);
    try (ObjectInserter ins = repo.newObjectInserter()) {
      ObjectId id = insert(ins, c, "offered-" + c.sha(), parents);
      ins.flush();
      return id;
    }
  }

  private ObjectId insert(ObjectInserter ins, HistoryCommit c, String file, ObjectId[] parents)
      throws IOException {
    ObjectId blob = ins.insert(Constants.OBJ_BLOB, (c.sha() + "\n").getBytes(UTF_8));
    TreeFormatter tree = new TreeFormatter();
    tree.append(file, FileMode.REGULAR_FILE, blob);
    PersonIdent who =
        new PersonIdent(name, email, Instant.ofEpochSecond(c.authorTime()), ZoneOffset.UTC);
    CommitBuilder cb = new CommitBuilder();
    cb.setTreeId(ins.insert(tree));
    cb.setParentIds(parents);
    cb.setAuthor(who);
    cb.setCommitter(who);
    cb.setEncoding(UTF_8);
    cb.setMessage(c.message());
    return ins.insert(cb);
  }
}
