"""Reports in a real git repository: `pmtui git-setup --apply`, then `git merge` through the
driver (issue #13). Runs the installed `pmtui`, as git does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from pmtui.model import Event, EventKind, Task, TaskStatus
from pmtui.store import dumps, load, save

from .ui_helpers import SAMPLES

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
SEED = SAMPLES / "2024-05-10-web-app-memory-leak.toml"
BIN = str(Path(sys.executable).parent)


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": BIN + os.pathsep + os.environ.get("PATH", ""),  # the installed pmtui, as a user has it
        "GIT_AUTHOR_NAME": "a",
        "GIT_AUTHOR_EMAIL": "a@example.com",
        "GIT_COMMITTER_NAME": "a",
        "GIT_COMMITTER_EMAIL": "a@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=check)


def pmtui(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(Path(BIN) / "pmtui"), *args], cwd=repo, capture_output=True, text=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "postmortems"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copy(SEED, repo / "leak.toml")
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "1"\n', encoding="utf-8")
    done = pmtui(repo, "git-setup", "--apply")
    assert done.returncode == 0, done.stderr
    assert (repo / ".gitattributes").read_text() == "*.toml merge=pmtui diff=pmtui\n"
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def commit_on(repo: Path, branch: str, change, start: str = "main") -> None:
    git(repo, "checkout", "-q", "-b", branch, start)
    report = load(repo / "leak.toml")
    change(report)
    save(report, repo / "leak.toml")
    git(repo, "commit", "-q", "-am", branch)


def test_changes_on_two_branches_merge_by_meaning(repo: Path) -> None:
    def add_event_and_reword(report) -> None:
        first = report.timeline[0]
        report.timeline.insert(
            1, Event(at=first.at + timedelta(minutes=5), kind=EventKind.ACKNOWLEDGED, text="Acked")
        )
        report.summary.impact = "About 30% of users saw errors for 14 hours."

    def close_and_add_tasks(report) -> None:
        report.tasks[0].status = TaskStatus.DONE
        report.tasks.append(Task(title="Add a heap-size alert", owner="ana"))

    commit_on(repo, "events", add_event_and_reword)
    commit_on(repo, "tasks", close_and_add_tasks)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "events")
    done = git(repo, "merge", "-q", "--no-edit", "tasks", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    merged = load(repo / "leak.toml")
    assert merged.timeline[1].text == "Acked"
    assert merged.summary.impact == "About 30% of users saw errors for 14 hours."
    assert merged.tasks[0].status is TaskStatus.DONE and merged.tasks[-1].title == "Add a heap-size alert"
    assert (repo / "leak.toml").read_text(encoding="utf-8") == dumps(merged)  # canonical
    assert pmtui(repo, "validate", "leak.toml").returncode == 0
    shown = git(repo, "show", "HEAD~1", "--", "leak.toml").stdout  # the textconv: Markdown, not TOML
    assert "+- **2024-05-10 14:05 UTC:** _(acknowledged)_ Acked" in shown


def test_the_same_title_changed_differently_is_a_conflict_validate_points_at(repo: Path) -> None:
    commit_on(repo, "one", lambda report: setattr(report, "title", "Leak in the web app"))
    commit_on(repo, "two", lambda report: setattr(report, "title", "Web app memory leak"), start="main")
    git(repo, "checkout", "-q", "one")
    done = git(repo, "merge", "-q", "--no-edit", "two", check=False)
    assert done.returncode != 0 and "CONFLICT" in done.stdout + done.stderr
    report = load(repo / "leak.toml")  # still a valid report
    assert report.title == "<<<<<<< ours Leak in the web app ======= Web app memory leak >>>>>>> theirs"
    checked = pmtui(repo, "validate", "leak.toml")
    assert checked.returncode == 1
    assert (
        checked.stderr
        == "pmtui: leak.toml: title: unresolved merge conflict: keep one side and delete the <<<<<<< ======= >>>>>>> lines\n"
    )


def test_a_toml_file_that_is_no_report_merges_as_text(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "a")
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "2"\n', encoding="utf-8")
    git(repo, "commit", "-q", "-am", "a")
    git(repo, "checkout", "-q", "-b", "b", "main")
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "y"\nversion = "1"\n\n\n[tool]\n', encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", "b")
    done = git(repo, "merge", "-q", "--no-edit", "a", check=False)
    assert done.returncode != 0  # both changed the same lines: git's markers, as without pmtui
    assert "<<<<<<< ours" in (repo / "pyproject.toml").read_text()
