"""The `pmtui` command: subcommands, exit codes, and one-line errors for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pmtui.cli import main
from pmtui.store import load

from .conftest import SAMPLES

GOOD = """schema_version = 1
title = "Checkout down"
status = "draft"
authors = []
timezone = "UTC"

[summary]
start = 2024-05-10T14:00:00Z
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("pmtui ")


@pytest.mark.parametrize("command", ["new", "validate", "export", "fmt", "schema", "import"])
def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert "usage: pmtui " + command in capsys.readouterr().out


def test_new_creates_a_valid_report_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "incident.toml"
    assert run(capsys, "new", str(path), "--title", "DB failover", "--zone", "Africa/Nairobi")[0] == 0
    report = load(path)
    assert report.title == "DB failover" and report.timezone == "Africa/Nairobi"
    path.write_text(path.read_text() + "# my edits\n")
    code, _, err = run(capsys, "new", str(path))
    assert code == 1 and "already exists" in err
    assert path.read_text().endswith("# my edits\n")


@pytest.mark.parametrize(
    ("written", "stored"),
    [("EAT", "Africa/Nairobi"), ("US/Eastern", "America/New_York"), ("america/new_york", "America/New_York")],
)
def test_new_reads_the_zone_as_the_editor_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str, stored: str
) -> None:
    path = tmp_path / "incident.toml"
    assert run(capsys, "new", str(path), "--zone", written)[0] == 0
    assert load(path).timezone == stored


def test_new_refuses_an_unknown_zone_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "incident.toml"
    code, _, err = run(capsys, "new", str(path), "--zone", "Mars/Olympus")
    assert code == 2
    assert err.startswith("pmtui: --zone: unknown time zone 'Mars/Olympus'") and err.count("\n") == 1
    assert not path.exists()


def test_validate_passes_with_warnings_on_stderr(
    sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "validate", str(sample_path))
    assert code == 0 and out.startswith(f"{sample_path}: valid")
    assert all(line.startswith(f"{sample_path}: warning: ") for line in err.splitlines())


def test_every_sample_is_canonical(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "fmt", "--check", str(sample_path))[0] == 0


def test_fmt_rewrites_a_hand_edited_file_and_check_reports_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.toml"
    path.write_text('title   =   "Hand edited"\n[summary]\nimpact = "x"\n')
    code, _, err = run(capsys, "fmt", "--check", str(path))
    assert code == 1 and "not in canonical form" in err
    assert run(capsys, "fmt", str(path))[0] == 0
    assert run(capsys, "fmt", "--check", str(path))[0] == 0
    assert load(path).title == "Hand edited"


def test_export_markdown_to_stdout_and_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = SAMPLES[0]
    code, out, _ = run(capsys, "export", str(sample))
    assert code == 0 and out.startswith("# ") and "## Timeline" in out
    target = tmp_path / "out.md"
    assert run(capsys, "export", str(sample), "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == out


def test_export_json_carries_the_file_data_and_computed_figures(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", str(SAMPLES[0]), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["title"] == load(SAMPLES[0]).title
    assert len(data["timeline"]) == len(load(SAMPLES[0]).timeline)
    assert "duration_seconds" in data["computed"]


def test_schema_is_json_schema_for_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0
    assert {"title", "summary", "timeline", "tasks", "notes"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


BAD_FILES = {
    "malformed TOML": (b'title = "unterminated\n', "r.toml:1:"),
    "string where a time belongs": (b'[summary]\nstart = "2pm yesterday"\n', "summary.start"),
    "unknown key": (b'titel = "typo"\n', "titel: unknown key"),
    "naive datetime": (b"[summary]\nstart = 2024-05-10T14:00:00\n", "needs an offset"),
    "impossible date": (b"[summary]\nstart = 2023-02-29T14:00:00Z\n", "Invalid date"),
    "UTF-8 BOM": (b'\xef\xbb\xbftitle = "x"\n', "byte-order mark"),
    "1 MB in one field": (b'[summary]\nimpact = "' + b"a" * 1_000_000 + b'"\n', "too long"),
    "invalid UTF-8": (b'title = "caf\xe9"\n', "not UTF-8"),
    "empty file": (b"", "empty file"),
    "whitespace only": (b"  \n\n", "empty file"),
    "control character": (b'title = "\\u001b]0;pwned\\u0007"\n', "control character"),
    "unknown zone": (b'timezone = "Mars/Olympus"\n', "unknown time zone"),
    "bad status": (b'status = "done"\n', "status"),
    "bad event kind": (b'[[timeline]]\nat = 14:00:00\nkind = "exploded"\n', "timeline[0].kind"),
    "event without time": (b'[[timeline]]\ntext = "x"\n', "timeline[0].at: required key is missing"),
    "task without title": (b'[[tasks]]\nowner = "x"\n', "tasks[0].title"),
    "due date as text": (b'[[tasks]]\ntitle = "x"\ndue = "friday"\n', "tasks[0].due"),
    "authors not a list": (b'authors = "me"\n', "authors"),
    "newer schema": (b"schema_version = 99\n", "newer than this pmtui"),
    "binary junk": (bytes(range(256)), "not UTF-8"),
    "newline in title": (b'title = "two\\nlines"\n', "control character (newline)"),
    "time with an offset": (b"[[timeline]]\nat = 14:00:00+03:00\n", "r.toml:2:"),
}


@pytest.mark.parametrize("name", BAD_FILES)
@pytest.mark.parametrize("command", ["validate", "export", "fmt"])
def test_bad_files_give_one_clear_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, command: str
) -> None:
    content, expected = BAD_FILES[name]
    path = tmp_path / "r.toml"
    path.write_bytes(content)
    code, out, err = run(capsys, command, str(path))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"pmtui: {path}"), err
    assert expected in err
    assert path.read_bytes() == content  # a bad file is never rewritten


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["validate", "MISSING"], 1, "no such file"),
        (["validate", "DIR"], 1, "is a directory"),
        (["export"], 2, "required: file"),
        (["export", "SAMPLE", "--format", "pdf"], 2, "invalid choice"),
        (["fmt", "SAMPLE", "--frobnicate"], 2, "unrecognized arguments"),
        (["new", "NEW", "--zone", "Mars/Olympus"], 2, "unknown time zone"),
        (["export", "SAMPLE", "-o", "NOWHERE/out.md"], 1, "not saved"),
        (["--bogus"], 2, "unrecognized arguments"),
    ],
)
def test_bad_arguments_give_one_line_and_the_right_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int, expected: str
) -> None:
    names = {
        "MISSING": str(tmp_path / "missing.toml"),
        "DIR": str(tmp_path),
        "SAMPLE": str(SAMPLES[0]),
        "NEW": str(tmp_path / "new.toml"),
        "NOWHERE/out.md": str(tmp_path / "no" / "such" / "out.md"),
    }
    got, _out, err = run(capsys, *[names.get(a, a) for a in args])
    assert got == code
    assert err.count("\n") == 1 and expected in err, err


def test_the_installed_command_never_prints_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\x00\x01\x02")
    pmtui = Path(sys.executable).with_name("pmtui")
    done = subprocess.run(
        [str(pmtui), "validate", str(bad)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and done.stderr.startswith("pmtui: ")
