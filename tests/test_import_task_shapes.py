"""Corrective measures as people write them: one small document per shape, each read to its tasks.

Written from scratch for the shapes real postmortems use (hard-wrapped items,
field lines under an item, scripts under the heading, prose, action-item
tables); none is copied from a corpus document.
"""

from __future__ import annotations

from datetime import date

from pmtui.importers.markdown import import_markdown
from pmtui.model import Postmortem, Task, TaskKind, TaskStatus
from pmtui.render.markdown import render


def _tasks(body: str, heading: str = "## Action items") -> tuple[list[Task], str]:
    report = import_markdown(f"# Disk full on db-1\n\n{heading}\n\n{body}").report
    return report.tasks, report.notes


def _titles(body: str, heading: str = "## Action items") -> list[str]:
    return [task.title for task in _tasks(body, heading)[0]]


def test_a_hard_wrapped_item_is_one_task_whether_or_not_its_lines_are_indented() -> None:
    body = (
        "- Page the on-call engineer when replication lag stays above thirty\n"
        "  seconds for five minutes.\n"
        "- Move the backups to their own volume so that a full backup disk\n"
        "cannot stop the database again.\n"
        "- Rehearse the failover every quarter. Record how long it takes and\n"
        "  compare it with the target.\n"
    )
    assert _titles(body) == [
        "Page the on-call engineer when replication lag stays above thirty seconds for five minutes.",
        "Move the backups to their own volume so that a full backup disk cannot stop the database again.",
        "Rehearse the failover every quarter. Record how long it takes and compare it with the target.",
    ]


def test_a_forgotten_bullet_after_a_finished_sentence_is_a_task_of_its_own() -> None:
    body = "- Disk alerts: page at 80% full.\nLog rotation: rotate the logs daily.\n"
    assert _titles(body) == ["Disk alerts: page at 80% full.", "Log rotation: rotate the logs daily."]


def test_field_lines_under_an_item_fill_its_fields_and_make_no_task() -> None:
    body = (
        "1. Add an alert on replication lag.\n"
        "   Tracking: OPS-12. Due: 3 March 2027.\n"
        "2. Write the failover runbook\n"
        "   - Owner: @ana\n"
        "   - Priority: P2\n"
        "   - Status: done\n"
    )
    first, second = _tasks(body)[0]
    assert (first.title, first.ticket, first.due) == (
        "Add an alert on replication lag.",
        "OPS-12",
        date(2027, 3, 3),
    )
    assert (second.title, second.owner, second.priority, second.status) == (
        "Write the failover runbook",
        "@ana",
        "P2",
        TaskStatus.DONE,
    )


def test_fields_written_after_the_title_move_into_the_fields() -> None:
    (task,), _ = _tasks("- Add an alert on queue depth — owner: sre, due: 2027-04-01\n")
    assert (task.title, task.owner, task.due) == ("Add an alert on queue depth", "sre", date(2027, 4, 1))


def test_a_script_under_the_measures_is_kept_in_the_notes_not_read_as_tasks() -> None:
    body = "- Rotate the logs daily\n\n```bash\nsudo logrotate -f /etc/logrotate.conf\nsystemctl restart db\n```\n"
    tasks, notes = _tasks(body)
    assert [task.title for task in tasks] == ["Rotate the logs daily"]
    assert "sudo logrotate -f /etc/logrotate.conf" in notes and "systemctl restart db" in notes


def test_a_task_line_under_a_labelled_finding_completes_it_instead_of_making_a_second_task() -> None:
    body = (
        "- **Runbook gap:** nobody knew the failover steps.\n"
        "  - Task: write the failover runbook.\n"
        "- **Alerting:**\n"
        "  - Task: page on replication lag.\n"
    )
    assert _titles(body) == [
        "Runbook gap: nobody knew the failover steps. Task: write the failover runbook.",
        "Alerting: page on replication lag.",
    ]


def test_outside_a_list_short_lines_are_tasks_of_their_own_and_long_wrapped_lines_join() -> None:
    body = (
        "Add an alert on replication lag\n"
        "Rotate the logs daily\n\n"
        "We will move the backups to a volume of their own, away from the database\n"
        "disk, and alert when it is 80% full.\n"
    )
    assert _titles(body, "## Prevention") == [
        "Add an alert on replication lag",
        "Rotate the logs daily",
        "We will move the backups to a volume of their own, away from the database disk, and alert when it is 80% full.",
    ]


def test_an_action_line_under_a_labelled_paragraph_completes_it_and_fills_its_fields() -> None:
    body = (
        "**Paging gap**: nobody was paged for replication lag.\n"
        "Task: add a lag alert. Owner: sre. Due: 2027-03-01.\n\n"
        "- **Improve the runbook**\n"
        "  Action: write down the failover steps.\n"
    )
    first, second = _tasks(body, "## Corrective actions")[0]
    assert (first.title, first.owner, first.due) == (
        "Paging gap: nobody was paged for replication lag. Task: add a lag alert.",
        "sre",
        date(2027, 3, 1),
    )
    assert second.title == "Improve the runbook: write down the failover steps."


def test_a_label_over_several_items_names_a_group_and_prefixes_none_of_them() -> None:
    body = "**Next two weeks:**\n\n- Add a CPU alert\n- Add a memory alert\n"
    tasks, notes = _tasks(body)
    assert [task.title for task in tasks] == ["Add a CPU alert", "Add a memory alert"]
    assert "Next two weeks" in notes


def test_measures_written_as_prose_give_one_task_per_measure_and_keep_the_paragraph() -> None:
    body = (
        "We will add an alert on replication lag so that the on-call engineer is paged\n"
        "before users notice. The outage showed that nobody had rehearsed a failover.\n"
        "We will also rehearse the failover every quarter.\n"
    )
    tasks, notes = _tasks(body, "## Preventive measures")
    assert [task.title for task in tasks] == [
        "We will add an alert on replication lag so that the on-call engineer is paged before users notice.",
        "We will also rehearse the failover every quarter.",
    ]
    assert "nobody had rehearsed a failover." in notes  # the sentence that is no measure is not lost


def test_an_action_item_table_maps_status_priority_owner_type_and_issue_links() -> None:
    body = (
        "| Action item | Type | Priority | Owner | Status | Issue |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| Alert on disk usage | Prevent | P1 | ana | Done | [OPS-7](https://jira.example.com/browse/OPS-7) |\n"
        "| Write the runbook | Process | P2 | bob | Won't do | |\n"
        "| Add a second replica | Repair | P3 | | In progress | #41 |\n"
    )
    alert, runbook, replica = _tasks(body)[0]
    assert (alert.kind, alert.priority, alert.owner, alert.status, alert.ticket) == (
        TaskKind.IMPROVEMENT,
        "P1",
        "ana",
        TaskStatus.DONE,
        "https://jira.example.com/browse/OPS-7",
    )
    assert runbook.status is TaskStatus.NOT_DOING
    # a type and a status the model has no word for stay in the title
    assert replica.title == "Add a second replica (type: Repair) (status: In progress)"
    assert (replica.status, replica.ticket) == (TaskStatus.OPEN, "#41")


def test_a_raw_html_table_of_actions_and_a_crlf_file_read_like_markdown() -> None:
    html = (
        "<table>\r\n<tr><th>Action</th><th>Owner</th><th>Due</th></tr>\r\n"
        "<tr><td>Add a disk alert</td><td>ana</td><td>2027-03-10</td></tr>\r\n</table>\r\n"
    )
    (task,) = import_markdown(f"# Disk full\r\n\r\n## Remediation\r\n\r\n{html}").report.tasks
    assert (task.title, task.owner, task.due) == ("Add a disk alert", "ana", date(2027, 3, 10))
    crlf = "# Disk full\r\n\r\n## Action items\r\n\r\n- Add a disk alert that pages\r\n  the on-call engineer\r\n"
    assert [t.title for t in import_markdown(crlf).report.tasks] == [
        "Add a disk alert that pages the on-call engineer"
    ]


def test_done_marks_groups_named_done_and_ticket_links() -> None:
    body = (
        "### Immediate actions (Completed)\n\n"
        "- Raised the disk quota\n\n"
        "### Next quarter\n\n"
        "- Turn the cleanup job back on. **(Done as of 2027-03-04)**\n"
        "- [ ] Automate the cleanup ([#57](https://github.com/acme/db/issues/57))\n"
        "  - https://github.com/acme/db/pull/58\n"
        "- In conclusion, disks fill up and we must watch them.\n"
    )
    tasks, notes = _tasks(body)
    assert [(task.title, task.status) for task in tasks] == [
        ("Raised the disk quota", TaskStatus.DONE),
        ("Turn the cleanup job back on. **(Done as of 2027-03-04)**", TaskStatus.DONE),
        ("Automate the cleanup (#57)", TaskStatus.OPEN),
    ]
    assert tasks[2].ticket == "https://github.com/acme/db/issues/57"
    assert "https://github.com/acme/db/pull/58" in notes and "In conclusion" in notes


def test_in_prose_that_marks_its_actions_only_the_marked_lines_are_tasks() -> None:
    body = (
        "Three teams were told before the release:\n\n"
        "- Payments\n- Search\n\n"
        "Action point: keep a list of teams to tell before a release.\n\n"
        "The status page lagged behind the incident.\n\n"
        "Action point: update the status page from the incident channel.\n"
    )
    tasks, notes = _tasks(body, "## Lessons learned")
    assert [task.title for task in tasks] == [
        "Action point: keep a list of teams to tell before a release.",
        "Action point: update the status page from the incident channel.",
    ]
    assert "Payments" in notes and "The status page lagged" in notes


def test_pmtuis_own_export_comes_back_the_same_whatever_the_titles_say() -> None:
    report = Postmortem(
        title="Disk full",
        tasks=[
            Task(title="Owner: sre", kind=TaskKind.IMPROVEMENT),
            Task(title="Add an alert (done)", kind=TaskKind.TASK),
            Task(title="HIGH priority: rotate logs. Due: soon", kind=TaskKind.TASK, owner="ana"),
            Task(title="Task: write the runbook", kind=TaskKind.TASK, status=TaskStatus.NOT_DOING),
            Task(title="See #12", kind=TaskKind.TASK, due=date(2027, 1, 2), ticket="OPS-1"),
        ],
    )
    assert import_markdown(render(report)).report.tasks == report.tasks
