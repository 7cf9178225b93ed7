"""`pmtui stats`: figures over a folder of reports (issue #13)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pmtui.cli import main
from pmtui.model import Event, EventKind, Postmortem, Summary, Task, TaskStatus
from pmtui.store import save

TODAY = date.today()


def incident(
    start: datetime, detect: int, resolve: int, severity: str | None, zone: str = "UTC"
) -> Postmortem:
    """Started at `start`, detected and resolved `detect` and `resolve` minutes later."""
    return Postmortem(
        title=f"Incident at {start:%Y-%m-%d}",
        severity=severity,
        timezone=zone,
        summary=Summary(start=start, end=start + timedelta(minutes=resolve)),
        timeline=[
            Event(at=start + timedelta(minutes=detect), kind=EventKind.DETECTED, text="paged"),
            Event(at=start + timedelta(minutes=resolve), kind=EventKind.RESOLVED, text="fixed"),
        ],
        tasks=[
            Task(title="open, late", due=TODAY - timedelta(days=1)),
            Task(title="open"),
            Task(title="done", status=TaskStatus.DONE),
        ],
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    may = datetime(2024, 5, 10, 14, 0, tzinfo=timezone.utc)
    for number, (detect, resolve) in enumerate([(5, 60), (10, 120), (15, 180), (20, 240)]):
        save(incident(may + timedelta(days=number), detect, resolve, "SEV2"), tmp_path / f"may-{number}.toml")
    # 23:30 UTC on June 30 is already July 1 in Nairobi: the report's own zone decides its month
    save(
        incident(datetime(2024, 6, 30, 23, 30, tzinfo=timezone.utc), 30, 600, "SEV1", "Africa/Nairobi"),
        tmp_path / "july.toml",
    )
    save(Postmortem(title="No times yet"), tmp_path / "draft.toml")
    (tmp_path / "broken.toml").write_text("title = [\n", encoding="utf-8")
    return tmp_path


def test_figures_as_json(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["stats", str(folder), "--format", "json"])
    out, err = capsys.readouterr()
    figures = json.loads(out)
    assert code == 1 and "broken.toml" in err and err.count("\n") == 1
    assert figures["reports"] == 6 and figures["unreadable"] == 1
    assert figures["per_month"] == {"2024-05": 4, "2024-07": 1, "undated": 1}
    assert figures["per_severity"] == {"SEV1": 1, "SEV2": 4, "none": 1}
    detect = figures["time_to"]["detect"]
    assert detect == {"reports": 5, "median_minutes": 15.0, "p90_minutes": 30.0}
    assert figures["time_to"]["resolve"]["median_minutes"] == 180.0
    assert figures["time_to"]["mitigate"] == {"reports": 0, "median_minutes": None, "p90_minutes": None}
    assert figures["tasks"] == {"open": 10, "overdue": 5, "done": 5, "not_doing": 0}


def test_figures_as_a_table_with_bars(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["stats", str(folder)])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "6 reports (1 could not be read)"
    may = next(line for line in lines if line.strip().startswith("2024-05"))
    july = next(line for line in lines if line.strip().startswith("2024-07"))
    assert may.count("█") == 40 and may.endswith(" 4") and july.count("█") == 10
    detect = next(line for line in lines if line.strip().startswith("detect"))
    assert detect.split() == ["detect", "15m", "30m", "5"]
    assert "mitigate" in out and "—" in next(line for line in lines if line.strip().startswith("mitigate"))
    assert lines[-1] == "Action items: 10 open (5 overdue), 5 done, 0 not doing"


def test_an_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("0 reports\n") and "(none)" in out
