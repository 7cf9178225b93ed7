"""The plain-list fast path reads every document exactly as markdown-it's own list rule does."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from pmtui.importers import blocks
from pmtui.importers.plain_lists import plain_list


def _reference() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def _with_fast_path() -> MarkdownIt:
    parser = _reference()
    parser.block.ruler.before("table", "plain_list", plain_list)
    return parser


REFERENCE, FAST = _reference(), _with_fast_path()


def _shape(tokens: list[Token]) -> list[tuple[object, ...]]:
    """Everything a block token says, except the inline children (not this rule's business)."""
    return [
        (
            t.type,
            t.tag,
            t.nesting,
            t.map,
            t.level,
            t.content,
            t.markup,
            t.info,
            t.hidden,
            t.block,
            t.attrs,
            t.meta,
        )
        for t in tokens
    ]


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
                     "# heading", "> quote", "```", "<div>", "para", "- - -", "  - nested", "- [ref]: /url"]),
)  # fmt: skip
_plain_word = st.sampled_from(
    ["14:05", "deploy", "**10:00**:", "paged", "[l](u)", "a  ", "*b*", "&amp;", "\u00a0"]
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
def test_the_fast_path_gives_markdown_its_own_tokens(document: str) -> None:
    assert _shape(FAST.parse(document)) == _shape(REFERENCE.parse(document))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["- 14:05 deploy", "  continued", "- **10:00**: paged", ""]), min_size=1, max_size=30
    )
)
def test_timeline_shaped_lists_match_too(lines: list[str]) -> None:
    document = "## Timeline\n\nAll times UTC.\n\n" + "\n".join(lines) + "\n\n## Root cause\n\ntext"
    assert _shape(FAST.parse(document)) == _shape(REFERENCE.parse(document))


def test_a_plain_timeline_list_takes_the_fast_path(monkeypatch: object) -> None:
    """Not a test that can pass by never firing: the importer's parser runs the rule and takes
    a plain timeline with wrapped items."""
    taken = []

    def spy(state: object, start: int, end: int, silent: bool) -> bool:
        result = plain_list(state, start, end, silent)  # type: ignore[arg-type]
        taken.append(result)
        return result

    parser = _reference()
    parser.block.ruler.before("table", "plain_list", spy)
    document = "Intro.\n\n- 14:00 paged\n- 14:05 rolled back\n  the deploy\n- **14:10**: fixed\n\nAfter."
    assert _shape(parser.parse(document)) == _shape(REFERENCE.parse(document))
    assert taken.count(True) == 1
    assert "plain_list" in blocks._PARSER.block.ruler.get_active_rules()
