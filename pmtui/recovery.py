"""Unsaved edits rescued when the terminal goes away, kept beside the report, never over it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from pmtui.model import Postmortem
from pmtui.store import StoreError, load, save

UNTITLED = "untitled-postmortem.toml"


def recovery_path(report_path: Optional[Path]) -> Path:
    """`incident.toml` -> `incident.toml.recovery`, in the same folder (or here, for a new report)."""
    target = report_path if report_path is not None else Path.cwd() / UNTITLED
    return target.with_name(target.name + ".recovery")


def write_recovery(report: Postmortem, report_path: Optional[Path]) -> Path:
    path = recovery_path(report_path)
    save(report, path)
    return path


def read_recovery(report_path: Optional[Path]) -> Optional[Postmortem]:
    """The rescued report, or None when there is none (or it is unreadable: the report itself still is)."""
    path = recovery_path(report_path)
    if not path.exists():
        return None
    try:
        return load(path)
    except StoreError:
        return None


def discard_recovery(report_path: Optional[Path]) -> None:
    try:
        os.unlink(recovery_path(report_path))
    except FileNotFoundError:
        pass
