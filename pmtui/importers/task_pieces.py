"""A corrective section's lines as the units the writer set apart, and what a line of prose says.

An item hard-wrapped over several lines is one piece; so is a prose paragraph
wrapped anywhere (read later one sentence at a time). Lines a writer broke on
purpose stay apart: an emoji bullet, a `<br>`, "Owner: sre", a new "Label: ...".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pmtui.importers.blocks import Line, clean_line
from pmtui.importers.sections import undecorated
from pmtui.importers.task_text import fields_only
from pmtui.importers.timeline import PLACEHOLDERS

#: "✔️ Add tests", "➡️ Train engineers": an emoji standing in for a bullet.
SYMBOL_BULLET = re.compile(r"^[^\w\s*_`\[(<#>\"'-]")
#: A line that ends a sentence (or a label).
SENTENCE_ENDED = re.compile(r"[.!?:;][\"')\]*_]*$")
#: "Label: what to do" at the start of a line.
_LABEL_START = re.compile(r"^\W*[A-Z][^:.!?]{1,45}:\s")
_HARD_BREAK = re.compile(r"(?:<br\s*/?>|\\)\s*$", re.I)
#: A line outside a list this long, ending mid-sentence, was wrapped rather than ended.
_WRAPPED_LINE = 50
_LIST_MARKER = re.compile(r"^(?:[-*+]|\d+[.)])\s")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]*_]*\s+(?=[\"'*_]*[A-Z0-9])")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|vs|approx|no|dr|mr|ms|mrs|st|inc|ltd|cf)\.$", re.I)
PROSE_OPENER = re.compile(
    r"^(to (prevent|mitigate|avoid|ensure|address)|in (conclusion|summary|short)|overall|by (addressing|implementing)"
    r"|this (postmortem|incident|report|document)|we (believe|are confident|hope|will continue)"
    r"|these (measures|steps|changes|actions)|with these|moving forward|going forward|finally|thank)",
    re.I,
)
#: What a sentence that states a measure says: "we will", "should", or an order ("Add ...").
_MEASURE = re.compile(
    r"\b(?:will|shall|'ll|must|should|need(?:s)? to|going to)\b(?!\s+have\b)"
    r"|\b(?:we|i|the team)\s+are\s+(?:now\s+)?\w+ing\b|\b(?:we|i|they|team)\s+(?:plan|intend)s?\s+to\b"
    r"|^(?:\w+ly\s+)?(?:add|implement|create|update|improve|introduce|review|document|monitor|set up|enable|disable"
    r"|ensure|establish|automate|schedule|conduct|train|migrate|upgrade|patch|fix|remove|deploy|write|build"
    r"|investigate|consider|define|audit|test|configure|replace|refactor|rotate|increase|decrease|reduce|limit"
    r"|restrict|require|enforce|adopt|move|switch|hire|run|make sure|revise|standardi[sz]e|evaluate|explore|rework"
    r"|track|alert|notify|educate|extend|split|separate|modify|provide|integrate|develop|design|verify|validate"
    r"|backfill|clean up|communicate|publish|share)\b",
    re.I,
)
#: A measure already taken: "we have added ...", "alerts have been set up".
_MEASURE_TAKEN = re.compile(
    r"\b(?:(?:we|i|the team|engineers?)\s+(?:have\s+|has\s+|now\s+)?|(?:has|have) been\s+)"
    r"(?:added|implemented|introduced|updated|enabled|disabled|deployed|created|fixed|patched|configured"
    r"|upgraded|migrated|set up|increased|reduced|replaced|documented|automated|moved|rolled out|scheduled"
    r"|established|improved|adjusted|extended|restricted|enforced|tightened)\b",
    re.I,
)
#: Sentences that open or close a text, never a measure: "In conclusion, ...", "Thank you".
_NO_MEASURE = re.compile(
    r"^(?:in (?:conclusion|summary|short)|overall|this (?:postmortem|report|document|incident|outage)"
    r"|we (?:believe|hope|are confident|will continue)"
    r"|these (?:measures|steps|changes|actions)|with these|by (?:addressing|implementing)|thank)",
    re.I,
)


@dataclass
class Piece:
    """One thing written as a unit: an item with its wrapped lines, a line, or a prose paragraph."""

    line: Line
    """Its first line."""
    text: str
    """Its lines joined, without the hard break each ends with."""
    lines: list[Line] = field(default_factory=list)
    prose: bool = False
    """A hard-wrapped paragraph outside any list: one task per sentence that states a measure."""

    def note(self) -> Line:
        """The piece for the notes, its lines kept together as written."""
        if len(self.lines) == 1:
            return self.line
        first = self.line
        text = "\n".join(line.text.strip() for line in self.lines)
        return Line(first.kind, text, first.number, depth=first.depth, paragraph_lines=len(self.lines))


def pieces(lines: list[Line]) -> list[Piece]:
    """The section's lines as the units they were written as: wrapped lines joined back."""
    found: list[Piece] = []
    for line in lines:
        text = clean_line(line.text)
        if not text or text in PLACEHOLDERS:
            continue
        previous = found[-1] if found else None
        if previous is not None and _continues(previous, line, text):
            previous.text = f"{previous.text} {text}"
            previous.lines.append(line)
            previous.prose = previous.prose or line.kind == "text"
            continue
        found.append(Piece(line, text, [line]))
    return _whole_paragraphs(found)


def _whole_paragraphs(found: list[Piece]) -> list[Piece]:
    """A paragraph hard-wrapped anywhere is prose throughout: its lines are read together, by sentence."""
    merged: list[Piece] = []
    for piece in found:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and piece.line.kind == previous.line.kind == "text"
            and piece.line.number == previous.lines[-1].number + 1
            and (piece.prose or previous.prose)
        ):
            previous.text = f"{previous.text} {piece.text}"
            previous.lines.extend(piece.lines)
            previous.prose = True
            continue
        merged.append(piece)
    return merged


def _continues(previous: Piece, line: Line, text: str) -> bool:
    """Whether `line` is the rest of `previous`, wrapped onto a new line rather than a line of its own."""
    last = previous.lines[-1]
    if (
        line.number != last.number + 1
        or line.depth != last.depth
        or line.paragraph_lines < 2
        or (line.kind, last.kind) not in (("text", "text"), ("more", "item"), ("more", "more"))
        or _HARD_BREAK.search(last.text)
        or SYMBOL_BULLET.match(text)
        or _LIST_MARKER.match(text)
        or fields_only(text)
    ):
        return False
    before = previous.text
    if is_label(before) or (line.kind == "text" and before.rstrip("*_ ").endswith(":")):
        return False  # "**Monitoring**", "Tasks:" over lines of their own
    if re.match(r"^[a-z(]", text):
        return True
    if not SENTENCE_ENDED.search(before):
        # cut mid-sentence; short lines outside a list are lines of their own ("Rotate logs")
        return line.kind == "more" or len(last.text) >= _WRAPPED_LINE
    return line.kind == "more" and not _LABEL_START.match(text)  # an item's next sentence, not a new label


def reads_as_prose(piece: Piece) -> bool:
    """A paragraph (not a "Label: ..." line, not an emoji bullet) that says more than one thing."""
    if piece.prose:
        return True
    labelled = re.match(r"^\W*([^:.]{2,45}):\s", undecorated(piece.text) + " ")
    return (
        piece.line.kind == "text"
        and not labelled
        and not SYMBOL_BULLET.match(piece.text)
        and len(split_sentences(piece.text)) > 1
    )


def split_sentences(text: str) -> list[str]:
    """A paragraph's sentences; "e.g. Redis" and the like do not end one."""
    sentences: list[str] = []
    for part in _SENTENCE_END.split(text):
        if sentences and _ABBREVIATION.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {part}"
        else:
            sentences.append(part)
    return [sentence.strip() for sentence in sentences if sentence.strip()]


def states_a_measure(sentence: str) -> bool:
    """ "We will add an alert", "The runbook should ...", "Add an alert", "We have added an alert":
    not "The disk filled up" nor "In conclusion, ..."."""
    plain = undecorated(sentence)
    if _NO_MEASURE.match(plain) or sentence.rstrip("*_ ").endswith((":", "?")):
        return False
    return bool(_MEASURE.search(plain) or _MEASURE_TAKEN.search(plain))


def is_label(text: str) -> bool:
    """ "**Improvements/Fixes:**", "Tasks to address the issue:" - a name for the items below it."""
    cleaned = undecorated(text)
    whole_bold = bool(re.fullmatch(r"\*\*[^*]+\*\*:?", text.strip()))
    return (text.rstrip("*_ ").endswith(":") or whole_bold) and 0 < len(cleaned) <= 60 and ". " not in cleaned


def is_task_like(line: Line, text: str, beside_items: bool) -> bool:
    """A line outside any list is a task when it reads like an item, not an intro, an outro or prose.

    Beside a real list, such lines are usually its introduction or a closing
    remark; only "Label: what to do" lines count there.
    """
    if text.rstrip("*_ ").endswith(":"):
        return False
    labelled = re.match(r"^\W*([^:.]{2,45}):\s", undecorated(text) + " ")
    if labelled and re.search(r"\bnote\b|disclaimer|p\.?s\b", labelled.group(1), re.I):
        return False
    if PROSE_OPENER.match(undecorated(text)) and (beside_items or not states_a_measure(text)):
        return False  # "To prevent this, we will add an alert." is a measure all the same
    if beside_items:
        return bool(labelled) or bool(SYMBOL_BULLET.match(text))
    return line.paragraph_lines > 1 or bool(labelled) or len(text) <= 160 or states_a_measure(text)
