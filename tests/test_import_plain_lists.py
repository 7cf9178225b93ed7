"""The plain-list fast path reads every document into exactly the lines markdown-it's own list rule gives."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from pmtui.importers import blocks
from pmtui.importers.plain_lists import PLAIN_LIST

FAST, REFERENCE = blocks.make_parser(plain_lists=True), blocks.make_parser(plain_lists=False)


def _lines(parser: MarkdownIt, document: str) -> list[blocks.Line]:
    return blocks._walk(parser.parse(document))


#: Words with the characters that start or break blocks, anywhere in a line.
_word = st.sampled_from(
    ["14:05", "deploy", "**10:00**", "*", "**", "[x]", "[a]:", "]:", "|", "`", "```", "#", "<b>", "1.", "2)", "-", "=",
     "___", "> ", "~~~", "\\", "&amp;", "\u00a0", "a  ", "*b*", "[l](u)", "  "]
)  # fmt: skip
_text = st.lists(_word, min_size=0, max_size=5).map(" ".join)
_indent = st.sampled_from(["", " ", "  ", "   ", "    ", "      ", "\t", " \t"])
_line = st.one_of(
    _text.map(lambda text: f"- {text}"),  # an item, the commonest line
    _text.map(lambda text: f"- {text}"),
    st.tuples(_indent, _text).map("".join),  # continuation, lazy, indented, tabbed
    st.sampled_from(["", "", "   ", "-", "- ", "-  two spaces", "-\ttab", "* star", "+ plus", "1. one", "---", "===",
                     "# heading", "> quote", "```", "<div>", "para", "- - -", "  - nested", "- [ref]: /url", "[ref]: https://r"]),
)  # fmt: skip
_plain_word = st.sampled_from(
    [
        "14:05",
        "deploy",
        "**10:00**:",
        "paged",
        "[l](u)",
        "[t][ref]",
        "<https://a>",
        "a  ",
        "*b*",
        "&amp;",
        "\u00a0",
    ]
)
_plain_text = st.lists(_plain_word, min_size=1, max_size=4).map(" ".join)
#: Mostly what the fast path takes, now and then a line that must make it decline.
_mostly_plain_line = st.one_of(
    _plain_text.map(lambda text: f"- {text}"),
    _plain_text.map(lambda text: f"- {text}"),
    _plain_text.map(lambda text: f"- {text}"),
    _plain_text.map(lambda text: f"  {text}"),
    st.sampled_from(["", "para"]),
    _line,
)
_documents = st.one_of(
    st.lists(_line, min_size=1, max_size=25), st.lists(_mostly_plain_line, min_size=1, max_size=25)
).map("\n".join)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents)
def test_the_fast_path_gives_the_lines_markdown_its_own_tokens_give(document: str) -> None:
    assert _lines(FAST, document) == _lines(REFERENCE, document)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["- 14:05 deploy", "  continued", "- **10:00**: paged", ""]), min_size=1, max_size=30
    )
)
def test_timeline_shaped_lists_match_too(lines: list[str]) -> None:
    document = "## Timeline\n\nAll times UTC.\n\n" + "\n".join(lines) + "\n\n## Root cause\n\ntext"
    assert _lines(FAST, document) == _lines(REFERENCE, document)


def test_a_plain_timeline_list_takes_the_fast_path() -> None:
    """Not a test that can pass by never firing: the importer's parser takes a plain timeline
    with wrapped items and links, and reads it as markdown-it does."""
    document = "Intro.\n\n- 14:00 paged\n- 14:05 rolled [back](https://x/1)\n  the deploy\n- **14:10**: fixed\n\nAfter."
    tokens = blocks._PARSER.parse(document)
    assert [token.type for token in tokens].count(PLAIN_LIST) == 1
    assert "bullet_list_open" not in [token.type for token in tokens]
    lines = _lines(FAST, document)
    assert lines == _lines(REFERENCE, document)
    assert [line.links for line in lines if line.kind == "item"] == [[], ["https://x/1"], []]
