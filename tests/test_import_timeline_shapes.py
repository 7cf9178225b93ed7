"""Issue #11: timelines as people write them, each shape read by a general rule.

Every document here is made up for its rule; none is copied from a corpus file.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from pmtui.importers.clock import labelled_stamp, leading_date, leading_stamp
from pmtui.importers.markdown import import_markdown
from pmtui.model import Event, Postmortem
from pmtui.render.markdown import render

UTC = timezone.utc


def tz(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


def timeline(body: str, head: str = "# Outage\n\n") -> list[Event]:
    return import_markdown(f"{head}## Timeline\n\n{body}\n\n## Root cause\n\nA bug.\n").report.timeline


def seen(events: list[Event]) -> list[tuple[object, str]]:
    return [(event.at, event.text) for event in events]


# ------------------------------------------------------------------ one bad entry costs one entry


def test_an_entry_that_cannot_be_read_costs_that_entry_only() -> None:
    text = (
        "# Outage\n\n## Timeline\n\n- 14:40 - queue backs up\n- 00:30 AM - workers restarted\n"
        "- 25:61 - a clock that cannot be\n- 01:10 - queue drained\n"
    )
    result = import_markdown(text)
    assert seen(result.report.timeline) == [
        (time(14, 40), "queue backs up"),
        (time(0, 30), "workers restarted"),
        (time(1, 10), "queue drained"),
    ]
    assert "a clock that cannot be" in result.report.notes
    assert any("25:61" in warning for warning in result.warnings)


# ------------------------------------------------------------------ where the time is written


def test_a_day_first_numeric_date_is_read_with_a_guessed_line_never_dropped() -> None:
    result = import_markdown(
        "# Outage\n\n## Timeline\n\n- 07-03-2022 4:10 PM GMT+1: checkout errors\n"
        "- 07-03-2022 5:00 PM GMT+1: fixed\n"
    )
    assert [event.at for event in result.report.timeline] == [
        datetime(2022, 3, 7, 16, 10, tzinfo=tz(1)),
        datetime(2022, 3, 7, 17, 0, tzinfo=tz(1)),
    ]
    assert any("read day first" in guess for guess in result.guesses)


def test_a_time_inside_inline_html_is_read_and_the_styling_dropped() -> None:
    events = timeline(
        '- **<span style="color: #c00">07:15 AM:</span>** <span style="color: #555">pager fired</span>\n'
        "- <font color=red>07:20 AM</font> - ack"
    )
    assert seen(events) == [(time(7, 15), "pager fired"), (time(7, 20), "ack")]


def test_entries_run_together_in_one_paragraph_and_in_code_fragments_are_each_an_event() -> None:
    events = timeline(
        "1900hrs WAT: power lost. 1915hrs WAT: generator failed to start.\n"
        "<ul><code>1940hrs WAT: generator repaired</code></ul>"
    )
    assert seen(events) == [
        (time(19, 0), "power lost."),
        (time(19, 15), "generator failed to start."),
        (time(19, 40), "generator repaired"),
    ]


def test_label_and_value_lines_are_events_named_by_their_label() -> None:
    events = timeline(
        "Ticket opened: June 2, 2023, 6:40 AM EAT <br>\n"
        "Engineer assigned: June 2, 2023, 6:55 AM EAT <br>\n"
        "Duration: June 2, 2023, 6:40 AM EAT to 9:00 AM EAT <br>\n\n"
        "**Containment (June 2, 2023, 8:05 AM EAT)**: the bad node drained"
    )
    eat = tz(3)
    assert seen(events) == [
        (datetime(2023, 6, 2, 6, 40, tzinfo=eat), "Ticket opened"),
        (datetime(2023, 6, 2, 6, 55, tzinfo=eat), "Engineer assigned"),
        (datetime(2023, 6, 2, 8, 5, tzinfo=eat), "Containment - the bad node drained"),
    ]


def test_a_status_update_label_is_not_part_of_the_text() -> None:
    stamp = labelled_stamp("**Update 16:20**: the fix is rolling out")
    assert stamp is not None and (stamp.clock, stamp.text) == ("16:20", "the fix is rolling out")


def test_a_timeline_in_an_indented_block_with_the_text_under_each_time() -> None:
    events = timeline("    09:02\n        cron job starts\n    09:40\n        disk full alert\n")
    assert seen(events) == [(time(9, 2), "cron job starts"), (time(9, 40), "disk full alert")]


def test_a_question_with_its_time_on_the_next_line_takes_the_question_as_text() -> None:
    events = timeline(
        "* when did it start:\n\n\t11:05 AM (GMT)\n\n* what we did\n\n\t11:20 AM (GMT) restarted nginx\n"
    )
    assert seen(events) == [(time(11, 5), "when did it start"), (time(11, 20), "restarted nginx")]


def test_a_time_named_inside_a_sentence_makes_that_entry_an_event() -> None:
    events = timeline(
        "- At 9:10 AM, the alert fired.\n"
        "- Support escalated the ticket to the platform team at 9:25 AM. They confirmed it.\n"
    )
    assert seen(events) == [
        (time(9, 10), "the alert fired."),
        (time(9, 25), "Support escalated the ticket to the platform team at 9:25 AM. They confirmed it."),
    ]


# ------------------------------------------------------------------ dates


def test_date_only_entries_are_events_on_their_day() -> None:
    events = timeline(
        "- 2023-04-02 The advisory was published\n- 2023-04-03 09:30 UTC Patching began\n"
        "- **2023-04-05:** Last host patched\n"
    )
    assert seen(events) == [
        (date(2023, 4, 2), "The advisory was published"),
        (datetime(2023, 4, 3, 9, 30, tzinfo=UTC), "Patching began"),
        (date(2023, 4, 5), "Last host patched"),
    ]


def test_bracketed_month_day_stamps_take_the_year_nearest_the_incident() -> None:
    events = timeline(
        "- [11-28 10:00] config change merged\n- [01-04 17:40] upgrade started\n- [01-05 02:10] outage reported\n",
        head="# January 5th, 2022 outage\n\nAll times in UTC.\n\n",
    )
    assert [event.at for event in events] == [
        datetime(2021, 11, 28, 10, 0, tzinfo=UTC),
        datetime(2022, 1, 4, 17, 40, tzinfo=UTC),
        datetime(2022, 1, 5, 2, 10, tzinfo=UTC),
    ]


def test_day_headings_date_the_times_below_them() -> None:
    events = timeline("### 2022-08-01\n\n- 23:50 UTC: deploy\n\n### 2022-08-02\n\n- 00:15 UTC: rollback\n")
    assert [event.at for event in events] == [
        datetime(2022, 8, 1, 23, 50, tzinfo=UTC),
        datetime(2022, 8, 2, 0, 15, tzinfo=UTC),
    ]


# ------------------------------------------------------------------ one heading per event


def test_a_heading_per_event_takes_the_label_and_description_below_it() -> None:
    events = timeline(
        "### 3:00 PM - Incident declared\n\nPayments fail for everyone.\n\n"
        "### 3:10 PM\nMitigated\n\nTraffic moved to the standby region.\n\n"
        "### 3:30 PM\nThe on-call confirms recovery.\n"
    )
    assert seen(events) == [
        (time(15, 0), "Incident declared - Payments fail for everyone."),
        (time(15, 10), "Mitigated - Traffic moved to the standby region."),
        (time(15, 30), "The on-call confirms recovery."),
    ]


def test_a_heading_with_a_range_over_timed_entries_groups_them_and_gives_their_half_of_the_day() -> None:
    result = import_markdown(
        "# Outage\n\n## Timeline\n\n### 6:00 - 8:00 PM\n\n- 6:10 alert fired\n- 7:45 rolled back\n\n"
        "### 9:00 - 9:30 PM\n\nA quiet half hour of watching graphs.\n"
    )
    assert seen(result.report.timeline) == [
        (time(18, 10), "alert fired"),
        (time(19, 45), "rolled back"),
        (time(21, 0), "A quiet half hour of watching graphs."),
    ]
    assert result.report.timeline[2].approximate == "9:00 - 9:30 PM"
    assert "6:00 - 8:00 PM" in result.report.notes


# ------------------------------------------------------------------ tables


def test_a_table_with_day_date_and_time_columns_and_the_year_and_zone_in_its_header() -> None:
    events = timeline(
        "| Day | Date (2022) | Time (UTC) | What happened |\n|---|---|---|---|\n"
        "| Fri | Dec 30 | 23:55 | queue stalls |\n| Sat | Dec 31 | 00:20 | queue drained |\n"
        "| 2022-12-31 HH:mm | Short event description. | | |\n"
    )
    assert seen(events) == [
        (datetime(2022, 12, 30, 23, 55, tzinfo=UTC), "queue stalls"),
        (datetime(2022, 12, 31, 0, 20, tzinfo=UTC), "queue drained"),
    ]


def test_a_raw_html_table_is_read_row_by_row() -> None:
    rows = "".join(f"<tr><td>{10 + n // 60:02}:{n % 60:02}</td><td>step {n}</td></tr>\n" for n in range(90))
    events = timeline(f"<table>\n<tr><th>Time</th><th>Event</th></tr>\n{rows}</table>")
    assert len(events) == 90
    assert seen(events)[89] == (time(11, 29), "step 89")


# ------------------------------------------------------------------ how the time itself is written


@pytest.mark.parametrize(
    ("entry", "at", "approximate"),
    [
        ("- 1738: paged", time(17, 38), None),
        ("- 11:21a: paged", time(11, 21), None),
        ("- 14h30 : paged", time(14, 30), None),
        ("- ~13:30: paged", time(13, 30), "~13:30"),
        ("- ca. 13:30 paged", time(13, 30), "ca. 13:30"),
        ("- 13:30-13:45: paged", time(13, 30), "13:30-13:45"),
        ("- 8:20 - 8:24 PM paged", time(20, 20), "8:20 - 8:24 PM"),
        ("- 14:??: paged", time(14, 0), "14:??"),
        ("- 22:XX - paged", time(22, 0), "22:XX"),
    ],
)
def test_times_as_written_and_approximate_times_are_kept(
    entry: str, at: time, approximate: str | None
) -> None:
    (event,) = timeline(entry)
    assert (event.at, event.approximate, event.text) == (at, approximate, "paged")


def test_a_wholly_unknown_time_is_an_event_on_its_day() -> None:
    events = timeline("### May 3, 2023\n\n- [???] disk starts filling\n- 10:00 UTC: disk full alert\n")
    assert [(event.at, event.approximate) for event in events] == [
        (date(2023, 5, 3), "???"),
        (datetime(2023, 5, 3, 10, 0, tzinfo=UTC), None),
    ]


def test_crlf_and_iso_times_with_seconds() -> None:
    events = timeline("- 2024-02-29T23:59:30Z leap-day job\r\n- 2024-03-01T00:00:05Z job done\r\n")
    assert [event.at for event in events] == [
        datetime(2024, 2, 29, 23, 59, 30, tzinfo=UTC),
        datetime(2024, 3, 1, 0, 0, 5, tzinfo=UTC),
    ]


def test_pmtuis_own_date_only_and_approximate_events_read_back() -> None:
    report = Postmortem(
        timezone="UTC",
        timeline=[
            Event(at=date(2021, 12, 10), text="advisory out"),
            Event(at=datetime(2021, 12, 10, 13, 30, tzinfo=UTC), approximate="~13:30", text="scans"),
            Event(at=datetime(2021, 12, 10, 14, 0, tzinfo=UTC), approximate="14:??", text="patched"),
        ],
    )
    back = import_markdown(render(report)).report.timeline
    assert [(e.at, e.approximate, e.text) for e in back] == [
        (e.at, e.approximate, e.text) for e in report.timeline
    ]


# ------------------------------------------------------------------ links


def test_links_read_as_their_text_and_an_address_with_no_room_is_kept_in_the_notes() -> None:
    text = (
        "# Outage\n\n## Timeline\n\n"
        "- 10:00 UTC: [alice] joins the [incident channel](https://chat.example/c/1)\n"
        "- 10:05 UTC: [rollback](https://git.example/pr/2) and [graph](https://grafana.example/d/3)\n\n"
        "[alice]: https://people.example/alice\n"
    )
    report = import_markdown(text).report
    first, second = report.timeline
    assert (first.text, first.link) == ("alice joins the incident channel", "https://people.example/alice")
    assert (second.text, second.link) == ("rollback and graph", "https://git.example/pr/2")
    assert "https://grafana.example/d/3" in report.notes


# ------------------------------------------------------------------ the stamp reader itself


def test_what_is_not_a_time_stays_text() -> None:
    assert leading_stamp("1200 users were affected") is None
    assert leading_stamp("2021-12-10 The advisory") is None  # a date alone: leading_date reads it
    assert leading_date("2021-12-10 The advisory") is not None
    assert labelled_stamp("Duration: 14:00 to 16:30") is None


def test_an_ambiguous_numeric_date_follows_the_order_the_documents_other_dates_show() -> None:
    result = import_markdown(
        "# Outage\n\n## Timeline\n\n- 03/28/2022 10:00 PM UTC: deploy\n- 04/05/2022 9:00 AM UTC: rollback\n"
    )
    assert [event.at for event in result.report.timeline] == [
        datetime(2022, 3, 28, 22, 0, tzinfo=UTC),
        datetime(2022, 4, 5, 9, 0, tzinfo=UTC),
    ]
    assert any("read month first" in guess for guess in result.guesses)


def test_a_timeline_written_as_prose_gives_an_event_per_sentence_with_a_time() -> None:
    report = import_markdown(
        "# Outage\n\n## Timeline\n\nAll times are UTC; the outage began at 14:00.\n\n"
        "Shortly after midnight the queue stalled. It was noticed at 00:20 by the\n"
        "night shift, who paged the owner. At 00:45, the consumers were restarted.\n"
    ).report
    assert "Shortly after midnight the queue stalled." in report.notes  # said before any time
    assert seen(report.timeline) == [
        (time(0, 20), "It was noticed at 00:20 by the night shift, who paged the owner."),
        (time(0, 45), "the consumers were restarted."),
    ]


def test_a_dated_entry_whose_sentence_opens_with_a_time_is_timed_and_gives_the_start() -> None:
    report = import_markdown(
        "# Chain split\n\n## Timeline\n\n"
        "- 2023-03-01: A researcher reported the bug.\n"
        "- 2023-03-04: At 09:15:30 UTC, the bug was exploited. We started to look.\n"
        "- 2023-03-05: Released the fix, at 10:00 (CET).\n"
    ).report
    assert seen(report.timeline) == [
        (date(2023, 3, 1), "A researcher reported the bug."),
        (
            datetime(2023, 3, 4, 9, 15, 30, tzinfo=UTC),
            "At 09:15:30 UTC, the bug was exploited. We started to look.",
        ),
        (date(2023, 3, 5), "Released the fix, at 10:00 (CET)."),
    ]
    assert report.summary.start == datetime(2023, 3, 4, 9, 15, 30, tzinfo=UTC)
