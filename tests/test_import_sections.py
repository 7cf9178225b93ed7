"""How the importer cuts a postmortem into sections and reads its window: several incidents or
timelines in one document, text that is not an event, the window (start and end), front matter.

Every document here is written for the rule it checks: none is copied from a real report."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from pmtui.importers.markdown import import_markdown
from pmtui.render.markdown import render

UTC = timezone.utc
CET = timezone(timedelta(hours=1))


def at(day: int, hour: int, minute: int, zone: timezone = UTC, month: int = 6) -> datetime:
    return datetime(2031, month, day, hour, minute, tzinfo=zone)


# ------------------------------------------------------------------ several incidents, several timelines


TWO_INCIDENTS = """# Queue outages, June 2031

Two separate outages of the job queue.

## Incidents

### 3 June 2031 - Broker disk full

**Duration:** 22:10 to 23:05 UTC
**Impact:** jobs delayed

**Timeline:**

- **22:10 UTC** - Broker stops accepting writes
- **23:40 UTC** - Old segments deleted
- **00:20 UTC** - Queue drained

### 5 June 2031 - Consumer crash loop

**Timeline:**

- **08:00 UTC** - Consumers restart in a loop
- **08:45 UTC** - Bad release rolled back, queue healthy

## Action items

- Alert on broker disk usage
"""


def test_several_incidents_are_read_in_order_each_on_its_own_day() -> None:
    result = import_markdown(TWO_INCIDENTS)
    report = result.report
    assert [event.at for event in report.timeline] == [
        at(3, 22, 10),
        at(3, 23, 40),
        at(4, 0, 20),  # past midnight in the first incident
        at(5, 8, 0),  # the second incident's own day, from its heading
        at(5, 8, 45),
    ]
    # The window spans the whole document: first incident's start to the last one's end.
    assert (report.summary.start, report.summary.end) == (at(3, 22, 10), at(5, 8, 45))
    # The incident headings are kept, in order, and "Duration:" is no event.
    notes = report.notes
    assert notes.index("3 June 2031 - Broker disk full") < notes.index("5 June 2031 - Consumer crash loop")
    assert "Duration" not in " ".join(event.text for event in report.timeline)
    assert any("covers several incidents" in guess for guess in result.guesses)


def test_a_duration_line_inside_an_incident_timeline_is_no_event() -> None:
    text = """# Two outages

## Incident timeline

### 3 June 2031 - Broker disk full

**Duration:** 22:10 to 23:05 UTC

- **22:10 UTC** - Broker stops accepting writes
- **23:05 UTC** - Writes accepted again
"""
    report = import_markdown(text).report
    assert [event.text for event in report.timeline] == [
        "Broker stops accepting writes",
        "Writes accepted again",
    ]
    assert "**Duration:** 22:10 to 23:05 UTC" in report.notes


def test_a_follow_up_timeline_is_imported_but_does_not_end_the_incident() -> None:
    text = """# Login errors

On 12 March 2031 logins failed.

## Timeline (times in CET)

### 9:00 AM
Incident declared

### 9:40 AM
Incident resolved

## Follow-up timeline (times in CET)

### 1:15 PM
Support asks for a written report

### 3:30 PM
Report sent to customers
"""
    result = import_markdown(text)
    report = result.report
    assert [(event.at, event.text) for event in report.timeline] == [
        (at(12, 9, 0, CET, 3), "Incident declared"),
        (at(12, 9, 40, CET, 3), "Incident resolved"),
        (at(12, 13, 15, CET, 3), "Support asks for a written report"),
        (at(12, 15, 30, CET, 3), "Report sent to customers"),
    ]
    assert report.summary.end == at(12, 9, 40, CET, 3)
    assert "end taken from the last timeline event before the follow-up timeline" in result.guesses
    assert "Follow-up timeline (times in CET)" in report.notes
    assert "Timeline (times in CET)\n" not in report.notes + "\n"  # a bare name is the report's own heading


def test_the_label_under_an_event_heading_never_opens_a_section() -> None:
    """ "Incident declared" reads like "Incident summary"; under "### 10:00" it is the event."""
    text = """# Cache stampede

## Timeline (UTC)

On 8 August 2031:

### 10:00
Incident declared

### 10:20
Summary posted to the status page

### 10:30
Incident resolved.
"""
    report = import_markdown(text).report
    assert [event.text for event in report.timeline] == [
        "Incident declared",
        "Summary posted to the status page",
        "Incident resolved.",
    ]


def test_a_hard_wrapped_paragraph_never_opens_a_section() -> None:
    text = """# Disk full

## Summary

Builds failed for two hours because nobody had looked at the build
cache since it was set up, and we only found the root cause
after the fix.

## Timeline (UTC)

- 2031-01-09 10:00: builds fail
- 2031-01-09 12:00: cache cleared

## Action items

- Purge the cache nightly
"""
    report = import_markdown(text).report
    assert [task.title for task in report.tasks] == ["Purge the cache nightly"]
    assert len(report.timeline) == 2
    assert "after the fix." in report.summary.impact
    assert report.analysis.root_cause == "" and report.analysis.resolution == ""


def test_a_sentence_ending_in_a_colon_opens_no_section() -> None:
    text = """# Config outage

## Lessons learned

Currently the only safe way to do this would be:

- Deploy the loader first
- Then the config

## Action items

- Version the config format
"""
    report = import_markdown(text).report
    assert [task.title for task in report.tasks] == ["Version the config format"]


# ------------------------------------------------------------------ text that is not an event


def test_chat_logs_and_git_dates_in_an_appendix_are_notes() -> None:
    text = """# Deploy broke search

## Timeline (UTC)

- 2031-04-02 14:00: deploy starts
- 2031-04-02 14:30: search errors
- 2031-04-02 15:10: rollback done

## Appendix

### Chat log

Timeline:
[14:31] ana: search is down
[14:33] raj: rolling back

### Commit

    commit 4f2a9c
    Date:   Wed Apr 2 13:58:12 2031 +0000

        Bump search client

### Alert

> 14:29 UTC FIRING search_errors_high
"""
    report = import_markdown(text).report
    assert [event.at for event in report.timeline] == [
        datetime(2031, 4, 2, 14, 0, tzinfo=UTC),
        datetime(2031, 4, 2, 14, 30, tzinfo=UTC),
        datetime(2031, 4, 2, 15, 10, tzinfo=UTC),
    ]
    for kept in (
        "[14:31] ana: search is down",
        "Date:   Wed Apr 2 13:58:12 2031",
        "FIRING search_errors_high",
    ):
        assert kept in report.notes
    assert report.summary.end == datetime(2031, 4, 2, 15, 10, tzinfo=UTC)


def test_a_log_excerpt_or_quoted_chat_inside_the_timeline_stays_notes() -> None:
    text = """# Payment errors

## Timeline (UTC)

- 2031-05-06 09:00: error rate rises
  ```
  09:01:12 ERROR card gateway timeout
  09:01:13 ERROR card gateway timeout
  ```
- 2031-05-06 09:20: gateway failover

> 09:05 ops-bot: paging the payments on-call
lazy continuation at 09:06 of the same quote

- 2031-05-06 09:45: errors back to normal
"""
    report = import_markdown(text).report
    assert [event.at.minute for event in report.timeline if isinstance(event.at, datetime)] == [0, 20, 45]
    for kept in ("09:01:12 ERROR card gateway timeout", "ops-bot: paging", "lazy continuation at 09:06"):
        assert kept in report.notes


def test_a_timeline_written_wholly_in_a_code_block_is_still_the_timeline() -> None:
    text = """# Certificate expiry

## Timeline (UTC)

```
2031-07-01 00:00 certificate expires
2031-07-01 00:05 health checks fail
2031-07-01 01:00 new certificate installed
```
"""
    assert len(import_markdown(text).report.timeline) == 3


def test_status_updates_with_no_timeline_heading_are_the_timeline() -> None:
    text = """# Slow pages

We are investigating slow page loads.

**Update 10:00**: The cause is a slow database replica.

**Update 10:30**: Traffic moved to a healthy replica.

**Update 11:15**: Page loads are back to normal.
"""
    report = import_markdown(text).report
    assert [event.at for event in report.timeline] == [time(10, 0), time(10, 30), time(11, 15)]
    assert "We are investigating slow page loads." in report.notes


# ------------------------------------------------------------------ start and end


def test_the_summary_window_wins_over_the_timeline() -> None:
    text = """# API errors

## Summary

From 9:30 AM to 10:15 AM UTC on 2 February 2031, the API returned errors.

## Timeline

- 9:10 AM: deploy starts
- 9:25 AM: outage begins
- 10:40 AM: postmortem meeting booked
"""
    result = import_markdown(text)
    assert (result.report.summary.start, result.report.summary.end) == (
        at(2, 9, 30, month=2),
        at(2, 10, 15, month=2),
    )
    assert not any("taken from" in guess for guess in result.guesses)


def test_without_a_stated_window_the_timeline_gives_it_and_says_so() -> None:
    text = """# API errors

## Timeline (UTC)

- 2031-02-02 09:10: deploy starts
- 2031-02-02 10:05: errors gone
"""
    result = import_markdown(text)
    assert (result.report.summary.start, result.report.summary.end) == (
        at(2, 9, 10, month=2),
        at(2, 10, 5, month=2),
    )
    assert "start taken from the first timeline event" in result.guesses
    assert "end taken from the last timeline event" in result.guesses


def test_two_sentences_are_no_prose_window() -> None:
    """ "from around 6pm." ends a sentence: "Peaks at about 6am" does not end the incident."""
    text = """# Traffic spike

## Summary

Traffic starts building from around 6pm. Peaks at about 6am with 600 pods.

## Timeline (all times UTC)

### 2031-09-09 04:10

Alerts fire.

### 05:30

Capacity added, all good.
"""
    report = import_markdown(text).report
    assert (report.summary.start, report.summary.end) == (at(9, 4, 10, month=9), at(9, 5, 30, month=9))


def test_an_unknown_start_and_closing_announcements_are_not_the_window() -> None:
    text = """# Webhooks down

## Summary

Webhooks failed for several hours; the start time is not fully known.

## Timeline (UTC)

- 2031-03-03 07:00: first user report
- 2031-03-03 08:00: fix deployed, resolution confirmed
- 2031-03-03 08:30: the mailing list is notified of the outage
"""
    result = import_markdown(text)
    assert result.report.summary.start is None
    assert result.report.summary.end == at(3, 8, 0, month=3)
    assert "the document says the start is not known: no start is set" in result.guesses


def test_closing_entries_that_only_tell_people_leave_the_end_open() -> None:
    text = """# Website outage

## Timeline (UTC)

- 2031-03-03 07:00: monitor alerts on the website
- 2031-03-03 07:30: provider blocks the attacking address
- 2031-03-17 10:00: provider sends its incident report
"""
    result = import_markdown(text)
    assert result.report.summary.start == at(3, 7, 0, month=3)
    assert result.report.summary.end is None


def test_the_last_milestone_in_bold_ends_the_incident() -> None:
    text = """# Index outage

## Timeline (UTC)

- **2031-10-10 21:00: publishing breaks**
- 21:10: first report
- **21:50: fix deployed**
- 09:30: a late report comes in
- 11:00: the team checks the database
"""
    result = import_markdown(text)
    assert result.report.summary.end == at(10, 21, 50, month=10)
    assert "end taken from the last timeline entry written in bold (a milestone)" in result.guesses


def test_a_stated_day_makes_an_entrys_own_date_its_alone() -> None:
    text = """# Disk filled up

## Timeline

Unless otherwise noted all events happened on 2031-10-21, times in UTC.

- 2031-10-20 23:55: builds start failing
- 01:38: site down
- 19:27: backlog rebuilt
"""
    report = import_markdown(text).report
    assert [event.at for event in report.timeline] == [
        at(20, 23, 55, month=10),
        at(21, 1, 38, month=10),
        at(21, 19, 27, month=10),
    ]


def test_entries_marked_outage_starts_and_ends_beat_the_impact_prose() -> None:
    text = """# Boskos outage

All times in UTC.

## Impact

Jobs failed between 2031-01-01 23:00 and 2031-01-02 08:00.

## Timeline

- 2031-02-01 23:04: node drained (**outage starts**)
- 2031-02-02 08:10: fixed image deployed (**outage ends**)
"""
    report = import_markdown(text).report
    assert report.summary.end == at(2, 8, 10, month=2)


# ------------------------------------------------------------------ front matter


def test_yaml_front_matter_gives_title_date_and_facts_and_keeps_the_rest() -> None:
    text = """---
title: "Mail delayed: blocklists"
date: 2031-02-22T01:00:00+00:00
authors:
  - Ada
  - Lin
severity: SEV2
status: final
slug: mail-delayed
---

We are looking into delayed mail.

**Update 09:00**: Some blocklists list our provider.
"""
    result = import_markdown(text)
    report = result.report
    assert report.title == "Mail delayed: blocklists"
    assert (report.authors, report.severity, report.status.value) == (["Ada", "Lin"], "SEV2", "final")
    assert report.summary.start == at(22, 1, 0, month=2)
    assert "start taken from the front matter's date" in result.guesses
    assert "slug: mail-delayed" in report.notes and "title:" not in report.notes
    assert not report.notes.startswith("---") and "date: 2031" not in report.notes


def test_toml_front_matter_and_an_h1_the_h1_is_the_title() -> None:
    text = """+++
title = "Blog: search outage"
authors = ["Ada"]

[extra]
team = "search"
+++

# Search outage report

## Timeline (UTC)

- 2031-05-05 10:00: search down
- 2031-05-05 10:30: search up
"""
    report = import_markdown(text).report
    assert report.title == "Search outage report"
    assert report.authors == ["Ada"]
    assert (
        '[extra]\nteam = "search"' in report.notes
        and "Front matter title: Blog: search outage" in report.notes
    )


def test_a_rule_at_the_top_is_not_front_matter() -> None:
    text = "---\n\n# Outage\n\n---\n\n## Timeline (UTC)\n\n- 2031-05-05 10:00: down\n"
    report = import_markdown(text).report
    assert report.title == "Outage" and len(report.timeline) == 1


def test_an_imported_front_matter_report_exports_and_imports_the_same() -> None:
    text = """---
title: Cache outage
date: 2031-05-05T10:00:00Z
tags: [cache]
---

## Timeline (UTC)

- 2031-05-05 10:00: cache down
- 2031-05-05 10:30: cache up
"""
    report = import_markdown(text).report
    again = import_markdown(render(report)).report
    assert again == report


def test_a_detailed_timeline_in_an_appendix_is_still_a_timeline() -> None:
    text = """# Search outage

## Appendix

### Detailed timeline (UTC)

- 2031-04-02 14:00: deploy starts
- 2031-04-02 14:30: search errors
"""
    assert len(import_markdown(text).report.timeline) == 2


def test_a_closing_announcement_soon_after_leaves_the_last_real_entry_as_the_end() -> None:
    text = """# Slow API

## Timeline (UTC)

- 2031-03-03 07:00: latency alert
- 2031-03-03 07:40: cache warmed, latency dropping
- 2031-03-03 07:55: customers notified by email
"""
    assert import_markdown(text).report.summary.end == at(3, 7, 40, month=3)


def test_a_timeline_label_in_a_quoted_chat_opens_no_timeline() -> None:
    text = """# Search outage

## Summary

The on-call pasted the chat:

> Timeline:
> 14:31 ana: search is down
> 14:33 raj: rolling back

## Timeline (UTC)

- 2031-04-02 14:30: search errors
- 2031-04-02 15:10: rollback done
"""
    report = import_markdown(text).report
    assert [event.text for event in report.timeline] == ["search errors", "rollback done"]
    assert "14:31 ana: search is down" in report.notes + report.summary.impact


def test_a_follow_up_sub_heading_under_action_items_keeps_its_tasks() -> None:
    text = "# Outage\n\n## Action items\n\n- Add an alert on queue depth\n\n### Follow-up\n\n- Review the runbook\n"
    tasks = [task.title for task in import_markdown(text).report.tasks]
    assert tasks == ["Add an alert on queue depth", "Review the runbook"]


def test_the_closing_fence_of_a_code_block_never_opens_a_report_fence() -> None:
    text = (
        "# Outage\n\n## Root cause\n\n```python\nretry(forever=True)\n```\n\n"
        "## Action items\n\n- Cap the retries\n- Alert on retry storms\n\n## Notes\n\nDone.\n"
    )
    assert [task.title for task in import_markdown(text).report.tasks] == [
        "Cap the retries",
        "Alert on retry storms",
    ]


def test_front_matter_in_a_crlf_file_is_read_not_imported_as_events() -> None:
    text = (
        "---\r\ntitle: Queue stall\r\ndate: 2024-05-10\r\n---\r\n\r\n## Timeline\r\n\r\n- 14:00 UTC paged\r\n"
    )
    report = import_markdown(text).report
    assert report.title == "Queue stall"
    assert [event.text for event in report.timeline] == ["paged"]


def test_link_definitions_the_parser_swallows_are_kept_in_the_notes() -> None:
    text = (
        "# Deploy outage\n\n## Timeline\n\n- 14:00 UTC deploy of [#12][pr12]\n\n"
        "[pr12]: https://example.com/pr/12\n\n## Appendix\n\n[dash]: https://grafana.example.com/d/1\n"
    )
    notes = import_markdown(text).report.notes
    assert notes.count("[pr12]: https://example.com/pr/12") == 1  # would be lost: no line for it
    assert notes.count("[dash]: https://grafana.example.com/d/1") == 1  # kept once, with its section
