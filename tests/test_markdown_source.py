"""Markdown as the report's source: the question on the first save, the marker, x.md.orig, modes,
the changed-on-disk check, refusals, and reopening with nothing lost."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from pmtui.cli import main
from pmtui.importers.markdown import import_markdown, read_markdown_file
from pmtui.journal import beside_path
from pmtui.markdown_source import dropped_html_comments, keep_original, source_text
from pmtui.model import Postmortem
from pmtui.render.markdown import SOURCE_MARKER, is_source_marker, render
from pmtui.screens.choice import ChoiceDialog
from pmtui.screens.export_dialog import ExportDialog
from pmtui.store import StoreError, load

from .conftest import SAMPLES, SEEDS
from .test_import import reports
from .ui_helpers import listening, make_app, settle, type_into, wait_until

SIZE = (80, 24)
SEED = SEEDS[1]  # 7 events, 9 tasks, Africa/Nairobi


@pytest.fixture(autouse=True)
def quick_journal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMTUI_JOURNAL_SECONDS", "0.05")


def seed_copy(folder: Path, mode: int = 0o600) -> Path:
    path = folder / "outage.md"
    shutil.copy(SEED, path)
    os.chmod(path, mode)
    return path


def mode_of(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


async def save_and_answer(pilot, answer: str | None) -> ChoiceDialog:
    """ctrl+s, wait for the question, answer it by its key (None: leave it open)."""
    app = pilot.app
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the question on saving")
    dialog = app.screen
    assert isinstance(dialog, ChoiceDialog)
    if answer is not None:
        await pilot.press(answer)
        await settle(pilot)
    return dialog


# ------------------------------------------------------------------ the marker (no Textual)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_the_marker_is_not_part_of_the_report(sample: Path) -> None:
    report = load(sample)
    text = render(report, source=True)
    assert text.splitlines()[0] == SOURCE_MARKER
    assert import_markdown(text).report == report
    assert import_markdown(text.replace("\n", "\r\n")).report == report


@pytest.mark.parametrize(
    "line",
    [SOURCE_MARKER, "<!--pmtui: Markdown is the source-->", "\ufeff" + SOURCE_MARKER + "  \r"],
)
def test_the_marker_survives_hand_retouching(line: str) -> None:
    assert is_source_marker(line)


@pytest.mark.parametrize("line", ["<!-- pmtui -->", "# " + SOURCE_MARKER, "<!-- markdown is the source -->"])
def test_other_comments_are_not_the_marker(line: str) -> None:
    assert not is_source_marker(line)


def test_a_save_markdown_cannot_carry_names_the_field_and_writes_nothing() -> None:
    report = load(SAMPLES[0])
    report.severity = "SEV 2 · customer facing"  # " · " separates the header's facts
    with pytest.raises(StoreError) as refused:
        source_text(report, "x.md")
    assert str(refused.value) == (
        "x.md: not saved: severity would not read back the same from Markdown "
        "(it would read back as 'SEV 2'); change it, or keep the report as .toml"
    )


def test_what_markdown_never_carries_is_not_a_refusal() -> None:
    report = load(SAMPLES[0])
    report.title += " "
    report.analysis.root_cause = "First.\n\n\n\nSecond.  "
    report.tasks.reverse()  # the export lists improvements, then tasks
    back = import_markdown(source_text(report, "x.md")).report
    assert back.title == report.title.strip() and back.analysis.root_cause == "First.\n\nSecond."
    assert sorted(t.title for t in back.tasks) == sorted(t.title for t in report.tasks)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_a_save_never_refuses_what_the_round_trip_carries(report: Postmortem) -> None:
    assert import_markdown(source_text(report, "x.md")).report == report


def test_markdown_sources_are_read_and_written_without_textual() -> None:
    """`pmtui fmt x.md` in CI stays as light as the TOML commands."""
    script = (
        "import sys, pmtui.markdown_source\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_an_earlier_original_is_never_overwritten(tmp_path: Path) -> None:
    path = seed_copy(tmp_path, 0o640)
    (tmp_path / "outage.md.orig").write_text("an older original")
    kept = keep_original(path)
    assert kept == tmp_path / "outage.md.orig.1"
    assert kept.read_bytes() == SEED.read_bytes() and mode_of(kept) == 0o640
    assert (tmp_path / "outage.md.orig").read_text() == "an older original"


def test_html_comments_a_rewrite_drops_are_found_but_not_the_marker() -> None:
    text = f"{SOURCE_MARKER}\n\n# T\n\n<!-- todo -->\n\n- a <!-- b\nc -->\n"
    assert dropped_html_comments(text) == [5, 7]


# ------------------------------------------------------------------ the first save asks


async def test_markdown_as_the_source_rewrites_it_keeps_the_original_and_reopens_the_same(
    tmp_path: Path,
) -> None:
    path = seed_copy(tmp_path)
    original = path.read_bytes()
    app = make_app(path)
    said = listening(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, "#summary-severity", "SEV2")
        dialog = await save_and_answer(pilot, None)
        assert "outage.md was imported" in dialog.question
        await pilot.press("m")
        await wait_until(pilot, lambda: not app.dirty and not app.saving, "the save")
        assert app.path == path
        text = path.read_text(encoding="utf-8")
        assert text == render(app.document, source=True) and text.startswith(SOURCE_MARKER + "\n")
        orig = tmp_path / "outage.md.orig"
        assert orig.read_bytes() == original
        assert mode_of(path) == mode_of(orig) == 0o600
        assert not (tmp_path / "outage.toml").exists()
        assert [name for name in os.listdir(tmp_path) if name.endswith(".tmp")] == []
        assert (
            "outage.md is now written in pmtui's layout: headings are pmtui's, the timeline and tasks "
            "are lists, and text with no place in the report is under Notes; the original is kept as "
            "outage.md.orig." in said[-1]
        )

        orig_stat = os.stat(orig)
        await type_into(pilot, "#summary-severity", "SEV1")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not app.dirty and not app.saving, "the second save")
        assert not isinstance(app.screen, ChoiceDialog)  # asked once
        assert os.stat(orig).st_mtime_ns == orig_stat.st_mtime_ns and orig.read_bytes() == original
        assert sorted(os.listdir(tmp_path)) == ["outage.md", "outage.md.orig"]
        edited = app.document.snapshot()

    (tmp_path / "outage.toml").write_text('title = "an older conversion"\n')  # the marker wins over it
    again = make_app(path)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.path == path and not again.dirty
        assert again.document == edited and again.document.severity == "SEV1"
        assert len(again.document.timeline) == 7 and len(again.document.tasks) == 9
    assert read_markdown_file(path).report == edited


async def test_a_toml_beside_it_is_todays_behaviour_and_no_more_readable(tmp_path: Path) -> None:
    path = seed_copy(tmp_path)
    original = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await save_and_answer(pilot, "escape")  # not decided: nothing written, asked again
        assert app.dirty and not (tmp_path / "outage.toml").exists()
        await save_and_answer(pilot, "t")
        assert not app.dirty and app.path == tmp_path / "outage.toml"
        await type_into(pilot, "#summary-severity", "SEV3")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not app.dirty and not app.saving, "the second save")
        assert not isinstance(app.screen, ChoiceDialog)
    assert load(tmp_path / "outage.toml").severity == "SEV3"
    assert mode_of(tmp_path / "outage.toml") == 0o600  # as private as the Markdown it came from
    assert path.read_bytes() == original
    assert sorted(os.listdir(tmp_path)) == ["outage.md", "outage.toml"]


async def test_quit_then_save_asks_too_and_quits_once_written(tmp_path: Path) -> None:
    path = seed_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "save before quitting?")
        await pilot.press("s")
        await wait_until(pilot, lambda: "was imported" in getattr(app.screen, "question", ""), "the question")
        await pilot.press("m")
        await settle(pilot)
        assert not app.is_running
    assert path.read_text(encoding="utf-8").startswith(SOURCE_MARKER)


# ------------------------------------------------------------------ changed on disk, refused saves


async def test_markdown_changed_on_disk_since_the_import_asks_like_toml(tmp_path: Path) -> None:
    path = seed_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        theirs = path.read_text(encoding="utf-8") + "\nA line a colleague added.\n"
        path.write_text(theirs, encoding="utf-8")
        await save_and_answer(pilot, "m")
        assert isinstance(app.screen, ChoiceDialog)
        assert app.screen.question == f"{path} changed on disk since it was opened."
        await pilot.press("c")
        await settle(pilot)
        assert path.read_text(encoding="utf-8") == theirs and app.dirty
        await pilot.press("ctrl+s")  # decided already: straight to the same question
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the conflict question")
        assert "changed on disk" in app.screen.question
        await pilot.press("r")
        await settle(pilot)
        assert "A line a colleague added." in app.document.notes and not app.dirty


async def test_overwriting_after_a_change_keeps_their_version_as_the_original(tmp_path: Path) -> None:
    path = seed_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        theirs = path.read_bytes() + b"\nA line a colleague added.\n"
        path.write_bytes(theirs)
        await save_and_answer(pilot, "m")
        await pilot.press("o")
        await wait_until(pilot, lambda: not app.dirty and not app.saving, "the save")
    assert (tmp_path / "outage.md.orig").read_bytes() == theirs
    assert path.read_text(encoding="utf-8").startswith(SOURCE_MARKER)


async def test_a_source_changed_on_disk_while_open_asks_before_saving(tmp_path: Path) -> None:
    path = source_copy(tmp_path, 0o644)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.path == path and not app.dirty
        await type_into(pilot, "#summary-severity", "SEV2")
        path.write_text(path.read_text(encoding="utf-8").replace("Nairobi", "Nairobi "), encoding="utf-8")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the conflict question")
        assert app.screen.question == f"{path} changed on disk since it was opened."
        await pilot.press("c")
        await settle(pilot)
    assert "SEV2" not in path.read_text(encoding="utf-8")


async def test_a_save_markdown_cannot_carry_is_refused_and_the_edits_kept(tmp_path: Path) -> None:
    path = source_copy(tmp_path, 0o644)
    before = path.read_bytes()
    app = make_app(path)
    said = listening(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, "#summary-impact", "Checkout down")
        await pilot.press("enter", *"# for an hour")  # a heading of its own in Markdown
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any("not saved" in line for line in said), "the refusal")
        await wait_until(pilot, lambda: beside_path(path).exists(), "the journal")
        assert app.dirty and app.document.summary.impact == "Checkout down\n# for an hour"
    assert said[-1] == (
        f"{path}: not saved: summary.impact would not read back the same from Markdown "
        "(it would read back as 'Checkout down'); change it, or keep the report as .toml"
    )
    assert path.read_bytes() == before and not (tmp_path / "outage.md.orig").exists()


# ------------------------------------------------------------------ opening a source


async def test_a_source_edited_by_hand_opens_and_says_the_next_save_lays_it_out(tmp_path: Path) -> None:
    path = tmp_path / "outage.md"
    text = render(read_markdown_file(SEED).report, source=True)
    path.write_text(text.replace("## Timeline", "<!-- keep -->\n\n## Timeline"), encoding="utf-8")
    app = make_app(path)
    assert app.path == path and app.document == read_markdown_file(SEED).report
    assert any("edited outside pmtui" in note for note in app.startup_notes)
    assert any("drop 1 HTML comment(s)" in note for note in app.startup_notes)


async def test_export_never_replaces_the_source_it_is_editing(tmp_path: Path) -> None:
    path = source_copy(tmp_path, 0o644)
    before = path.read_bytes()
    app = make_app(path)
    said = listening(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
        await type_into(pilot, "#path-input", str(path))  # the report's own file, typed by hand
        await pilot.press("enter")
        await settle(pilot)
    assert path.read_bytes() == before and "this report's own file" in said[-1]


# ------------------------------------------------------------------ the command line


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def source_copy(folder: Path, mode: int = 0o600) -> Path:
    path = folder / "outage.md"
    path.write_text(render(read_markdown_file(SEED).report, source=True), encoding="utf-8")
    os.chmod(path, mode)
    return path


def test_fmt_leaves_a_canonical_source_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = source_copy(tmp_path)
    before = os.stat(path)
    assert run(capsys, "fmt", "--check", str(path)) == (0, f"{path}: already canonical\n", "")
    assert run(capsys, "fmt", str(path)) == (0, f"{path}: already canonical\n", "")
    assert os.stat(path).st_mtime_ns == before.st_mtime_ns


def test_fmt_lays_out_a_hand_edited_source_and_check_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = source_copy(tmp_path)
    canonical = path.read_bytes()
    report = read_markdown_file(path).report
    hand_edited = canonical.replace(b"## Timeline", b"##   Timeline").replace(b"\n", b"\r\n")
    path.write_bytes(hand_edited)
    code, out, err = run(capsys, "fmt", "--check", str(path))
    assert (code, out) == (1, "")
    assert err == f"pmtui: {path}: not in canonical form (run `pmtui fmt {path}`)\n"
    assert path.read_bytes() == hand_edited
    assert run(capsys, "fmt", str(path)) == (0, f"{path}: reformatted\n", "")
    assert path.read_bytes() == canonical and read_markdown_file(path).report == report
    assert mode_of(path) == 0o600 and sorted(os.listdir(tmp_path)) == ["outage.md"]
    assert run(capsys, "fmt", "--check", str(path))[0] == 0


def test_fmt_refuses_to_drop_html_comments_unless_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = source_copy(tmp_path)
    commented = path.read_text(encoding="utf-8").replace(
        "## Timeline", "<!-- check with ops -->\n## Timeline"
    )
    path.write_text(commented, encoding="utf-8")
    line = commented.splitlines().index("<!-- check with ops -->") + 1
    code, out, err = run(capsys, "fmt", str(path))
    assert (code, out) == (1, "")
    assert err == (
        f"pmtui: {path}: saving would drop 1 comment (line {line}); keep them elsewhere or pass --drop-comments\n"
    )
    assert path.read_text(encoding="utf-8") == commented
    code, out, _ = run(capsys, "fmt", "--drop-comments", str(path))
    assert (code, out) == (0, f"{path}: reformatted (1 comment (line {line}) dropped)\n")
    assert "check with ops" not in path.read_text(encoding="utf-8")


def test_fmt_on_markdown_without_the_marker_says_how_to_opt_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = seed_copy(tmp_path)
    before = path.read_bytes()
    for args in (["fmt"], ["fmt", "--check"], ["validate"], ["export"]):
        code, out, err = run(capsys, *args, str(path))
        assert (code, out) == (2, "")
        assert err == (
            f"pmtui: {path}: not a report pmtui keeps as Markdown (no pmtui marker on line 1); "
            f"make it one with `pmtui fmt --adopt {path}`, or convert it with `pmtui import {path}`\n"
        )
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["outage.md"]


def test_fmt_adopt_makes_markdown_the_source_keeping_the_original(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = seed_copy(tmp_path, 0o640)
    original = path.read_bytes()
    report = read_markdown_file(path).report
    code, out, err = run(capsys, "fmt", "--adopt", str(path))
    assert code == 0 and err == ""
    assert out.splitlines() == [
        f"{path}: reformatted",
        "outage.md is now written in pmtui's layout: headings are pmtui's, the timeline and tasks are "
        "lists, and text with no place in the report is under Notes; the original is kept as outage.md.orig.",
    ]
    assert (tmp_path / "outage.md.orig").read_bytes() == original
    assert mode_of(path) == mode_of(tmp_path / "outage.md.orig") == 0o640
    assert read_markdown_file(path).report == report
    assert run(capsys, "fmt", "--check", str(path))[0] == 0
    assert run(capsys, "validate", str(path))[:2] == (0, f"{path}: valid (10 warnings)\n")
    assert run(capsys, "export", str(path))[1] == render(report)  # an export carries no marker
    assert run(capsys, "fmt", "--adopt", str(path))[:2] == (0, f"{path}: already canonical\n")
    assert sorted(os.listdir(tmp_path)) == ["outage.md", "outage.md.orig"]


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["fmt", "--adopt", "--check", "MD"], 2, "--check changes nothing and --adopt rewrites the file"),
        (["fmt", "--adopt", "TOML"], 2, "--adopt makes a Markdown file a report's source"),
        (["fmt", "MISSING"], 1, "missing.md: no such file"),
        (["fmt", "EMPTY"], 1, "empty.md: empty file; nothing to import"),
        (["fmt", "BINARY"], 1, "binary.md: a binary file, not Markdown"),
    ],
)
def test_bad_markdown_for_fmt_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int, expected: str
) -> None:
    (tmp_path / "empty.md").write_text(SOURCE_MARKER + "\n\n")
    (tmp_path / "binary.md").write_bytes(SOURCE_MARKER.encode() + b"\n\x00\x01")
    names = {
        "MD": str(seed_copy(tmp_path)),
        "TOML": str(SAMPLES[0]),
        "MISSING": str(tmp_path / "missing.md"),
        "EMPTY": str(tmp_path / "empty.md"),
        "BINARY": str(tmp_path / "binary.md"),
    }
    got, out, err = run(capsys, *[names.get(a, a) for a in args])
    assert (got, out) == (code, "")
    assert err.count("\n") == 1 and err.startswith("pmtui: ") and expected in err, err
