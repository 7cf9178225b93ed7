"""Markdown importer against a hand-annotated corpus: accuracy and speed.

Usage:  python benchmarks/import_score.py [FOLDER] [-v]

FOLDER is a corpus laid out like /work/shared/corpus (`docs/pm-NNN.md`, each
with its ground truth `docs/pm-NNN.json`, see the corpus README); the corpus
folder itself or its `docs/` folder. Default: `../shared/corpus` relative to
the repository root. Every `.md` that has a `.json` beside it is read (UTF-8),
given to `pmtui.importers.markdown.import_markdown(text, source)`, and scored.
`-v` also lists, per document, what did not match.

Prints one row per document, then an overall block against the targets:
event recall and precision >= 95%, task recall and precision >= 95%, no crash,
every document imported in under 0.2 s. It prints figures and exits 0 even
when targets are missed (a benchmark, not a test); it exits 2 with a one-line
error when FOLDER is not a readable corpus, 1 when the importer cannot be
imported at all.

Timing: one `time.perf_counter()` measurement around the `import_markdown`
call only (reading the file and scoring are not timed). Any exception raised
by the call, or while reading the result, is a crash: it is counted, shown in
the row as `TypeName: message`, and the run goes on. A crashed document scores
no matches (its ground-truth events and tasks count against recall, it adds
nothing to precision) and its start and end count as wrong.

Matching rules
--------------
Text normalisation (both sides): HTML tags removed (block tags such as <br>,
<p>, <li> become a space), HTML entities decoded, Markdown emphasis characters
`*`, `_` and backticks removed, curly quotes made straight, dashes (hyphen,
en/em dash, minus...) made `-`, `...` for the ellipsis character, whitespace
collapsed, casefolded. A "loose" form additionally turns ` - ` and `: ` (with
any surrounding spaces) into a single space, so `Label - detail`,
`Label: detail`, `Label\\ndetail` and `Label detail` all agree.

Text agreement: with g the normalised ground-truth text and i the normalised
imported text, they agree when i starts with g[:40] (the whole of g when g is
shorter), or when i is not empty and g starts with i[:40]; tried on the
normal forms, then on the loose forms.

Events: a ground-truth event matches an imported event when
  (a) the time of day agrees: hour and minute read from the ground-truth
      "time" string (see `gt_time`: "02:30 AM", "2:30pm", "14:30", "13:20PM"
      = 13:20, "2100hrs", "9:21 PM (WAT)", "February 24th, 15, 9:21 PM",
      "0930 UTC", "10 AM", "noon") equal `at.hour` and `at.minute` of the
      imported event as stored (a datetime in its own offset, never converted
      to another zone; or a date-less time). When the ground-truth time
      cannot be read, the time is not checked (text only);
  (b) the texts agree (above).
Matching is one to one and greedy in document order: each ground-truth event,
in order, takes the first imported event, in import order, not yet taken that
matches it. Recall = matched / ground-truth events; precision = matched /
imported events; both 100% when both lists are empty (a list that is empty on
one side only gives 0% on the side that is not empty and "-" on the other).

Tasks: each ground-truth task string (`Label: detail` for labelled items)
against `task.title`, with the same normalisation and agreement rule (loose
form included), one to one, greedy in order.

Start / end: ground-truth `incident_start` / `incident_end` are ISO-8601 with
offset, or null. The imported `report.summary.start` / `.end` is correct when
both are null/None, or when it is an aware datetime equal to the ground-truth
one (the same instant, whatever the offset). A date-less `time` counts as None.

Overall: events and tasks micro-averaged (sum of matches over sum of counts),
start and end as correct/total, crash count, slowest document, and how many
documents miss at least one per-document target (the four rates >= 95%, no
crash, under 0.2 s).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from datetime import time as dtime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_FOLDER = ROOT.parent / "shared" / "corpus"
TARGET_RATE = 0.95
TARGET_SECONDS = 0.2
PREFIX = 40


# --------------------------------------------------------------------------- ground-truth times

_AMPM = r"(?:\s?([ap])\.?\s?m(?![a-z]))"
# "9:21", "02:30 AM", "13:20PM", "14:30:05", "14h30"
_COLON = re.compile(r"(?<!\d)(\d{1,2})[:h](\d{2})(?!\d)(?::\d{2}(?:\.\d+)?)?\s*" + _AMPM + "?", re.I)
# "2100hrs", "0930 UTC" (zone in capitals), "930am", "1530Z", or a string that is only "0930"
_MILITARY = re.compile(
    r"(?<![\d:.,/-])(\d{1,2})(\d{2})(?![\d:/-])"
    r"(?:\s*(hrs?\b|hours\b|h\b|z\b|[ap]\.?\s?m(?![a-z])|(?-i:[A-Z]{2,5})\b))?",
    re.I,
)
# "10 AM", "3pm"
_HOUR = re.compile(r"(?<![\d:.])(\d{1,2})\s*" + _AMPM, re.I)
_WORDS = re.compile(r"\b(noon|midday|midnight)\b", re.I)


def _clock(hour: int, minute: int, ampm: str | None) -> tuple[int, int] | None:
    if ampm:
        pm = ampm.lower() == "p"
        if hour == 12:
            hour = 12 if pm else 0
        elif pm and hour < 12:
            hour += 12
        # 13:20PM is 13:20: an hour past 12 keeps its value whatever the suffix
    if hour == 24 and minute == 0:
        hour = 0
    if 0 <= hour <= 23 and 0 <= minute <= 59:
        return hour, minute
    return None


def gt_time(text: str) -> tuple[int, int] | None:
    """(hour, minute) from a timestamp as written, or None when none can be read.

    First an H:MM clock anywhere in the string (so dates around it are skipped),
    then 3-4 digit military time with a suffix (hrs, a zone...) or standing
    alone, then an hour with am/pm, then noon/midnight.
    """
    for found in _COLON.finditer(text):
        clock = _clock(int(found.group(1)), int(found.group(2)), found.group(3))
        if clock:
            return clock
    for found in _MILITARY.finditer(text):
        suffix = found.group(3)
        if suffix is None and text.strip() != found.group(0):
            continue
        ampm = suffix[0] if suffix and re.fullmatch(r"[ap]\.?\s?m", suffix, re.I) else None
        clock = _clock(int(found.group(1)), int(found.group(2)), ampm)
        if clock:
            return clock
    for found in _HOUR.finditer(text):
        clock = _clock(int(found.group(1)), 0, found.group(2))
        if clock:
            return clock
    found = _WORDS.search(text)
    if found:
        return (0, 0) if found.group(1).lower() == "midnight" else (12, 0)
    return None


# --------------------------------------------------------------------------- text agreement

_BLOCK_TAG = re.compile(
    r"<\s*/?\s*(?:br|p|li|ul|ol|div|tr|td|th|h[1-6]|hr|table|dd|dt|blockquote)\b[^>]*>", re.I
)
_TAG = re.compile(r"<\s*/?\s*[a-z][\w-]*(?:\s[^>]*)?/?\s*>|<!--.*?-->", re.I | re.S)
_TRANSLATE = str.maketrans(
    {
        "*": None,
        "_": None,
        "`": None,
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)
_SPACE = re.compile(r"\s+")
_LOOSE = re.compile(r"\s*(?:\s-+\s|\s-+$|^-+\s|:\s|:$)\s*")


def normalise(text: str) -> str:
    text = _BLOCK_TAG.sub(" ", text)
    text = _TAG.sub("", text)
    text = html.unescape(text).translate(_TRANSLATE)
    return _SPACE.sub(" ", text).strip().casefold()


def loosen(normal: str) -> str:
    return _SPACE.sub(" ", _LOOSE.sub(" ", normal)).strip()


@dataclass(frozen=True)
class Text:
    normal: str
    loose: str

    @classmethod
    def of(cls, text: str) -> Text:
        normal = normalise(text)
        return cls(normal, loosen(normal))


def _starts_agree(gt: str, imported: str) -> bool:
    if imported.startswith(gt[:PREFIX]):
        return True
    return bool(imported) and gt.startswith(imported[:PREFIX])


def texts_agree(gt: Text, imported: Text) -> bool:
    return _starts_agree(gt.normal, imported.normal) or _starts_agree(gt.loose, imported.loose)


# --------------------------------------------------------------------------- scoring


@dataclass
class GroundTruth:
    name: str
    md: Path
    events: list[tuple[str, str]]  # (time as written, text)
    tasks: list[str]
    start: datetime | None
    end: datetime | None


@dataclass
class Score:
    name: str
    gt_events: int
    gt_tasks: int
    imported_events: int = 0
    imported_tasks: int = 0
    matched_events: int = 0
    matched_tasks: int = 0
    start_ok: bool = False
    end_ok: bool = False
    seconds: float | None = None
    crash: str | None = None
    details: list[str] = field(default_factory=list)

    @property
    def event_recall(self) -> float | None:
        return rate(self.matched_events, self.gt_events, self.imported_events)

    @property
    def event_precision(self) -> float | None:
        return rate(self.matched_events, self.imported_events, self.gt_events)

    @property
    def task_recall(self) -> float | None:
        return rate(self.matched_tasks, self.gt_tasks, self.imported_tasks)

    @property
    def task_precision(self) -> float | None:
        return rate(self.matched_tasks, self.imported_tasks, self.gt_tasks)

    def missed_targets(self) -> list[str]:
        missed = []
        if self.crash:
            missed.append("crash")
        for label, value in (
            ("ev.rec", self.event_recall),
            ("ev.prec", self.event_precision),
            ("tk.rec", self.task_recall),
            ("tk.prec", self.task_precision),
        ):
            if value is not None and value < TARGET_RATE:
                missed.append(label)
        if self.seconds is not None and self.seconds >= TARGET_SECONDS:
            missed.append("time")
        return missed


def rate(matched: int, total: int, other_total: int) -> float | None:
    """matched/total; 1.0 when both sides are empty, None when only this side is."""
    if total:
        return matched / total
    return 1.0 if not other_total else None


def event_matches(gt_clock: tuple[int, int] | None, gt_text: Text, at: Any, text: Text) -> bool:
    if gt_clock is not None and (not isinstance(at, (datetime, dtime)) or (at.hour, at.minute) != gt_clock):
        return False
    return texts_agree(gt_text, text)


def greedy(gt_items: list, imported: list, agree) -> list[int | None]:
    """For each ground-truth item in order, the index of the first unused imported item it agrees with."""
    used = [False] * len(imported)
    pairs: list[int | None] = []
    for item in gt_items:
        chosen = None
        for index, candidate in enumerate(imported):
            if not used[index] and agree(item, candidate):
                used[index] = True
                chosen = index
                break
        pairs.append(chosen)
    return pairs


def moment_ok(gt: datetime | None, value: Any) -> bool:
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            return False
        return gt is not None and value == gt
    # None, or a date-less time (counts as None)
    return gt is None


def show_moment(value: Any) -> str:
    if isinstance(value, (datetime, dtime)):
        return value.isoformat()
    return repr(value)


def one_line(text: str, width: int = 70) -> str:
    text = _SPACE.sub(" ", str(text)).strip()
    return text if len(text) <= width else text[: width - 3] + "..."


def score_document(gt: GroundTruth, import_markdown) -> Score:
    score = Score(gt.name, len(gt.events), len(gt.tasks))
    text = gt.md.read_text(encoding="utf-8")
    try:
        began = time.perf_counter()
        result = import_markdown(text, source=str(gt.md))
        score.seconds = time.perf_counter() - began
        report = result.report
        events = [(event.at, event.text) for event in report.timeline]
        titles = [task.title for task in report.tasks]
        start, end = report.summary.start, report.summary.end
    except Exception as error:  # noqa: BLE001 - any failure is a crash to count, not to stop on
        score.crash = f"{type(error).__name__}: {error}"
        score.details.append(f"crash             {one_line(score.crash, 300)}")
        return score

    score.imported_events, score.imported_tasks = len(events), len(titles)

    gt_events = [(gt_time(when), Text.of(what), when, what) for when, what in gt.events]
    imported_events = [
        (at, Text.of(what if isinstance(what, str) else str(what)), what) for at, what in events
    ]
    pairs = greedy(gt_events, imported_events, lambda g, i: event_matches(g[0], g[1], i[0], i[1]))
    score.matched_events = sum(p is not None for p in pairs)
    for (clock, _, when, what), pair in zip(gt_events, pairs, strict=False):
        if pair is None:
            note = "" if clock else "  (time not read: text only)"
            score.details.append(f"event missed      {when!r}: {one_line(what)}{note}")
    taken = {p for p in pairs if p is not None}
    for index, (at, _, what) in enumerate(imported_events):
        if index not in taken:
            score.details.append(f"event extra       {show_moment(at)}: {one_line(what)}")

    gt_tasks = [(Text.of(task), task) for task in gt.tasks]
    imported_tasks = [(Text.of(title if isinstance(title, str) else str(title)), title) for title in titles]
    pairs = greedy(gt_tasks, imported_tasks, lambda g, i: texts_agree(g[0], i[0]))
    score.matched_tasks = sum(p is not None for p in pairs)
    for (_, task), pair in zip(gt_tasks, pairs, strict=False):
        if pair is None:
            score.details.append(f"task missed       {one_line(task)}")
    taken = {p for p in pairs if p is not None}
    for index, (_, title) in enumerate(imported_tasks):
        if index not in taken:
            score.details.append(f"task extra        {one_line(title)}")

    score.start_ok, score.end_ok = moment_ok(gt.start, start), moment_ok(gt.end, end)
    if not score.start_ok:
        score.details.append(f"start wrong       expected {show_moment(gt.start)}, got {show_moment(start)}")
    if not score.end_ok:
        score.details.append(f"end wrong         expected {show_moment(gt.end)}, got {show_moment(end)}")
    return score


# --------------------------------------------------------------------------- corpus


class BadFolder(Exception):
    pass


def _iso(value: Any, where: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise BadFolder(f"{where}: not an ISO-8601 date-time: {value!r}") from None
    if moment.tzinfo is None:
        raise BadFolder(f"{where}: no offset in {value!r}")
    return moment


def load_corpus(folder: Path) -> list[GroundTruth]:
    if not folder.exists():
        raise BadFolder(f"no such folder: {folder}")
    if not folder.is_dir():
        raise BadFolder(f"not a folder: {folder}")
    docs = folder / "docs" if (folder / "docs").is_dir() else folder
    documents = []
    for md in sorted(docs.glob("*.md")):
        answer = md.with_suffix(".json")
        if not answer.is_file():
            continue
        try:
            data = json.loads(answer.read_text(encoding="utf-8"))
            md.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BadFolder(f"cannot read {md.name} / {answer.name}: {one_line(error, 120)}") from None
        try:
            events = [(str(item["time"]), str(item["text"])) for item in data.get("timeline") or []]
            tasks = [str(task) for task in data.get("tasks") or []]
        except (AttributeError, KeyError, TypeError):
            raise BadFolder(
                f"{answer.name}: 'timeline' must be a list of {{time, text}} and 'tasks' a list"
            ) from None
        documents.append(
            GroundTruth(
                md.stem,
                md,
                events,
                tasks,
                _iso(data.get("incident_start"), f"{answer.name} incident_start"),
                _iso(data.get("incident_end"), f"{answer.name} incident_end"),
            )
        )
    if not documents:
        raise BadFolder(f"no documents with ground truth (NAME.md beside NAME.json) in {docs}")
    return documents


# --------------------------------------------------------------------------- printing


def pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def print_table(scores: list[Score], verbose: bool) -> None:
    header = (
        f"{'document':<12} {'events m/gt/imp':>15} {'ev.rec':>7} {'ev.prec':>7}  "
        f"{'tasks m/gt/imp':>14} {'tk.rec':>7} {'tk.prec':>7}  {'start':>5} {'end':>5} {'ms':>7}  notes"
    )
    print(header)
    print("-" * len(header))
    for s in scores:
        events = f"{s.matched_events}/{s.gt_events}/{s.imported_events}"
        tasks = f"{s.matched_tasks}/{s.gt_tasks}/{s.imported_tasks}"
        ms = "-" if s.seconds is None else f"{1000 * s.seconds:.1f}"
        if s.crash:
            note = "CRASH " + one_line(s.crash, 80)
        else:
            missed = s.missed_targets()
            note = "below target: " + ", ".join(missed) if missed else ""
        print(
            f"{s.name:<12} {events:>15} {pct(s.event_recall):>7} {pct(s.event_precision):>7}  "
            f"{tasks:>14} {pct(s.task_recall):>7} {pct(s.task_precision):>7}  "
            f"{'ok' if s.start_ok else 'WRONG':>5} {'ok' if s.end_ok else 'WRONG':>5} {ms:>7}  {note}".rstrip()
        )
        if verbose:
            for line in s.details:
                print(f"    {line}")
    print("(m/gt/imp = matched / ground truth / imported; '-' = no items on that side)")


def verdict(ok: bool) -> str:
    return "ok  " if ok else "MISS"


def totals(scores: list[Score]) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """(matched, ground truth, imported) for events, then for tasks, summed over `scores`."""
    return (
        (
            sum(s.matched_events for s in scores),
            sum(s.gt_events for s in scores),
            sum(s.imported_events for s in scores),
        ),
        (
            sum(s.matched_tasks for s in scores),
            sum(s.gt_tasks for s in scores),
            sum(s.imported_tasks for s in scores),
        ),
    )


def print_overall(scores: list[Score]) -> None:
    n = len(scores)
    (me, ge, ie), (mt, gtk, it) = totals(scores)
    er, ep, tr, tp = rate(me, ge, ie), rate(me, ie, ge), rate(mt, gtk, it), rate(mt, it, gtk)
    crashes = [s for s in scores if s.crash]
    timed = [s for s in scores if s.seconds is not None]
    slow = [s for s in timed if s.seconds >= TARGET_SECONDS]
    slowest = max(timed, key=lambda s: s.seconds, default=None)
    total_seconds = sum(s.seconds for s in timed)
    below = [s for s in scores if s.missed_targets()]

    def rate_line(label: str, value: float | None, matched: int, total: int) -> str:
        mark = "n/a " if value is None else verdict(value >= TARGET_RATE)
        return f"  [{mark}] {label:<16} {pct(value):>7}  ({matched}/{total})   target >= {TARGET_RATE:.0%}"

    print()
    print(f"Overall ({n} documents, micro-averaged)")
    print(rate_line("event recall", er, me, ge))
    print(rate_line("event precision", ep, me, ie))
    print(rate_line("task recall", tr, mt, gtk))
    print(rate_line("task precision", tp, mt, it))
    names = ", ".join(s.name for s in crashes)
    print(
        f"  [{verdict(not crashes)}] {'crashes':<16} {len(crashes):>7}"
        + (f"  ({names})" if names else "")
        + "   target 0"
    )
    if slowest is not None:
        print(
            f"  [{verdict(not slow)}] {'import time':<16} {len(timed) - len(slow):>4}/{len(timed)} "
            f"timed documents under {1000 * TARGET_SECONDS:.0f} ms; slowest {slowest.name} {1000 * slowest.seconds:.1f} ms, "
            f"mean {1000 * total_seconds / len(timed):.1f} ms, total {1000 * total_seconds:.0f} ms"
        )
    else:
        print(f"  [MISS] {'import time':<16} no document imported")
    print(f"         {'start correct':<16} {sum(s.start_ok for s in scores):>4}/{n}")
    print(f"         {'end correct':<16} {sum(s.end_ok for s in scores):>4}/{n}")
    print(
        f"  documents below a per-document target: {len(below)}/{n}"
        + (f" ({', '.join(s.name for s in below)})" if below else "")
    )
    print_batches(scores)


def batches(scores: list[Score]) -> list[list[Score]]:
    """Documents in runs of numbers (pm-001..030, pm-081..119): a gap of more than 10 starts a batch."""
    numbered = sorted(scores, key=lambda s: int(re.sub(r"\D", "", s.name) or 0))
    runs: list[list[Score]] = []
    previous = None
    for score in numbered:
        number = int(re.sub(r"\D", "", score.name) or 0)
        if previous is None or number - previous > 10:
            runs.append([])
        runs[-1].append(score)
        previous = number
    return runs


def print_batches(scores: list[Score]) -> None:
    """The totals per batch, so documents built against can be told from ones that came later."""
    print()
    print("Per batch: events recall / precision, tasks recall / precision, start, end")
    for run in batches(scores):
        (me, ge, ie), (mt, gt, it) = totals(run)
        print(
            f"  {run[0].name}..{run[-1].name.split('-')[-1]} ({len(run)} documents): "
            f"events {pct(rate(me, ge, ie))} / {pct(rate(me, ie, ge))}, "
            f"tasks {pct(rate(mt, gt, it))} / {pct(rate(mt, it, gt))}, "
            f"start {sum(s.start_ok for s in run)}/{len(run)}, end {sum(s.end_ok for s in run)}/{len(run)}"
        )


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Score the Markdown importer against a hand-annotated corpus (prints figures; exits 0)."
    )
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=DEFAULT_FOLDER,
        help=f"corpus folder or its docs/ folder (default: {DEFAULT_FOLDER})",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="list unmatched events and tasks and wrong start/end per document",
    )
    args = parser.parse_args(argv)

    try:
        documents = load_corpus(args.folder)
    except BadFolder as error:
        print(f"import_score: error: {error}", file=sys.stderr)
        return 2

    try:
        from pmtui.importers.markdown import import_markdown
    except Exception as error:  # noqa: BLE001
        print(
            f"import_score: error: cannot import pmtui.importers.markdown: {type(error).__name__}: "
            f"{one_line(error, 120)}",
            file=sys.stderr,
        )
        return 1

    print(f"Importer score on {len(documents)} documents from {documents[0].md.parent}")
    print()
    scores = [score_document(gt, import_markdown) for gt in documents]
    print_table(scores, args.verbose)
    print_overall(scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
