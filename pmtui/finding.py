"""Find text in a report: every place a word occurs, in the order the editor's tabs show them.

No UI here: `find` says where the matches are (a field or row, and where in its
text), the editor shows them. The text searched is each field's text as its
widget shows it (authors joined by commas, contributing factors one per line),
so a match's offsets put the cursor on the match.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pmtui.edits import Place
from pmtui.model import Postmortem


@dataclass(frozen=True)
class Match:
    """One occurrence of the text searched for."""

    place: Place
    """The field, or the timeline or task row, it is in."""
    start: int
    """Where it starts in the field's text (0 for a row: the row is selected, not a text)."""
    end: int
    """Where it ends in the field's text."""


def factor_lines(factors: list[str]) -> str:
    """Contributing factors as their field shows them: one per line, a factor over several lines joined."""
    return "\n".join(factor.replace("\n", " ") for factor in factors)


def searched_texts(report: Postmortem) -> Iterator[tuple[Place, str]]:
    """Every searchable text, in reading order: Summary, Timeline, Root cause, Tasks."""
    yield Place("title"), report.title
    yield Place("severity"), report.severity or ""
    yield Place("authors"), ", ".join(report.authors)
    yield Place("summary.impact"), report.summary.impact
    yield Place("summary.root_cause"), report.summary.root_cause
    for event in report.timeline:
        yield Place("timeline", event.key), "\n".join((event.text, event.link or ""))
    yield Place("analysis.root_cause"), report.analysis.root_cause
    yield Place("analysis.resolution"), report.analysis.resolution
    yield Place("analysis.contributing_factors"), factor_lines(report.analysis.contributing_factors)
    for task in report.tasks:
        yield Place("tasks", task.key), "\n".join((task.title, task.owner or ""))


def find(report: Postmortem, text: str) -> list[Match]:
    """Every occurrence of `text` (case-insensitive), in reading order; a row counts once."""
    needle = text.casefold()
    if not needle:
        return []
    matches = []
    for place, haystack in searched_texts(report):
        folded = haystack.casefold()
        if place.key is not None:
            if needle in folded:
                matches.append(Match(place, 0, 0))
            continue
        start = folded.find(needle)
        while start >= 0 and len(folded) == len(haystack):
            matches.append(Match(place, start, start + len(needle)))
            start = folded.find(needle, start + len(needle))
        if start >= 0:  # casefold changed the length (ß -> ss): the field still matches, at its start
            matches.append(Match(place, 0, 0))
    return matches


@dataclass
class Search:
    """The last search, for next and previous: its text and which match is shown."""

    text: str = ""
    index: int = -1
    """The match shown last; -1 before the first."""

    def step(self, report: Postmortem, offset: int) -> tuple[Match | None, int, int]:
        """The match `offset` away from the one shown (wrapping), its number (from 1) and the count.

        The matches are found again each time, so edits since the last step count.
        """
        matches = find(report, self.text)
        if not matches:
            self.index = -1
            return None, 0, 0
        shown = self.index if self.index >= 0 else (-1 if offset > 0 else 0)
        self.index = (shown + offset) % len(matches)
        return matches[self.index], self.index + 1, len(matches)
