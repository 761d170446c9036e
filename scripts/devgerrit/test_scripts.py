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
"""Tests of the development scripts that need no Gerrit (run by scripts/test).

python3 -m unittest discover -s scripts -p 'test_*.py'
"""

import os
import shutil
import subprocess
import tempfile
import unittest

from devgerrit import git as isolated
from devgerrit import site


def _hostile_home(root):
    """A HOME whose git configuration breaks every commit: signing that fails, hooks that refuse,
    and a URL rewrite to a closed port."""
    home = os.path.join(root, "home")
    hooks = os.path.join(home, "hooks")
    os.makedirs(hooks)
    for hook in ("pre-commit", "commit-msg", "pre-push", "post-checkout"):
        path = os.path.join(hooks, hook)
        with open(path, "w") as f:
            f.write(f"#!/bin/sh\necho 'hostile {hook} hook refuses' >&2\nexit 1\n")
        os.chmod(path, 0o755)
    with open(os.path.join(home, ".gitconfig"), "w") as f:
        f.write(f"""[commit]
\tgpgsign = true
[gpg]
\tprogram = /bin/false
[core]
\thooksPath = {hooks}
[url "file:///nonexistent/"]
\tinsteadOf = {root}/
""")
    return home


class IsolatedGitTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="devgerrit-test-")
        self.addCleanup(shutil.rmtree, self.root, True)
        self.remote = os.path.join(self.root, "remote.git")
        subprocess.run(["git", "init", "-q", "--bare", self.remote], check=True,
                       env=isolated.isolated_env())
        self.home = _hostile_home(self.root)
        self._old_home = os.environ.get("HOME")
        os.environ["HOME"] = self.home
        self.addCleanup(self._restore_home)

    def _restore_home(self):
        if self._old_home is None:
            os.environ.pop("HOME", None)
        else:
            os.environ["HOME"] = self._old_home

    def test_the_hostile_home_breaks_plain_git(self):
        # Guards the test below: in this HOME, git as the user runs it cannot commit.
        work = os.path.join(self.root, "plain")
        subprocess.run(["git", "init", "-q", work], check=True)
        proc = subprocess.run(["git", "-c", "user.name=a", "-c", "user.email=a@example.com",
                               "commit", "-q", "--allow-empty", "-m", "x"],
                              cwd=work, capture_output=True, text=True)
        self.assertNotEqual(proc.returncode, 0, proc.stderr)

    def test_clone_commit_push_ignore_the_users_git_configuration(self):
        work = os.path.join(self.root, "work")
        isolated.git("clone", "-q", self.remote, work)
        with open(os.path.join(work, "a.txt"), "w") as f:
            f.write("a\n")
        isolated.git("add", "a.txt", cwd=work)
        isolated.git("commit", "-q", "-F", "-", cwd=work, input="Add a\n\nChange-Id: I" + "0" * 40 + "\n")
        isolated.git("push", "-q", "origin", "HEAD:refs/heads/main", cwd=work)
        log = isolated.git("--git-dir", self.remote, "log", "--format=%an <%ae> %G?", "main")
        self.assertEqual(log.strip(), f"{isolated.IDENTITY[0]} <{isolated.IDENTITY[1]}> N")

    def test_inherited_git_variables_do_not_leak_in(self):
        # A caller's GIT_DIR (e.g. when run from a hook) must not redirect the scripts' git.
        os.environ["GIT_DIR"] = os.path.join(self.root, "elsewhere.git")
        self.addCleanup(os.environ.pop, "GIT_DIR", None)
        work = os.path.join(self.root, "work")
        isolated.git("clone", "-q", self.remote, work)
        self.assertTrue(os.path.isdir(os.path.join(work, ".git")))

    def test_a_failed_push_shows_gits_own_error(self):
        work = os.path.join(self.root, "work")
        isolated.git("clone", "-q", self.remote, work)
        isolated.git("commit", "-q", "--allow-empty", "-m", "one", cwd=work)
        isolated.git("push", "-q", "origin", "HEAD:refs/heads/main", cwd=work)
        isolated.git("commit", "-q", "--amend", "--allow-empty", "-m", "other", cwd=work)
        with self.assertRaises(isolated.GitError) as caught:
            isolated.git("push", "-q", "origin", "HEAD:refs/heads/main", cwd=work)
        message = str(caught.exception)
        self.assertIn("git push -q origin HEAD:refs/heads/main failed", message)
        self.assertIn("[rejected]", message)  # git's own words, not a summary of ours


class MissingToolsTest(unittest.TestCase):
    """scripts/dev-gerrit start on a machine without Maven, where it cannot install it."""

    def test_prints_the_missing_tools_and_the_command_and_fails(self):
        root = tempfile.mkdtemp(prefix="devgerrit-path-")
        self.addCleanup(shutil.rmtree, root, True)
        # A PATH with what the script needs to get as far as its check, and neither mvn nor apt-get.
        for tool in ("bash", "dirname", "id", "git", "python3", "curl", "cat", "sed", "env"):
            found = shutil.which(tool)
            if found:
                os.symlink(found, os.path.join(root, tool))
        proc = subprocess.run(
            [os.path.join(site.ROOT, "scripts", "dev-gerrit"), "start"],
            env={"PATH": root, "HOME": root}, capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("missing tools: mvn", proc.stderr)
        self.assertIn("(on Debian/Ubuntu: maven)", proc.stderr)
        self.assertNotIn("building the plugin", proc.stderr)


class DemoMarkerTest(unittest.TestCase):
    """After a kill -9 the index may lack the demo's changes; the demo marker, not the index, says
    whether the demo is loaded (scripts/crash-test restarts the daemon that way)."""

    class _IndexThatLostEverything:
        def query(self, query, n=None):
            return []

        def exists(self, path):
            raise AssertionError("the demo was loaded again: " + path)

    def test_a_loaded_demo_is_not_loaded_again_when_the_index_lost_it(self):
        from devgerrit import demo

        dev = tempfile.mkdtemp(prefix="devgerrit-dev-")
        self.addCleanup(shutil.rmtree, dev, True)
        marker = site.Marker("demo.loaded")
        marker.path = os.path.join(dev, "demo.loaded")
        marker.write()
        saved = site.DEMO_LOADED
        site.DEMO_LOADED = marker
        self.addCleanup(setattr, site, "DEMO_LOADED", saved)
        demo.load(self._IndexThatLostEverything())
        self.assertTrue(marker.done())


class PageUrlTest(unittest.TestCase):
    """The demo prints the link the plugin's comment gives: the page of the change's prerequisites."""

    def test_the_page_url_names_the_demo_change_by_project_and_number(self):
        from devgerrit import demo

        class _Gerrit:
            url = "http://127.0.0.1:8080"

        self.assertEqual(
            demo.page_url(_Gerrit(), 42),
            "http://127.0.0.1:8080/plugins/backport-guard/static/prerequisites.html#demo~42")


class ReleaseTest(unittest.TestCase):
    """GERRIT_VERSION picks the pom.xml profile and a .dev directory of its own."""

    def test_the_default_release_keeps_dev_itself(self):
        version, series, dev = site.release(site.default_gerrit_version())
        self.assertEqual(series, version.rsplit(".", 1)[0])
        self.assertEqual(dev, os.path.join(site.ROOT, ".dev"))

    def test_another_release_gets_its_own_directory_and_profile(self):
        self.assertEqual(site.release("3.10.2"),
                         ("3.10.2", "3.10", os.path.join(site.ROOT, ".dev", "gerrit-3.10.2")))

    def test_a_release_without_a_profile_is_refused_with_the_known_ones(self):
        for bad in ("3.9.1", "3.14.0", "3.10", "3.10.2; rm -rf /", "../3.10.2", "3.10.2.1"):
            with self.assertRaises(site.ReleaseError) as e:
                site.release(bad)
            self.assertIn("3.10.x, 3.11.x, 3.12.x or 3.13.x", str(e.exception))


class RestExampleTest(unittest.TestCase):
    """rest-api.md's deployment example is found where CI looks for it, and is valid Python."""

    def test_the_page_holds_the_example_ci_runs(self):
        from devgerrit import rest_example

        source = rest_example.extract()
        compile(source, "may_i_deploy.py", "exec")
        self.assertIn("backport-guard~prerequisites", source)

    def test_a_page_without_the_marker_is_refused_clearly(self):
        from devgerrit import rest_example

        with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False) as f:
            f.write("# no example here\n```python\nprint(1)\n```\n")
        self.addCleanup(os.remove, f.name)
        with self.assertRaises(SystemExit) as e:
            rest_example.extract(f.name)
        self.assertIn("has no line", str(e.exception))


if __name__ == "__main__":
    unittest.main()
