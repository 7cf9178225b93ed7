"""`pmtui tasks`: the action items of a folder of reports (issue #13), on a generated folder
with broken files, files that are not reports, and Markdown postmortems."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from pmtui.cli import main
from pmtui.model import Postmortem, Task, TaskStatus
from pmtui.store import save

TODAY = date.today()
LATE, SOON, LATER = TODAY - timedelta(days=3), TODAY + timedelta(days=2), TODAY + timedelta(days=30)


def report(title: str, *tasks: Task) -> Postmortem:
    return Postmortem(title=title, tasks=list(tasks))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three reports in two folders, a Markdown postmortem, a broken report, a pyproject.toml,
    a hidden folder and a recovery journal, none of which may stop the listing."""
    team = tmp_path / "postmortems"
    (team / "2024").mkdir(parents=True)
    save(
        report(
            "Database failover",
            Task(title="Add a replica lag alert", owner="ana", due=LATE),
            Task(title="Write the failover runbook", owner="bo", due=LATER),
            Task(title="Retire the old primary", owner="ana", status=TaskStatus.DONE, due=LATE),
        ),
        team / "2024" / "db.toml",
    )
    save(
        report(
            "Cache stampede", Task(title="Jitter the TTLs", owner="Bo", due=SOON), Task(title="Load test")
        ),
        team / "cache.toml",
    )
    save(report("Quiet night"), team / "quiet.toml")
    (team / "dns.md").write_text(
        "# DNS outage\n\n## Action items\n\n- [ ] Lower the TTL of the apex record (owner: cy)\n"
        "- [x] Page the registrar\n",
        encoding="utf-8",
    )
    (team / "broken.toml").write_text('title = "Half written"\n[[tasks]]\ntitle = \n', encoding="utf-8")
    (team / "pyproject.toml").write_text('[project]\nname = "not-a-report"\n', encoding="utf-8")
    (team / ".git").mkdir()
    save(report("In git's folder", Task(title="never listed")), team / ".git" / "x.toml")
    (team / "cache.toml.recovery").write_text("{}", encoding="utf-8")
    return team


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["tasks", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_open_tasks_overdue_first_then_by_due_date(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(folder), "--format", "json")
    listed = json.loads(out)
    assert [row["task"] for row in listed] == [
        "Add a replica lag alert",  # overdue
        "Jitter the TTLs",  # due soon
        "Write the failover runbook",  # due later
        "Load test",  # no due date: last, in report order
        "Lower the TTL of the apex record",
    ]
    assert [row["overdue"] for row in listed] == [True, False, False, False, False]
    assert listed[0]["report"].endswith("2024/db.toml") and listed[0]["report_title"] == "Database failover"
    assert listed[4]["report"].endswith("dns.md") and listed[4]["owner"] == "cy"
    # the broken report is named in one line; the file that is no report is not mentioned
    assert code == 1
    assert err.count("\n") == 1 and "broken.toml" in err and "Traceback" not in err
    assert "pyproject" not in err and "never listed" not in out


def test_filters(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def titles(*args: str) -> list[str]:
        _, out, _ = run(capsys, str(folder), "--format", "json", *args)
        return [row["task"] for row in json.loads(out)]

    assert titles("--overdue") == ["Add a replica lag alert"]
    assert titles("--owner", "BO") == ["Jitter the TTLs", "Write the failover runbook"]  # any case
    assert titles("--due-before", SOON.isoformat()) == ["Add a replica lag alert"]
    every = titles("--all")
    assert "Retire the old primary" in every and "Page the registrar" in every and len(every) == 7
    assert titles("--all", "--owner", "ana") == ["Add a replica lag alert", "Retire the old primary"]


def test_every_format_carries_the_same_rows(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(folder), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["due", "owner", "task", "status", "report"]
    assert rows[0]["due"] == f"{LATE.isoformat()} (overdue)" and rows[0]["status"] == "open"
    assert len(rows) == 5

    _, out, _ = run(capsys, str(folder), "--format", "md")
    lines = out.splitlines()
    assert (
        lines[0] == "| due | owner | task | status | report |"
        and lines[1] == "| --- | --- | --- | --- | --- |"
    )
    assert len(lines) == 2 + 5 and "Jitter the TTLs" in lines[3]

    _, out, _ = run(capsys, str(folder))  # the table, for a terminal
    lines = out.splitlines()
    assert lines[0].split() == ["due", "owner", "task", "status", "report"]
    assert lines[1].startswith(f"{LATE.isoformat()} (overdue)  ana ") and lines[1].endswith("db.toml")
    assert lines[1].index("Add a replica") == lines[0].index("task")  # columns line up


def test_text_in_a_markdown_table_stays_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save(report("Pipes", Task(title="Split a | b and <b>bold</b>", owner="x|y")), tmp_path / "p.toml")
    _, out, _ = run(capsys, str(tmp_path), "--format", "md")
    row = out.splitlines()[2]
    assert row.count(" | ") == 4  # five cells: the pipes inside cells are escaped
    assert "<b>" not in row


def test_nothing_to_list_and_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save(report("All done", Task(title="done", status=TaskStatus.DONE)), tmp_path / "r.toml")
    code, out, err = run(capsys, str(tmp_path))
    assert code == 0 and out == "" and "no open action items in 1 report" in err
    code, out, _ = run(capsys, str(tmp_path), "--format", "json")
    assert code == 0 and json.loads(out) == []
    code, _, err = run(capsys, str(tmp_path / "missing"))
    assert code == 1 and err.startswith("pmtui: ") and "missing" in err and err.count("\n") == 1
    code, _, err = run(capsys, str(tmp_path), "--due-before", "next week")
    assert code == 2 and "--due-before" in err and err.count("\n") == 1


def test_the_listing_never_loads_textual(folder: Path) -> None:
    probe = (
        "import sys; from pmtui.cli import main; code = main(['tasks', sys.argv[1], '--format', 'json']); "
        "assert not [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')], 'UI loaded'"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(folder)], capture_output=True, text=True)
    assert "UI loaded" not in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_on_a_terminal_long_titles_are_cut_to_fit(folder: Path) -> None:
    from pmtui.folder import read_folder
    from pmtui.follow_up import Wanted, format_rows, task_rows

    save(report("Long", Task(title="Rewrite " + "the whole thing " * 12, owner="ana")), folder / "long.toml")
    rows = task_rows(read_folder([folder]), TODAY, Wanted())
    lines = format_rows(rows, "table", width=80).splitlines()
    assert all(len(line) <= 80 for line in lines)
    cut = next(line for line in lines if "Rewrite the whole" in line)
    assert "…" in cut and cut.endswith("long.toml")
    piped = format_rows(rows, "table").splitlines()
    assert any(("the whole thing " * 12).strip() in line for line in piped)


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_a_big_folder_is_read_across_processes_with_the_same_result(
    folder: Path, monkeypatch: pytest.MonkeyPatch, start: str
) -> None:
    import concurrent.futures
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import pmtui.folder as folder_module

    serial = folder_module.read_folder([folder], use_cache=False)
    pools: list[int] = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, *args: object, **kwargs: object) -> None:
            pools.append(1)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(folder_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(
        concurrent.futures, "ProcessPoolExecutor", CountedPool
    )  # read_files imports it when used
    monkeypatch.setattr(folder_module, "_start_method", lambda: multiprocessing.get_context(start))
    monkeypatch.setattr(folder_module.os, "cpu_count", lambda: 2)

    def read_here(files: list[Path]) -> object:
        assert not files, "the pool did not start: the files were read in this process"
        return iter(())

    monkeypatch.setattr(folder_module, "read_here", read_here)
    told: list[tuple[int, int]] = []
    assert (
        folder_module.read_folder([folder], use_cache=False, progress=lambda *at: told.append(at)) == serial
    )
    assert pools == [1]
    assert told[-1] == (len(told), len(told)) and [done for done, _ in told] == list(range(1, len(told) + 1))
