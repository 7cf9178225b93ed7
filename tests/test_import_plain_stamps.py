"""The quick reading of a plain "14:05: text" entry is the full reading, whatever follows."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pmtui.importers.clock import any_stamp, leading_stamp, plain_stamp

_prefix = st.sampled_from(["", "", "**", "*", "__", "~", "at ", "[", "(", " ", "- "])
_clock = st.sampled_from(["9:05", "14:00", "14:00:30", "24:61", "1:2", "14.00", "1400", "09:05"])
_after_clock = st.sampled_from(["", "", "", "**", "*", "Z", " UTC", "am", " PM", "?", "]"])
_separator = st.sampled_from(
    [": ", ":", " - ", " – ", " — ", "-", " -", ": -", " : ", ":\t", "** - ", ": **"]
)
_word = st.sampled_from(
    ["deploy", "Deploy", "14:30", "- 15:00", "UTC", "(May 3)", "am", "2024-05-10T14:05Z", "13:30-13:45", "<b>x</b>",
     "**", "on", "approx", "to 15:00", "x", "PM", "Z", "`code`", "[link](u)", "**bold**", "_", "done.", ":", "--"]
)  # fmt: skip
_entries = st.tuples(
    _prefix, _clock, _after_clock, _separator, st.lists(_word, max_size=5).map(" ".join)
).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_entries)
def test_the_quick_reading_is_the_full_one(entry: str) -> None:
    quick = plain_stamp(entry)
    if quick is not None:
        assert quick == any_stamp(entry)
    assert leading_stamp(entry) == any_stamp(entry)


def test_the_quick_reading_takes_the_common_shapes_and_leaves_the_rest() -> None:
    for entry in (
        "14:05: paged the on-call",
        "**14:05** - rolled back",
        "9:05 – restarted",
        "14:05:30: done",
    ):
        assert plain_stamp(entry) is not None, entry
    for entry in (
        "14:05 UTC: paged",
        "14:05 - 14:30 rollback",
        "~14:05: about then",
        "14:05: at 2024-05-10T14:05Z",
    ):
        assert plain_stamp(entry) is None, entry
