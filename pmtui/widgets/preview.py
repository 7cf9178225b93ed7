"""The live preview: the Markdown export, rendered, kept current without slowing typing.

Measured on the 2-core machine: Textual's `Markdown` widget needs seconds for a
1,000-event report, while Rich's Markdown renders the same text to lines in
about 0.15 s. So the preview renders a lone edit at once and a burst of them
(typing) once it pauses, writes the export and renders it in small blocks with
Rich in a worker thread (only blocks whose text changed; the rest come from a
cache), and shows the finished lines through the Line API, which costs nothing
per keystroke however long the report is. A block nested past
markdown-it's limit (a list ten deep), which Rich would silently cut short, is
shown as its unrendered Markdown source instead.
"""

from __future__ import annotations

import io
import time
import zlib
from dataclasses import dataclass

from rich.console import Console, RenderableType
from rich.text import Text
from textual import work
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from pmtui.model import Postmortem
from pmtui.render.markdown import render
from pmtui.render.nesting import loses_text
from pmtui.ui_thread import run_on_ui

DEBOUNCE_SECONDS = 0.04
#: An edit this long after the last one is a lone edit (a dialog's OK), rendered at once.
LONE_EDIT_SECONDS = 0.5


#: A long list is cut into blocks of about this many items, so an edit re-renders one block.
ITEMS_PER_BLOCK = 8


def split_blocks(markdown: str) -> list[tuple[str, bool]]:
    """Cut the export into blocks that render independently: `(text, ends_a_section)`.

    Sections end at `## ` headings. Inside a section, a long list is cut after
    items whose text hashes to a multiple of ITEMS_PER_BLOCK: the cut points
    depend only on the items themselves, so inserting or editing one event
    changes one block and every other block is still in the cache.
    """
    blocks: list[tuple[str, bool]] = []
    current: list[str] = []
    cut_before_next_item = False
    for line in markdown.splitlines():
        if line.startswith("## ") and current:
            blocks.append(("\n".join(current), True))
            current, cut_before_next_item = [], False
        elif line.startswith("- ") and cut_before_next_item:
            blocks.append(("\n".join(current), False))
            current, cut_before_next_item = [], False
        if line.startswith("- ") and zlib.crc32(line.encode()) % ITEMS_PER_BLOCK == 0:
            cut_before_next_item = True
        current.append(line)
    if current:
        blocks.append(("\n".join(current), True))
    return blocks


def block_renderable(block: str) -> RenderableType:
    """Rich's Markdown for a block, or the block's unrendered source when Markdown would drop part of it."""
    from rich.markdown import Markdown  # 50 ms of imports (markdown-it): paid off the UI thread

    return Text(block) if loses_text(block) else Markdown(block)


def section_start(sections: list[tuple[str, int]], section: str) -> int | None:
    """The first line of the section whose heading starts with `section`; 0 for ""."""
    if not section:
        return 0
    return next((line for heading, line in sections if heading.startswith(section)), None)


class Preview(ScrollView, can_focus=True):
    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lines: list[Strip] = []
        self._cache: dict[tuple[str, int], list[Strip]] = {}
        self._timer: Timer | None = None
        self._last_asked = 0.0
        """When a render was last asked for (monotonic): an edit after a pause renders at once."""
        self._report: Postmortem | None = None
        self._asked = 0
        """How many times a render was asked for (`schedule`): numbers each render."""
        self._shown = 0
        """The number of the render on screen; renders finish out of order, an older one is dropped."""
        self._sections: list[tuple[str, int]] = []
        """Each `## ` section's heading and the line it starts on, in the lines shown."""
        self._following: str | None = None
        """The section kept at the top (`follow`), if any."""
        self._followed_at: int | None = None
        """The line the followed section started on when the preview last scrolled to it."""

    def schedule(self, report: Postmortem) -> None:
        """Ask for a re-render: at once for an edit after a pause (a dialog's OK, a toggle),
        else once the edits pause for DEBOUNCE_SECONDS, so typing costs a render per pause, and
        the keys after the first are never slowed by a render they will make stale."""
        self._report = report
        self._asked += 1
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        now = time.monotonic()
        after_a_pause = now - self._last_asked > LONE_EDIT_SECONDS
        self._last_asked = now
        if after_a_pause:
            self._start_render()
        else:
            self._timer = self.set_timer(DEBOUNCE_SECONDS, self._start_render)

    @property
    def up_to_date(self) -> bool:
        """Whether the preview shows the last report it was given (announced by `Rendered`)."""
        return self._shown == self._asked

    def _start_render(self) -> None:
        self._timer = None
        if self._report is None:
            return
        width = self.scrollable_content_region.width or self.size.width
        if width <= 0:
            return  # not on screen yet; on_resize renders when it is
        self._render_blocks(self._report.shallow_snapshot(), width, self._asked)

    # A description of its own: Textual would describe the worker by the repr of its arguments,
    # 100 ms for a 10,000-event report, on the UI thread.
    @work(thread=True, exclusive=True, group="preview", description="render the preview")
    def _render_blocks(self, report: Postmortem, width: int, number: int) -> None:
        """Write the export and render it in a thread (70 ms at 10,000 events); `exclusive` only
        marks an older thread cancelled, so it may still finish."""
        blocks = split_blocks(render(report))
        console = Console(
            width=width,
            color_system="truecolor",
            force_terminal=True,
            legacy_windows=False,
            file=io.StringIO(),
        )
        options = console.options.update_width(width)
        cache: dict[tuple[str, int], list[Strip]] = {}
        lines: list[Strip] = []
        sections: list[tuple[str, int]] = []
        for block, ends_section in blocks:
            if block.startswith("## "):
                sections.append((block.partition("\n")[0].removeprefix("## "), len(lines)))
            key = (block, width)
            strips = self._cache.get(key)
            if strips is None:
                strips = [
                    Strip(line) for line in console.render_lines(block_renderable(block), options, pad=False)
                ]
                # Rich pads a list with blank lines; trimmed, consecutive blocks join seamlessly
                while strips and not strips[-1].text.strip():
                    strips.pop()
                while block.startswith("- ") and strips and not strips[0].text.strip():
                    strips.pop(0)
            cache[key] = strips
            lines.extend(strips)
            if ends_section:
                lines.append(Strip.blank(width))
        run_on_ui(self.app, self._show, lines, cache, sections, number)

    def _show(
        self,
        lines: list[Strip],
        cache: dict[tuple[str, int], list[Strip]],
        sections: list[tuple[str, int]],
        number: int,
    ) -> None:
        if number <= self._shown:
            return  # overtaken by a newer render, already on screen
        self._shown = number
        self._lines = lines
        self._cache = cache
        self._sections = sections
        width = max((strip.cell_length for strip in lines), default=0)
        self.virtual_size = Size(width, len(lines))
        self.refresh()
        self._keep_following()
        if self.up_to_date:
            self.post_message(self.Rendered(self))

    def follow(self, section: str) -> None:
        """Keep the section whose heading starts with `section` at the top ("" for the report's top).

        The editor calls this when another tab is shown. The preview scrolls there
        now, and again after a render only if the section moved (text above it
        grew or shrank), so a reader scrolling the preview is not pulled back.
        """
        self._following = section
        self._followed_at = None
        self._keep_following()

    def _keep_following(self) -> None:
        if self._following is None:
            return
        line = section_start(self._sections, self._following)
        if line is None:
            return
        if line + self.scrollable_content_region.height > self.virtual_size.height:
            # room below the last section, so its heading can reach the top (as editors scroll past the end)
            self.virtual_size = Size(self.virtual_size.width, line + self.scrollable_content_region.height)
        if line != self._followed_at:
            self._followed_at = line
            self.call_after_refresh(self.scroll_to, y=line, animate=False)  # once the new height is laid out

    @dataclass
    class Mounted(Message):
        """The preview is on screen and can be given a report."""

    @dataclass
    class Rendered(Message):
        """The preview now shows the last report it was given.

        A render overtaken by a newer edit is shown without this message.
        """

        preview: Preview
        """The preview that rendered."""

        @property
        def control(self) -> Preview:
            return self.preview

    def on_mount(self) -> None:
        self.post_message(self.Mounted())

    def on_resize(self) -> None:
        """Render for the new size, and scroll to the followed section again: a render may have
        scrolled there before the layout settled, when the height it made room for was not yet
        the preview's."""
        self._followed_at = None
        if self._report is not None:
            self.schedule(self._report)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        return self._lines[index].crop_extend(scroll_x, scroll_x + width, self.rich_style)

    @property
    def text(self) -> str:
        """What the preview shows, as plain text (for tests and screen readers)."""
        return "\n".join(strip.text.rstrip() for strip in self._lines)
