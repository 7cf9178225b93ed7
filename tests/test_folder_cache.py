"""The folder cache: a listing reads each file once until it changes; the cache is private,
disposable, and never the source of truth (issue #13)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pmtui import folder
from pmtui.folder import read_folder
from pmtui.model import Postmortem, Task
from pmtui.state import cache_dir
from pmtui.store import save


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files actually read (parsed and validated) from disk."""
    seen: list[Path] = []
    original = folder.read_listed

    def counted(path: Path) -> folder.Listed | None:
        seen.append(path)
        return original(path)

    monkeypatch.setattr(folder, "read_listed", counted)
    return seen


def team(tmp_path: Path) -> Path:
    for number in range(3):
        save(
            Postmortem(title=f"Incident {number}", tasks=[Task(title=f"task {number}")]),
            tmp_path / f"r{number}.toml",
        )
    (tmp_path / "broken.toml").write_text("title = [\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    return tmp_path


def test_a_second_listing_reads_nothing_until_a_file_changes(tmp_path: Path, reads: list[Path]) -> None:
    first = read_folder([team(tmp_path)])
    assert len(reads) == 5
    reads.clear()
    again = read_folder([tmp_path])
    assert reads == [] and again == first  # the broken file's error and the skipped pyproject too
    report = tmp_path / "r1.toml"
    save(Postmortem(title="Incident 1, renamed", tasks=[]), report)
    os.utime(report, ns=(1, 1))  # a new time as well as a new size
    changed = read_folder([tmp_path])
    assert reads == [report]
    assert [entry.digest.title for entry in changed if entry.digest] == [
        "Incident 0",
        "Incident 1, renamed",
        "Incident 2",
    ]


def test_an_error_names_the_file_as_it_is_named_now(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    team(tmp_path)
    read_folder([tmp_path])
    monkeypatch.chdir(tmp_path)
    broken = next(entry for entry in read_folder([Path(".")]) if entry.error)
    assert broken.error.startswith("broken.toml:") and str(tmp_path) not in broken.error


def test_the_cache_is_private(tmp_path: Path) -> None:
    read_folder([team(tmp_path)])
    folder_mode = stat.S_IMODE(os.stat(cache_dir()).st_mode)
    file_mode = stat.S_IMODE(os.stat(cache_dir() / "folders.sqlite3").st_mode)
    assert (folder_mode, file_mode) == (0o700, 0o600)


def test_a_damaged_cache_is_set_aside(tmp_path: Path, reads: list[Path]) -> None:
    read_folder([team(tmp_path)])
    (cache_dir() / "folders.sqlite3").write_bytes(b"not a database at all" * 100)
    reads.clear()
    listed = read_folder([tmp_path])
    assert len(reads) == 5 and len(listed) == 4
    reads.clear()
    assert read_folder([tmp_path]) == listed and reads == []  # and it was made again


def test_a_listing_stopped_midway_keeps_what_it_read(tmp_path: Path, reads: list[Path]) -> None:
    """The browser stops reading when it is quit; the files read by then are not read again."""

    class Stop(Exception):
        pass

    def stop_after_two(done: int, total: int) -> None:
        if done == 2:
            raise Stop

    with pytest.raises(Stop):
        read_folder([team(tmp_path)], progress=stop_after_two)
    assert len(reads) == 2
    read_before = list(reads)
    reads.clear()
    read_folder([tmp_path])
    assert len(reads) == 3 and not set(reads) & set(read_before)
