"""The incident's course on the Summary tab: one line, drawn again for whatever width it has."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from pmtui.course import Course, course_line, course_of
from pmtui.model import Postmortem

NO_COURSE = Course(origin=None, marks=())


class IncidentCourse(Widget):
    """Worked out once per edit (`show`), drawn per width in `render`, so a resize costs no model work."""

    course: reactive[Course] = reactive(NO_COURSE, layout=False)
    """What the line shows; a course equal to the last one draws nothing again."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.tooltip = (
            "● the start (first 'started' event, else the summary start); "
            "D, M, R: first detected, mitigated, resolved event, to scale"
        )

    def show(self, report: Postmortem) -> None:
        self.course = course_of(report)

    def render(self) -> Content:
        return Content(course_line(self.course, self.content_size.width))
