"""A TOML editor pointed at `pmtui schema` agrees with pmtui about what a report may hold.

taplo is the engine of the Even Better TOML editor extension; `make test` installs it from PyPI.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = sorted(Path(__file__).parent.parent.joinpath("samples").glob("*.toml"))
UNDATED = next(path for path in SAMPLES if path.name.startswith("undated"))
DATED = next(path for path in SAMPLES if not path.name.startswith("undated"))


def taplo() -> str:
    found = shutil.which("taplo", path=str(Path(sys.executable).parent)) or shutil.which("taplo")
    if found is None:
        pytest.fail("taplo is missing: `make test` installs it (pip install taplo)")
    return found


def pmtui(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pmtui", *arguments]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def taplo_check(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [taplo(), "check", "--colors", "never", *arguments]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture
def schema(tmp_path: Path) -> Path:
    written = pmtui("schema", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    path = tmp_path / "pmtui.schema.json"
    path.write_text(written.stdout, encoding="utf-8")
    return path


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_every_sample_is_valid_under_the_schema(schema: Path, sample: Path) -> None:
    result = taplo_check("--schema", schema.as_uri(), str(sample), cwd=schema.parent)
    assert result.returncode == 0, result.stderr


def test_a_new_report_is_valid_under_the_schema(schema: Path) -> None:
    assert pmtui("new", "fresh.toml", "--title", "Checkout down", cwd=schema.parent).returncode == 0
    result = taplo_check("--schema", schema.as_uri(), "fresh.toml", cwd=schema.parent)
    assert result.returncode == 0, result.stderr


#: Each mistake, made to a valid sample: (what the line becomes, what taplo must name).
MISTAKES = {
    "an unknown status": (DATED, r"^status = .*$", 'status = "wip"', '"wip" is not one of'),
    "a misspelt key": (DATED, r"^title = ", "titel = ", "titel"),
    "an event time without an offset": (
        DATED,
        r"^at = (\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d)[+-]\d\d:\d\d$",
        r"at = \1",
        "anyOf",
    ),
    "a local time without seconds, as a string": (UNDATED, r"^at = 20:00:00$", 'at = "20:00"', "anyOf"),
    "an unknown event kind": (UNDATED, r'^kind = "detected"$', 'kind = "spotted"', '"spotted" is not one of'),
}


def make_mistake(sample: Path, pattern: str, replacement: str, folder: Path) -> Path:
    text, count = re.subn(pattern, replacement, sample.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert count == 1, f"{pattern!r} is not in {sample.name}"
    bad = folder / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    return bad


@pytest.mark.parametrize("mistake", MISTAKES, ids=list(MISTAKES))
def test_taplo_and_pmtui_both_refuse_a_bad_report(schema: Path, mistake: str) -> None:
    sample, pattern, replacement, named = MISTAKES[mistake]
    bad = make_mistake(sample, pattern, replacement, schema.parent)

    checked = taplo_check("--schema", schema.as_uri(), bad.name, cwd=schema.parent)
    assert checked.returncode != 0
    assert named in checked.stdout + checked.stderr

    validated = pmtui("validate", bad.name, cwd=schema.parent)
    assert validated.returncode == 1
    assert validated.stderr.startswith("pmtui: bad.toml")


def test_a_schema_directive_points_taplo_at_the_schema_and_survives_a_save(schema: Path) -> None:
    """What the README tells users to put at the top of a report, for their editor."""
    report = schema.parent / "incident.toml"
    report.write_text(
        "#:schema ./pmtui.schema.json\n" + UNDATED.read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert pmtui("fmt", "incident.toml", cwd=schema.parent).returncode == 0
    assert report.read_text(encoding="utf-8").startswith("#:schema ./pmtui.schema.json\n")
    assert taplo_check("incident.toml", cwd=schema.parent).returncode == 0

    report.write_text(report.read_text(encoding="utf-8").replace('status = "final"', 'status = "wip"'))
    checked = taplo_check("incident.toml", cwd=schema.parent)
    assert checked.returncode != 0
    assert '"wip" is not one of' in checked.stdout + checked.stderr


#: The folder-wide setting the README gives, for editors that read `.taplo.toml`.
TAPLO_CONFIG = """[[rule]]
include = ["**/*.toml"]
exclude = [".taplo.toml"]
schema.path = "./pmtui.schema.json"
"""


def test_a_taplo_config_applies_the_schema_to_every_report_in_the_folder(schema: Path) -> None:
    (schema.parent / ".taplo.toml").write_text(TAPLO_CONFIG, encoding="utf-8")
    shutil.copy(UNDATED, schema.parent / "undated.toml")
    shutil.copy(DATED, schema.parent / "dated.toml")
    assert taplo_check(cwd=schema.parent).returncode == 0

    make_mistake(DATED, r"^status = .*$", 'status = "wip"', schema.parent)
    checked = taplo_check(cwd=schema.parent)
    assert checked.returncode != 0
    assert "bad.toml" in checked.stdout + checked.stderr
