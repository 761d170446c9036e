# Copyright (C) 2026 The Android Open Source Project
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
# http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
"""A site of Wikimedia's shape for the scale benchmark (issue 12), written with git fast-import.

One core-like project (`Shape.core_commits` commits on master, `Shape.branches`
`wmf/*` deployment branches cut along that history, each with a few backports
pushed directly and, now and then, a revert of one) and `Shape.extensions`
extension-like projects with their own, newer, deployment branches. Nothing is
random at run time: commit contents, Change-Ids, identities and dates all
derive from the shape and GENERATOR_VERSION, so the same shape gives the same
commit ids on every machine (a unit test holds this).

The repositories are built once into a cache, .dev/scale/<key>/git/, where
<key> hashes GENERATOR_VERSION and the shape: change either and the next run
builds a new cache instead of reusing a stale one. install() copies them into
the Gerrit site's git/ directory, where Gerrit finds a bare repository by
its path once its project list is flushed (register()).
"""

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time

from devgerrit.git import GitError, isolated_env

# Bump whenever the stream changes (contents, names, dates, footers): the cache key includes it.
GENERATOR_VERSION = 1

# Fixed identities and dates: commit ids must not depend on who runs the build or when.
AUTHORS = [
    ("Ada Developer", "ada@example.org"),
    ("Bo Reviewer", "bo@example.org"),
    ("Cy Deployer", "cy@example.org"),
    ("Di Maintainer", "di@example.org"),
]
COMMITTER = ("Gerrit Code Review", "gerrit@example.org")
EPOCH = 1_300_000_000  # 2011-03-13, about when mediawiki/core moved to Gerrit
SPAN = 15 * 365 * 86_400  # every project's master spans 15 years, so a cut is at one date in all


def _when(i, commits):
    """The date of master commit i of a project of `commits` commits."""
    return EPOCH + i * SPAN // max(1, commits)


@dataclasses.dataclass(frozen=True)
class Shape:
    core: str = "scale/mediawiki/core"
    core_commits: int = 100_000
    branches: int = 700
    backports_per_branch: int = 2  # direct pushes on each deployment branch, after its cut
    revert_every: int = 10  # every n-th branch also reverts its first backport
    extensions: int = 50
    extension_commits: int = 2_000
    extension_branches: int = 100  # the newest deployment branches exist in every extension
    files: int = 2_000  # in core; an extension has a tenth
    small_commits: int = 1_000  # a core-like project of this size, for side-by-side figures
    seed: str = "backport-guard scale 1"
    # Where every project of the shape lives: a small (CI) shape has its own, so that a full and
    # a small site can share one .dev/. The core's name is `core` (a field since v1).
    prefix: str = "scale"

    def key(self):
        """What names this shape's cache: GENERATOR_VERSION and every field (a field added
        after v1 only when it differs from its default, so that existing caches keep their key)."""
        fields = dataclasses.asdict(self)
        for name, default in ADDED_FIELDS.items():
            if fields[name] == default:
                del fields[name]
        blob = json.dumps([GENERATOR_VERSION, fields], sort_keys=True)
        return hashlib.sha1(blob.encode()).hexdigest()[:12]

    @property
    def small(self):
        return f"{self.prefix}/small/core"

    def extension_names(self):
        return [f"{self.prefix}/mediawiki/extensions/Ext{i:03d}" for i in range(self.extensions)]

    def branch_names(self):
        """Deployment branch names, oldest first: wmf/1.<minor>.0-wmf.<n>, 25 trains per minor."""
        return [f"wmf/1.{17 + i // 25}.0-wmf.{i % 25 + 1}" for i in range(self.branches)]

    def cuts(self, commits):
        """The master commit (1-based index) each deployment branch is cut at, spread evenly."""
        return [(i + 1) * commits // (self.branches + 1) for i in range(self.branches)]


# Fields added to Shape after the first caches were built, with their defaults (see Shape.key).
ADDED_FIELDS = {"prefix": "scale"}


def change_id(seed, project, what):
    return "I" + hashlib.sha1(f"{seed}\0{project}\0{what}".encode()).hexdigest()


def _data(text):
    raw = text.encode()
    return b"data %d\n" % len(raw) + raw + b"\n"


def _file_path(i, files):
    """Files spread over directories of 40, so each commit rewrites small trees, not one huge one."""
    f = i % files
    return f"includes/dir{f // 40:03d}/File{f % 40:02d}.php"


class _Stream:
    """Writes a fast-import stream to a binary file-like object."""

    def __init__(self, out):
        self.out = out
        self.marks = 0

    def commit(self, ref, when, author, message, parents=(), files=()):
        self.marks += 1
        mark = self.marks
        w = self.out.write
        w(b"commit %s\nmark :%d\n" % (ref.encode(), mark))
        w(b"author %s <%s> %d +0000\n" % (author[0].encode(), author[1].encode(), when))
        w(b"committer %s <%s> %d +0000\n" % (COMMITTER[0].encode(), COMMITTER[1].encode(), when))
        w(_data(message))
        for i, p in enumerate(parents):
            w(b"%s :%d\n" % (b"from" if i == 0 else b"merge", p))
        for path, content in files:
            w(b"M 100644 inline %s\n" % path.encode())
            w(_data(content))
        w(b"\n")
        return mark

    def reset(self, ref, mark):
        self.out.write(b"reset %s\nfrom :%d\n\n" % (ref.encode(), mark))


def _project_config(name, parent="All-Projects"):
    return (f"[project]\n\tdescription = {name}: scale benchmark project (scripts/devgerrit/scale.py)\n"
            f"[access]\n\tinheritFrom = {parent}\n")


def write_project(out, shape, project, commits, branch_names, files):
    """The whole fast-import stream of one project: refs/meta/config, master, the branches.

    Returns a summary (counts) for the manifest. Commit i of master (1-based) changes one
    file and carries Change-Id change_id(seed, project, "master i"). The branch cut after
    master commit c gets `backports_per_branch` cherry-picks of master commits after c,
    keeping their Change-Ids, as a direct push would; every `revert_every`-th branch also
    reverts its first backport.
    """
    s = _Stream(out)
    s.commit("refs/meta/config", EPOCH - 86_400, COMMITTER, "Create project\n",
             files=[("project.config", _project_config(project))])
    cuts = [c for c in shape.cuts(commits)][-len(branch_names):] if branch_names else []
    master = []
    for i in range(1, commits + 1):
        author = AUTHORS[i % len(AUTHORS)]
        msg = (f"Change {i} of {project.rsplit('/', 1)[-1]}\n\nA commit of the scale history.\n\n"
               f"Change-Id: {change_id(shape.seed, project, f'master {i}')}\n")
        master.append(s.commit("refs/heads/master", _when(i, commits), author, msg,
                               parents=[master[-1]] if master else [],
                               files=[(_file_path(i, files), f"<?php\n// revision {i}\n")]))
    backports = reverts = 0
    for b, (name, cut) in enumerate(zip(branch_names, cuts)):
        ref = f"refs/heads/{name}"
        tip = master[cut - 1]
        s.reset(ref, tip)
        when = _when(cut, commits) + 60
        first = None
        # Master commits of the week after the cut, distinct, as a deployment's backports are.
        room = max(1, commits // (shape.branches + 1) - shape.backports_per_branch)
        for k in range(shape.backports_per_branch):
            src = min(commits, cut + 1 + k + (b * 7) % room)
            msg = (f"Change {src} of {project.rsplit('/', 1)[-1]}\n\nA commit of the scale history,"
                   f" cherry-picked onto {name} by a direct push.\n\n"
                   f"Change-Id: {change_id(shape.seed, project, f'master {src}')}\n")
            when += 60
            tip = s.commit(ref, when, AUTHORS[(b + k) % len(AUTHORS)], msg, parents=[tip],
                           files=[(_file_path(src, files), f"<?php\n// revision {src}\n")])
            first = first or (src, tip)
            backports += 1
        if first and shape.revert_every and b % shape.revert_every == 0:
            src = first[0]
            msg = (f"Revert \"Change {src} of {project.rsplit('/', 1)[-1]}\"\n\n"
                   f"It broke the deployment.\n\n"
                   f"Change-Id: {change_id(shape.seed, project, f'revert {name} {src}')}\n")
            when += 60
            s.commit(ref, when, AUTHORS[b % len(AUTHORS)], msg, parents=[tip],
                     files=[(_file_path(src, files), f"<?php\n// revision {src} reverted\n")])
            reverts += 1
    return {"commits": commits, "branches": len(branch_names), "backports": backports,
            "reverts": reverts}


def fast_import(repo, shape, project, commits, branch_names, files):
    """Creates the bare repository `repo` and fills it; returns the summary and the time taken."""
    started = time.monotonic()
    subprocess.run(["git", "init", "-q", "--bare", repo], check=True, env=isolated_env())
    # stderr to a file: a pipe nobody reads while the stream is written could fill and block.
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(["git", "--git-dir", repo, "fast-import", "--quiet", "--done"],
                                stdin=subprocess.PIPE, stderr=err, env=isolated_env())
        try:
            summary = write_project(proc.stdin, shape, project, commits, branch_names, files)
            proc.stdin.write(b"done\n")
            proc.stdin.close()
        except BrokenPipeError:
            summary = None
        if proc.wait() != 0 or summary is None:
            err.seek(0)
            raise GitError(f"git fast-import into {repo} failed (exit {proc.returncode}):\n"
                           f"{err.read().decode(errors='replace').rstrip()}")
    # HEAD of a bare repository from `git init` may name main; Gerrit's projects point at master.
    subprocess.run(["git", "--git-dir", repo, "symbolic-ref", "HEAD", "refs/heads/master"],
                   check=True, env=isolated_env())
    summary["seconds"] = round(time.monotonic() - started, 1)
    return summary


def projects(shape):
    """(name, master commits, branch names, files) of every project of the shape: the core, the
    extensions, and a small core-like project (the newest branches) to compare with."""
    names = shape.branch_names()
    out = [(shape.core, shape.core_commits, names, shape.files)]
    ext_branches = names[len(names) - min(shape.extension_branches, len(names)):]
    for ext in shape.extension_names():
        out.append((ext, shape.extension_commits, ext_branches, max(40, shape.files // 10)))
    if shape.small_commits:
        out.append((shape.small, shape.small_commits, ext_branches, max(40, shape.files // 10)))
    return out


def cache_dir(dev_dir, shape):
    return os.path.join(dev_dir, "scale", f"v{GENERATOR_VERSION}-{shape.key()}")


def build(dev_dir, shape, log=lambda m: None):
    """The cached repositories of `shape`: built unless the cache is complete. Returns the manifest.

    The manifest (manifest.json) is written last, so a build cut short is rebuilt, not used.
    """
    root = cache_dir(dev_dir, shape)
    manifest_path = os.path.join(root, "manifest.json")
    if os.path.exists(manifest_path):
        with open(manifest_path) as f:
            manifest = json.load(f)
        log(f"reusing the scale repositories in {root} (built in {manifest['seconds']} s)")
        return manifest
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "git"))
    started = time.monotonic()
    manifest = {"generator": GENERATOR_VERSION, "shape": dataclasses.asdict(shape), "projects": {}}
    for name, commits, branch_names, files in projects(shape):
        repo = os.path.join(root, "git", name + ".git")
        os.makedirs(os.path.dirname(repo), exist_ok=True)
        summary = fast_import(repo, shape, name, commits, branch_names, files)
        log(f"{name}: {summary['commits']} commits, {summary['branches']} branches "
            f"in {summary['seconds']} s")
        manifest["projects"][name] = summary
    manifest["seconds"] = round(time.monotonic() - started, 1)
    tmp = manifest_path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
    os.replace(tmp, manifest_path)
    return manifest


def install(dev_dir, site_git_dir, shape, log=lambda m: None):
    """Copies the cached repositories into the site's git/ directory; a project already there is kept.

    A copy, not hard links: Gerrit writes into these repositories (changes, refs) and the
    cache must stay as built. Returns the names of the projects copied.
    """
    root = os.path.join(cache_dir(dev_dir, shape), "git")
    copied = []
    for name, _, _, _ in projects(shape):
        dest = os.path.join(site_git_dir, name + ".git")
        if os.path.exists(dest):
            continue
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        tmp = dest + ".copying"
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(os.path.join(root, name + ".git"), tmp, symlinks=True)
        os.replace(tmp, dest)
        copied.append(name)
    log(f"copied {len(copied)} repositories into {site_git_dir}")
    return copied
