"""Comments: the leading block survives a save; every other comment is dropped, and can be listed first."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pmtui.model import Postmortem
from pmtui.store import (
    StoreError,
    dropped_comments,
    dumps,
    dumps_keeping_header,
    leading_comments,
    load,
    loads,
    save,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HEADER = "#:schema ./schema.json\n# SPDX-License-Identifier: CC-BY-4.0\n\n"

#: Line numbers on the right are the ones a save drops.
COMMENTED = '''#:schema ./schema.json
# Licence: MIT

title = "a # not a comment"  # trailing note
# a comment on its own line
[summary]
impact = """
line # inside a multi-line string
has "quotes" and \\""" escaped ones
"""  # after a multi-line string
root_cause = \'\'\'literal # text\'\'\'

[analysis]
root_cause = 'a#b' # after a literal string
resolution = """ends with a quote""""  # after four quotes
'''
DROPPED = [4, 5, 10, 14, 15]


def test_the_commented_example_is_valid_toml() -> None:
    data = tomllib.loads(COMMENTED)
    assert data["title"] == "a # not a comment" and data["analysis"]["resolution"] == 'ends with a quote"'


def test_dropped_comments_are_found_and_hashes_in_strings_are_not() -> None:
    assert dropped_comments(COMMENTED) == DROPPED


def test_leading_comments_are_the_block_before_the_first_key() -> None:
    assert leading_comments(COMMENTED) == "#:schema ./schema.json\n# Licence: MIT\n\n"
    assert leading_comments('title = "x"\n# late\n') == ""
    assert leading_comments("\n\n# after blank lines\ntitle = 'x'\n") == "\n\n# after blank lines\n"
    assert leading_comments("# no newline at the end") == "# no newline at the end\n"


def test_a_leading_block_toml_would_refuse_is_not_kept() -> None:
    text = "# a control character \x01 in a comment\ntitle = 'x'\n"
    assert leading_comments(text) == ""
    assert dropped_comments(text) == [1]


def test_save_keeps_the_leading_block_and_drops_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    report = load(path)
    report.title = "renamed"
    save(report, path)
    text = path.read_text(encoding="utf-8")
    assert text == "#:schema ./schema.json\n# Licence: MIT\n\n" + dumps(report)
    assert dropped_comments(text) == []
    assert load(path) == report


def test_a_schema_directive_survives_repeated_saves_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(HEADER + dumps(Postmortem(title="one")), encoding="utf-8")
    save(Postmortem(title="two"), path)
    first = path.read_bytes()
    save(Postmortem(title="two"), path)
    assert path.read_bytes() == first
    assert first.decode().startswith(HEADER) and first.decode().count("#:schema") == 1
    assert dumps_keeping_header(Postmortem(title="two"), first.decode()) == first.decode()


def test_a_new_file_gets_no_header(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    save(Postmortem(), path)
    assert path.read_text(encoding="utf-8") == dumps(Postmortem())


@pytest.mark.parametrize("text", ["# only a comment\n", "#:schema ./schema.json\n\n# and another\n\n"])
def test_a_file_with_only_comments_is_not_a_report(text: str) -> None:
    with pytest.raises(
        StoreError, match=r"no report in this file \(only comments\); start one with `pmtui new`"
    ):
        loads(text, "r.toml")
