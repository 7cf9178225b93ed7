"""`pmtui import old/*.md`: a folder of old reports in one run, a bad file never stopping the rest."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from pmtui import import_command
from pmtui.cli import main
from pmtui.store import load

GOOD = """# {name} outage

## Timeline (UTC)

- 2031-06-0{day} 10:00: alert fires
- 2031-06-0{day} 10:30: fixed

## Action items

- Add a dashboard
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def folder_of_reports(tmp_path: Path) -> list[Path]:
    paths = []
    for day, name in enumerate(["db", "cache", "dns"], start=1):
        path = tmp_path / f"{name}.md"
        path.write_text(GOOD.format(name=name, day=day), encoding="utf-8")
        paths.append(path)
    return paths


def test_every_file_is_imported_beside_it_with_a_closing_line_each_and_a_total(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, cache, dns = folder_of_reports(tmp_path)
    code, out, err = run(capsys, "import", str(db), str(cache), str(dns))
    assert code == 0 and err == ""
    assert out.splitlines() == [
        f"{db} -> {db.with_suffix('.toml')}: 2 events, 1 task, 0 warnings",
        f"{cache} -> {cache.with_suffix('.toml')}: 2 events, 1 task, 0 warnings",
        f"{dns} -> {dns.with_suffix('.toml')}: 2 events, 1 task, 0 warnings",
        "imported 3 of 3 files: 6 events, 3 tasks, 0 warnings",
    ]
    assert load(cache.with_suffix(".toml")).title == "cache outage"


def test_a_bad_file_is_one_line_on_stderr_and_the_others_still_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, cache, dns = folder_of_reports(tmp_path)
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\x89PNG\x00\x00")
    missing = tmp_path / "gone.md"
    cache.with_suffix(".toml").write_text("kept", encoding="utf-8")
    code, out, err = run(capsys, "import", str(db), str(binary), str(cache), str(missing), str(dns))
    assert code == 1
    assert err.splitlines() == [
        f"pmtui: {binary}: a binary file, not Markdown",
        f"pmtui: {cache.with_suffix('.toml')}: already exists; not overwritten (use --force to replace it)",
        f"pmtui: {missing}: no such file",
    ]
    lines = out.splitlines()
    assert lines[1] == f"{binary}: FAILED (a binary file, not Markdown)"
    assert lines[-1] == "imported 2 of 5 files: 4 events, 2 tasks, 0 warnings; 3 failed"
    assert db.with_suffix(".toml").exists() and dns.with_suffix(".toml").exists()
    assert cache.with_suffix(".toml").read_text(encoding="utf-8") == "kept"
    assert "Traceback" not in out + err


def test_quiet_prints_only_the_failures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, cache, _ = folder_of_reports(tmp_path)
    code, out, err = run(capsys, "import", "-q", str(db), str(tmp_path / "gone.md"), str(cache))
    assert (code, out) == (1, "")
    assert err == f"pmtui: {tmp_path / 'gone.md'}: no such file\n"


def test_one_output_file_cannot_take_several_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, cache, _ = folder_of_reports(tmp_path)
    code, out, err = run(capsys, "import", str(db), str(cache), "-o", str(tmp_path / "all.toml"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "-o names the output of one file" in err
    assert not (tmp_path / "all.toml").exists()


def test_two_sources_with_one_name_never_overwrite_each_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "db.md"
    first.write_text(GOOD.format(name="first", day=1), encoding="utf-8")
    second = tmp_path / "db.markdown"
    second.write_text(GOOD.format(name="second", day=2), encoding="utf-8")
    code, _, err = run(capsys, "import", "--force", str(first), str(second), str(first))
    assert code == 1
    assert "already written by another file of this import" in err
    assert load(tmp_path / "db.toml").title == "first outage"


def test_a_report_is_never_readable_by_someone_who_cannot_read_its_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, cache, _ = folder_of_reports(tmp_path)
    db.chmod(0o600)
    cache.chmod(0o444)  # a read-only archive still gives an editable report
    cache.with_suffix(".toml").write_text("old", encoding="utf-8")
    cache.with_suffix(".toml").chmod(0o644)
    db.with_suffix(".toml").write_text("old", encoding="utf-8")
    db.with_suffix(".toml").chmod(0o644)  # replaced with --force: narrowed before the new text lands
    old_umask = os.umask(0o022)
    try:
        assert run(capsys, "import", "--force", str(db), str(cache))[0] == 0
        assert run(capsys, "import", str(db), "-o", str(tmp_path / "single.toml"))[0] == 0
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(db.with_suffix(".toml").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "single.toml").stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.with_suffix(".toml").stat().st_mode) == 0o644


def test_progress_is_shown_on_a_terminal_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [str(path) for path in folder_of_reports(tmp_path)]
    code, _, err = run(capsys, "import", *paths)
    assert code == 0 and err == ""  # piped: nothing on stderr

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setenv("TERM", "xterm")
    assert main(["import", "--force", *paths]) == 0
    shown = terminal.getvalue()
    assert f"[1/3] {paths[0]}" in shown and f"[3/3] {paths[2]}" in shown
    assert shown.endswith("\r\x1b[K")  # cleared before the closing lines


def test_a_bug_in_one_file_is_a_crash_log_line_and_the_rest_go_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, cache, dns = folder_of_reports(tmp_path)
    real = import_command.import_one

    def broken_for_cache(source: Path, *args: object, **kwargs: object) -> object:
        if source == cache:
            raise ZeroDivisionError("division by zero")
        return real(source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(import_command, "import_one", broken_for_cache)
    code, out, err = run(capsys, "import", str(db), str(cache), str(dns))
    assert code == 70
    assert err.startswith(f"pmtui: {cache}: internal error (this is a bug): ZeroDivisionError")
    assert "Traceback" not in err and dns.with_suffix(".toml").exists()
    assert out.splitlines()[-1] == "imported 2 of 3 files: 4 events, 2 tasks, 0 warnings; 1 failed"


def test_one_file_keeps_its_full_account(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (db, *_) = folder_of_reports(tmp_path)
    code, out, err = run(capsys, "import", str(db))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"{db} -> {db.with_suffix('.toml')}"
    assert (
        "  2 timeline events, 1 tasks" in lines
        and "  guessed: start taken from the first timeline event" in lines
    )
    assert not any(line.startswith("imported ") for line in lines)
