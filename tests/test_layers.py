"""The core never imports Textual, so scripts and CI using export/validate stay fast."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "pmtui.model",
    "pmtui.labels",
    "pmtui.timeparse",
    "pmtui.timeshow",
    "pmtui.dates",
    "pmtui.zones",
    "pmtui.tzdb",
    "pmtui.store",
    "pmtui.render.markdown",
    "pmtui.render.json",
    "pmtui.importers.markdown",
    "pmtui.history",
    "pmtui.edits",
    "pmtui.finding",
    "pmtui.journal",
    "pmtui.lock",
    "pmtui.fingerprint",
    "pmtui.changes",
    "pmtui.report_file",
    "pmtui.state",
    "pmtui.checks",
    "pmtui.course",
    "pmtui.cycles",
    "pmtui.toml_text",
    "pmtui.event_time",
    "pmtui.markdown_source",
    "pmtui.cli",
]


def test_core_modules_import_without_textual() -> None:
    script = (
        "import sys\n"
        f"for name in {CORE!r}: __import__(name)\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(leaked))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
