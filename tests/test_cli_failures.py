"""Nothing lost, whatever happens: every failure of the `pmtui` command is one line on stderr
and an exit code, never a traceback. Behaviour that depends on real standard streams (a full
disk, a closed pipe, an ASCII locale, interpreter shutdown) runs the installed command."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import time
from pathlib import Path

import pytest

from pmtui import cli
from pmtui.cli import main
from pmtui.model import Event, Postmortem, Summary
from pmtui.render.markdown import render
from pmtui.store import dumps, load, save

from .conftest import SAMPLES

PMTUI = Path(sys.executable).with_name("pmtui")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def installed(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """The installed console script, with real stdio."""
    return subprocess.run(
        [str(PMTUI), *args], capture_output=True, env={**os.environ, **(env or {})}, cwd=cwd, timeout=60
    )


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err
    return err.rstrip("\n")


def big_report(path: Path, events: int = 3000) -> Path:
    """A report whose export is several times a pipe's buffer (64 KiB)."""
    report = Postmortem(
        title="Long night",
        timeline=[
            Event(at=time(10 + i // 3600 % 10, i // 60 % 60, i % 60), text=f"event {i}: " + "x" * 60)
            for i in range(events)
        ],
    )
    save(report, path)
    return path


# ------------------------------------------------------------------ values the model refuses


OUT_OF_RANGE = {
    "start in year 1": (b'title = "x"\n[summary]\nstart = 0001-01-01T00:00:00+03:00\n', "summary.start"),
    "event in year 9999": (b'title = "x"\n[[timeline]]\nat = 9999-12-31T23:00:00-05:00\n', "timeline[0].at"),
}


@pytest.mark.parametrize("name", OUT_OF_RANGE)
@pytest.mark.parametrize("command", ["validate", "export", "fmt"])
def test_a_year_out_of_range_is_one_line_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, command: str
) -> None:
    content, field = OUT_OF_RANGE[name]
    path = tmp_path / "r.toml"
    path.write_bytes(content)
    code, out, err = run(capsys, command, str(path))
    line = one_line(err)
    assert code == 1 and out == ""
    assert line.startswith(f"pmtui: {path}: {field}: ") and "year" in line
    assert path.read_bytes() == content


@pytest.mark.parametrize("command", ["validate", "export", "fmt"])
def test_toml_nested_500_deep_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 500 + "]" * 500 + "\n")
    code, out, err = run(capsys, command, str(path))
    assert code == 1 and out == ""
    assert one_line(err).startswith(f"pmtui: {path}: ") and "nested" in err


def test_the_installed_command_reads_deep_nesting_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 500 + "]" * 500 + "\n")
    done = installed("validate", str(path))
    assert done.returncode == 1
    assert one_line(done.stderr.decode()).startswith(f"pmtui: {path}: ")


# ------------------------------------------------------------------ standard output


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [["export", "SAMPLE"], ["export", "BIG"], ["schema"], ["validate", "SAMPLE"]]
)
def test_a_full_disk_on_stdout_is_one_line_even_at_exit(tmp_path: Path, args: list[str]) -> None:
    names = {"SAMPLE": str(SAMPLES[0]), "BIG": str(big_report(tmp_path / "big.toml", 1500))}
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [str(PMTUI), *[names.get(a, a) for a in args]], stdout=full, stderr=subprocess.PIPE, timeout=60
        )
    err = done.stderr.decode()
    assert done.returncode == 1
    assert (
        err.endswith("\npmtui: standard output: No space left on device\n")
        or err == "pmtui: standard output: No space left on device\n"
    )
    assert err.count("pmtui: ") == 1 and "Traceback" not in err and "Exception ignored" not in err


def test_a_reader_that_leaves_early_is_not_an_error(tmp_path: Path) -> None:
    """`pmtui export big.toml | head -1`: the pipe closes mid-write; pmtui stops quietly with 0."""
    path = big_report(tmp_path / "big.toml")
    process = subprocess.Popen(
        [str(PMTUI), "export", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    err = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert first.startswith(b"# Long night")
    assert err == b""


def test_a_shell_pipe_into_head_prints_nothing_else(tmp_path: Path) -> None:
    path = big_report(tmp_path / "big.toml")
    done = subprocess.run(
        ["sh", "-c", f'"{PMTUI}" export "{path}" | head -1; exit 0'], capture_output=True, timeout=60
    )
    assert done.stdout == b"# Long night\n"
    assert done.stderr == b""


def test_a_closed_stdout_is_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        ["sh", "-c", f'"{PMTUI}" export "{SAMPLES[0]}" >&-'], capture_output=True, timeout=60
    )
    assert done.returncode == 1
    assert done.stderr == b"pmtui: standard output: Bad file descriptor\n"


NON_ASCII = Postmortem(
    title="Café down — 東京 région", summary=Summary(impact="Ünïcode everywhere: naïve “quotes”")
)


def test_export_writes_utf8_whatever_the_locale_says(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    save(NON_ASCII, path)
    done = installed("export", str(path), env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout == render(NON_ASCII).encode("utf-8")
    as_json = installed("export", str(path), "--format", "json", env={"PYTHONIOENCODING": "ascii"})
    assert as_json.returncode == 0 and "東京".encode() in as_json.stdout


def test_schema_and_messages_survive_an_ascii_locale(tmp_path: Path) -> None:
    save(NON_ASCII, tmp_path / "café.toml")
    ascii_env = {"PYTHONIOENCODING": "ascii"}
    schema = installed("schema", env=ascii_env)
    assert schema.returncode == 0 and schema.stdout.startswith(b"{") and schema.stderr == b""
    validate = installed("validate", "café.toml", env=ascii_env, cwd=tmp_path)
    assert validate.returncode == 0
    assert validate.stdout.startswith(b"caf\\xe9.toml: valid")
    warnings = validate.stderr.decode("ascii").splitlines()
    assert warnings and all(line.startswith("caf\\xe9.toml: warning: ") for line in warnings)
    missing = installed("validate", "naïve.toml", env=ascii_env, cwd=tmp_path)
    assert missing.returncode == 1
    assert missing.stderr.decode("ascii") == "pmtui: na\\xefve.toml: no such file\n"


# ------------------------------------------------------------------ import


def test_import_removes_terminal_controls_and_says_how_many(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "outage.md"
    source.write_text(
        "# Outage\n\n## Timeline\n\n- 10:00 UTC: alert \x1b[31mfired\x1b[0m\n"
        "- 10:05 UTC: rolled \u202eback\u202c\tfast\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "import", str(source))
    assert code == 0 and err == ""
    assert "warning: removed 4 control characters" in out
    report = load(tmp_path / "outage.toml")
    assert [event.text for event in report.timeline] == ["alert fired", "rolled back\tfast"]


def test_importing_into_a_symlink_loop_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "x.md"
    source.write_text("# Outage\n\n## Timeline\n\n- 10:00 UTC: alert\n")
    loop = tmp_path / "LOOP.toml"
    loop.symlink_to("LOOP.toml")
    code, out, err = run(capsys, "import", str(source), "-o", str(loop), "--force")
    assert code == 1 and out == ""
    assert one_line(err) == f"pmtui: {loop}: symbolic link loop"
    code, _, err = run(capsys, "import", str(source), "-o", str(loop))
    assert code == 1 and one_line(err) == f"pmtui: {loop}: symbolic link loop"


@pytest.mark.parametrize(
    "args", [["new", "LOOP"], ["export", "SAMPLE", "-o", "LOOP"], ["validate", "LOOP"], ["import", "LOOP"]]
)
def test_every_command_meets_a_symlink_loop_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    loop = tmp_path / "LOOP"
    loop.symlink_to("LOOP")
    code, _, err = run(capsys, *[{"LOOP": str(loop), "SAMPLE": str(SAMPLES[0])}.get(a, a) for a in args])
    assert code == 1
    assert one_line(err).startswith(f"pmtui: {loop}: ")


def test_import_of_a_path_with_no_name_asks_for_an_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", "/")
    assert code == 2 and "name the output with -o" in one_line(err)


# ------------------------------------------------------------------ fmt


def test_fmt_sees_crlf_line_endings_and_rewrites_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    canonical = SAMPLES[0].read_bytes()
    path = tmp_path / "r.toml"
    path.write_bytes(canonical.replace(b"\n", b"\r\n"))
    code, _, err = run(capsys, "fmt", "--check", str(path))
    assert code == 1 and "not in canonical form" in one_line(err)
    assert path.read_bytes() == canonical.replace(b"\n", b"\r\n")
    code, out, _ = run(capsys, "fmt", str(path))
    assert code == 0 and out == f"{path}: reformatted\n"
    assert path.read_bytes() == canonical


def _with_comments(path: Path) -> bytes:
    """A sample with a header comment (kept) and three comments a save would drop: lines 3, 6 and 11."""
    lines = SAMPLES[0].read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].rstrip("\n") + "  # provisional\n"
    lines.insert(4, "# why this status\n")
    lines.insert(9, "# a note\n")
    content = ("# Reviewed by the SRE team\n" + "".join(lines)).encode("utf-8")
    path.write_bytes(content)
    return content


def test_fmt_refuses_to_drop_comments_and_lists_them_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.toml"
    content = _with_comments(path)
    code, out, err = run(capsys, "fmt", str(path))
    assert code == 1 and out == ""
    assert one_line(err) == (
        f"pmtui: {path}: saving would drop 3 comments (lines 3, 6, 11); "
        "keep them elsewhere or pass --drop-comments"
    )
    assert path.read_bytes() == content
    code, _, err = run(capsys, "fmt", "--check", str(path))
    assert code == 1 and "3 comments (lines 3, 6, 11) would be dropped" in one_line(err)
    code, out, _ = run(capsys, "fmt", "--drop-comments", str(path))
    assert code == 0 and "reformatted" in out
    assert path.read_text(encoding="utf-8") == "# Reviewed by the SRE team\n" + SAMPLES[0].read_text(
        encoding="utf-8"
    )
    assert run(capsys, "fmt", "--check", str(path))[0] == 0


def test_fmt_counts_a_file_with_only_its_leading_comments_as_canonical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.toml"
    path.write_text(
        "#:schema ./schema.json\n# Licence: internal\n" + dumps(load(SAMPLES[0])), encoding="utf-8"
    )
    code, out, _ = run(capsys, "fmt", "--check", str(path))
    assert code == 0 and "already canonical" in out


def test_one_comment_is_named_in_the_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.toml"
    text = dumps(load(SAMPLES[0]))
    path.write_text(text.replace("\n[summary]", "\n# one\n[summary]", 1), encoding="utf-8")
    code, _, err = run(capsys, "fmt", str(path))
    assert code == 1 and "saving would drop 1 comment (line " in one_line(err)


# ------------------------------------------------------------------ the last resort


def test_a_bug_is_one_line_a_crash_log_and_exit_70(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken(options: object) -> int:
        raise ValueError("boom\nsecond line")

    monkeypatch.setitem(cli.COMMANDS, "validate", broken)
    code, out, err = run(capsys, "validate", str(SAMPLES[0]))
    line = one_line(err)
    assert code == 70 and out == ""
    assert line.startswith(
        "pmtui: internal error (this is a bug): ValueError: boom second line — details in "
    )
    log = Path(line.rsplit("details in ", 1)[1])
    assert log.parent == tmp_path / "state" / "pmtui"
    trace = log.read_text(encoding="utf-8")
    assert "Traceback" in trace and "in broken" in trace and "ValueError: boom" in trace


def test_a_bug_still_gets_one_line_when_no_crash_log_can_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    monkeypatch.setitem(cli.COMMANDS, "schema", lambda options: 1 // 0)
    code, _, err = run(capsys, "schema")
    assert code == 70
    assert one_line(err).endswith(
        "ZeroDivisionError: integer division or modulo by zero — no crash log could be written"
    )


def test_an_os_error_that_slips_through_names_its_path(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(options: object) -> int:
        raise PermissionError(13, "Permission denied", "/reports/out.md")

    monkeypatch.setitem(cli.COMMANDS, "export", denied)
    code, _, err = run(capsys, "export", str(SAMPLES[0]), "-o", "/reports/out.md")
    assert code == 1
    assert one_line(err) == "pmtui: /reports/out.md: Permission denied"


def test_writing_into_a_folder_that_cannot_be_written_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")
    target = not_a_folder / "out.md"
    code, _, err = run(capsys, "export", str(SAMPLES[0]), "-o", str(target))
    assert code == 1 and one_line(err).startswith(f"pmtui: {target}: ")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, _, err = run(capsys, "export", str(SAMPLES[0]), "-o", str(folder / "out.md"))
    finally:
        folder.chmod(0o700)
    assert code == 1 and one_line(err).startswith(f"pmtui: {folder / 'out.md'}: ")


# ------------------------------------------------------------------ python -m pmtui


def test_python_dash_m_runs_the_same_command(tmp_path: Path) -> None:
    version = subprocess.run(
        [sys.executable, "-m", "pmtui", "--version"], capture_output=True, text=True, timeout=60
    )
    assert version.returncode == 0 and version.stdout.startswith("pmtui ")
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "unterminated\n')
    done = subprocess.run(
        [sys.executable, "-m", "pmtui", "validate", str(bad)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1 and one_line(done.stderr).startswith(f"pmtui: {bad}:1:")
