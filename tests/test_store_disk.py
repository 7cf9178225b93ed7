"""Saving is faithful to the file it replaces: links, owner, mode; and it refuses what it must not replace."""

from __future__ import annotations

import errno
import os
import re
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmtui import store
from pmtui.model import Postmortem
from pmtui.store import StoreError, load, remove_stale_temps, replace_atomically, save, write_text


@pytest.fixture
def report_path(tmp_path: Path) -> Path:
    path = tmp_path / "r.toml"
    save(Postmortem(title="one"), path)
    return path


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail, rather than hang the suite, if something opens a FIFO nobody reads."""

    def give_up(signum: int, frame: object) -> None:
        raise TimeoutError("blocked: something opened the FIFO")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(5)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def dead_pid() -> int:
    """The pid of a process that has just exited (reuse within the test is vanishingly unlikely)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# ------------------------------------------------------------ links, owner, mode


def test_a_hard_linked_report_is_written_in_place_so_every_name_sees_it(report_path: Path) -> None:
    other = report_path.with_name("other-name.toml")
    os.link(report_path, other)
    inode = report_path.stat().st_ino
    save(Postmortem(title="two, and a longer title than before"), report_path)
    assert load(other).title == "two, and a longer title than before"
    assert report_path.stat().st_ino == inode and report_path.stat().st_nlink == 2
    save(Postmortem(title="3"), other)  # shorter: the old tail must not survive
    assert load(report_path).title == "3"
    assert other.read_bytes() == report_path.read_bytes()


def test_a_full_disk_changes_no_byte_of_a_hard_linked_report(
    report_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.link(report_path, report_path.with_name("other-name.toml"))
    before = report_path.read_bytes()

    def full(descriptor: int, offset: int, length: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store.os, "posix_fallocate", full, raising=False)
    with pytest.raises(StoreError, match="No space left on device"):
        save(Postmortem(title="a much longer title " * 20), report_path)
    assert report_path.read_bytes() == before


def test_owner_and_group_are_kept(report_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    os.chown(report_path, 65534, 65534)
    save(Postmortem(title="two"), report_path)
    info = report_path.stat()
    assert (info.st_uid, info.st_gid) == (65534, 65534)
    assert load(report_path).title == "two"


def test_a_read_only_report_is_refused_and_left_alone(report_path: Path) -> None:
    report_path.chmod(0o444)
    before = report_path.read_bytes()
    with pytest.raises(StoreError, match="is read-only; not saved"):
        save(Postmortem(title="two"), report_path)
    with pytest.raises(StoreError, match="is read-only"):
        write_text(report_path, "text")
    assert report_path.read_bytes() == before
    assert stat.S_IMODE(report_path.stat().st_mode) == 0o444


def test_save_through_a_symlink_keeps_the_link_and_the_target_mode(report_path: Path) -> None:
    report_path.chmod(0o640)
    link = report_path.with_name("link.toml")
    link.symlink_to(report_path.name)
    save(Postmortem(title="two"), link)
    assert link.is_symlink() and os.readlink(link) == report_path.name
    assert load(report_path).title == "two" and stat.S_IMODE(report_path.stat().st_mode) == 0o640


# ------------------------------------------------------------ what is never replaced


def test_a_fifo_is_refused_without_opening_it(tmp_path: Path, no_hang: None) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with pytest.raises(StoreError, match="is a FIFO/device/socket, not a regular file; not written"):
        write_text(fifo, "exported text")
    with pytest.raises(StoreError, match="not a regular file"):
        save(Postmortem(), fifo)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_device_is_refused_and_stays_a_device(tmp_path: Path) -> None:
    device = tmp_path / "full"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # a /dev/full of our own
    except (PermissionError, OSError):
        pytest.skip("cannot create a device node here")
    with pytest.raises(StoreError, match="not a regular file; not written"):
        write_text(device, "exported text")
    assert stat.S_ISCHR(device.lstat().st_mode)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        write_text(tmp_path, "text")


# ------------------------------------------------------------ temp files


def test_temp_files_carry_the_pid_and_sit_beside_the_report(
    report_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[str] = []
    real_replace = os.replace

    def recording_replace(source: str, target: object) -> None:
        used.append(source)
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(store.os, "replace", recording_replace)
    save(Postmortem(title="two"), report_path)
    (temp,) = used
    assert Path(temp).parent == report_path.parent
    assert re.fullmatch(rf"\.r\.toml\.{os.getpid()}\.[a-z0-9_]+\.tmp", Path(temp).name)


def test_stale_temp_files_of_dead_processes_are_removed_at_save(report_path: Path) -> None:
    folder = report_path.parent
    stale = folder / f".r.toml.{dead_pid()}.abc123.tmp"
    live = folder / f".r.toml.{os.getppid()}.def456.tmp"
    unrelated = [
        folder / f".other.toml.{dead_pid()}.abc123.tmp",
        folder / ".r.toml.notapid.x.tmp",
        folder / ".r.toml.abcdefgh.tmp",
    ]
    for path in (stale, live, *unrelated):
        path.write_text("half a report")
    save(Postmortem(title="two"), report_path)
    assert not stale.exists()
    assert live.exists() and all(path.exists() for path in unrelated)
    assert load(report_path).title == "two"


def test_remove_stale_temps_counts_and_never_raises(tmp_path: Path) -> None:
    target = tmp_path / "r.toml"
    for pid in (dead_pid(), dead_pid(), 10**30):
        (tmp_path / f".r.toml.{pid}.zz9.tmp").write_text("x")
    (tmp_path / f".r.toml.{os.getpid()}.zz9.tmp").write_text("ours, in flight")
    assert remove_stale_temps(target) == 3
    assert [p.name for p in tmp_path.iterdir()] == [f".r.toml.{os.getpid()}.zz9.tmp"]
    assert remove_stale_temps(tmp_path / "missing-folder" / "r.toml") == 0


# ------------------------------------------------------------ replace_atomically


def test_replace_atomically_never_writes_through_a_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious")
    victim.chmod(0o644)
    target = tmp_path / "journal.json"
    target.symlink_to(victim)
    replace_atomically(target, b"new payload", 0o600, str(target))
    assert victim.read_text() == "precious" and stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert not target.is_symlink() and target.read_bytes() == b"new payload"
    assert stat.S_IMODE(target.lstat().st_mode) == 0o600


def test_replace_atomically_leaves_no_temp_file_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "journal.json"
    target.write_bytes(b"old")

    def read_only_filesystem(source: str, destination: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(store.os, "replace", read_only_filesystem)
    with pytest.raises(StoreError, match=r"journal.json: not saved: Read-only file system$"):
        replace_atomically(target, b"new", 0o600, str(target))
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["journal.json"]


def test_a_file_written_from_a_read_only_source_is_no_more_readable_but_still_editable(
    tmp_path: Path,
) -> None:
    from pmtui.store import mode_no_wider_than

    source = tmp_path / "old.md"
    source.write_text("# Old\n", encoding="utf-8")
    source.chmod(0o440)
    mode = mode_no_wider_than(source)
    assert mode is not None
    assert mode & 0o004 == 0  # others could not read the source: nor the report
    assert mode & 0o200  # the owner can still save the report it becomes
