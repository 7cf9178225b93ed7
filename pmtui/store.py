"""A report on disk: one canonical TOML file, read with tomllib, written with tomli-w.

Canonical means the same report always gives the same bytes (fixed key order,
multi-line strings for text with line breaks), so reports in git diff cleanly
and load-then-save changes nothing. Saving is atomic: the old file stays whole
until the new one is complete and verified.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any, Union

import tomli_w
from pydantic import ValidationError

from pmtui.model import SCHEMA_VERSION, Postmortem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

#: A report is a few kilobytes; anything far larger is not one, and reading it whole could hurt.
MAX_FILE_BYTES = 20 * 1024 * 1024

PathLike = Union[str, "os.PathLike[str]"]


class StoreError(Exception):
    """A report that cannot be read or written, described in one line for the user."""

    def __init__(self, source: str, message: str, line: int | None = None, column: int | None = None):
        self.source, self.message, self.line, self.column = source, message, line, column
        where = source + (f":{line}" if line else "") + (f":{column}" if column else "")
        super().__init__(f"{where}: {message}")


# ---------------------------------------------------------------- writing

def to_document(report: Postmortem) -> dict[str, Any]:
    """The report as plain TOML data, keys in the public format's order, no empty optionals."""
    data = report.model_dump(mode="python", exclude_none=True)
    document: dict[str, Any] = {key: data[key] for key in (
        "schema_version", "title", "status", "severity", "authors", "timezone") if key in data}
    document["summary"] = _ordered(data["summary"], ("start", "end", "impact", "root_cause"))
    document["analysis"] = _ordered(data["analysis"], ("root_cause", "resolution", "contributing_factors"))
    if not report.lessons.is_empty():
        document["lessons"] = _ordered(data["lessons"], ("went_well", "went_wrong", "lucky"))
    document["timeline"] = [_ordered(e, ("at", "kind", "text", "link")) for e in data["timeline"]]
    document["tasks"] = [_ordered(t, ("title", "status", "kind", "owner", "due", "priority", "ticket"))
                         for t in data["tasks"]]
    if report.notes:
        document["notes"] = {"markdown": report.notes}
    return document


def _ordered(values: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: _plain(values[key]) for key in keys if key in values}


def _plain(value: Any) -> Any:
    return value.value if hasattr(value, "value") and not isinstance(value, (str, int)) else value


def dumps(report: Postmortem) -> str:
    """Canonical TOML text. Every event and task is its own `[[...]]` block (tomli-w
    would inline short ones), so adding an event is a few added lines in a diff."""
    document = to_document(report)
    lists = {key: document.pop(key) for key in ("timeline", "tasks")}
    notes = document.pop("notes", None)
    chunks = [_toml(document)]
    for key, entries in lists.items():
        chunks.extend(f"[[{key}]]\n{_toml(entry)}" for entry in entries)
    if notes is not None:
        chunks.append(_toml({"notes": notes}))
    return "\n".join(chunk.rstrip("\n") + "\n" for chunk in chunks)


def _toml(data: dict[str, Any]) -> str:
    return tomli_w.dumps(data, multiline_strings=True)


def save(report: Postmortem, path: PathLike) -> None:
    """Write a report atomically, after checking that the text reads back as the same report."""
    text = dumps(report)
    try:
        same = loads(text, str(path)) == report
    except StoreError as error:
        raise StoreError(str(path), f"not saved: {error.message}") from None
    if not same:
        raise StoreError(str(path), "not saved: the file would not read back the same")
    write_text(path, text)


def write_text(path: PathLike, text: str) -> None:
    """Replace a file atomically (temp file beside it, fsync, rename), keeping its permissions.

    A symlink is followed so the link stays a link; a failed write leaves the old
    file untouched and no temp file behind.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as error:
        raise StoreError(str(path), f"not saved: {error.strerror}") from None
    _write_atomically(target, text.encode("utf-8"), mode, str(path))


def _write_atomically(target: Path, payload: bytes, mode: int, shown: str) -> None:
    try:
        handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise StoreError(shown, f"not saved: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(payload)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException as error:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise StoreError(shown, f"not saved: {error.strerror or error}") from None
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems cannot fsync a folder; the rename is still done
    finally:
        os.close(descriptor)


def fingerprint(path: PathLike) -> tuple[int, int] | None:
    """What a file looks like on disk now (mtime in ns, size), to notice changes by others."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


# ---------------------------------------------------------------- reading

def load(path: PathLike) -> Postmortem:
    return loads_bytes(read_limited(path, MAX_FILE_BYTES, "a report file"), str(path))


def read_limited(path: PathLike, limit: int, kind: str) -> bytes:
    """A file's bytes, or a one-line StoreError: missing, a folder, unreadable, or over `limit`."""
    shown = str(path)
    try:
        with open(path, "rb") as handle:
            payload = handle.read(limit + 1)
    except FileNotFoundError:
        raise StoreError(shown, "no such file") from None
    except IsADirectoryError:
        raise StoreError(shown, f"is a directory, not {kind}") from None
    except PermissionError:
        raise StoreError(shown, "permission denied") from None
    except OSError as error:
        raise StoreError(shown, error.strerror or str(error)) from None
    if len(payload) > limit:
        raise StoreError(shown, f"larger than {limit // (1024 * 1024)} MiB; not {kind}")
    return payload


def loads_bytes(payload: bytes, source: str = "<string>") -> Postmortem:
    if payload.startswith(b"\xef\xbb\xbf"):
        raise StoreError(source, "starts with a UTF-8 byte-order mark, which TOML does not allow; remove it", 1, 1)
    return loads(decode_utf8(payload, source), source)


def decode_utf8(payload: bytes, source: str, encoding: str = "utf-8") -> str:
    """Text from bytes, or a StoreError naming the line of the first byte that is not UTF-8."""
    try:
        return payload.decode(encoding)
    except UnicodeDecodeError as error:
        line = payload[: error.start].count(b"\n") + 1
        raise StoreError(source, f"not UTF-8 text (byte 0x{payload[error.start]:02x})", line) from None


def loads(text: str, source: str = "<string>") -> Postmortem:
    if not text.strip():
        raise StoreError(source, "empty file; start a report with `pmtui new`")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(error, source) from None
    version = data.get("schema_version")
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise StoreError(source, f"schema_version {version} is newer than this pmtui reads ({SCHEMA_VERSION}); upgrade pmtui")
    try:
        return Postmortem.model_validate(_from_document(data))
    except ValidationError as error:
        raise _validation_error(error, source, data) from None


def _from_document(data: dict[str, Any]) -> dict[str, Any]:
    values = dict(data)
    notes = values.pop("notes", None)
    if isinstance(notes, dict) and set(notes) <= {"markdown"}:
        values["notes"] = notes.get("markdown", "")
    elif notes is not None:
        values["notes"] = notes  # let validation name what is wrong with it
    return values


def _syntax_error(error: Exception, source: str) -> StoreError:
    message = str(error)
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", message)
    if match:
        return StoreError(source, f"TOML syntax: {message[: match.start()]}", int(match.group(1)), int(match.group(2)))
    match = re.search(r"\s*\(at end of document\)\s*$", message)
    if match:
        return StoreError(source, f"TOML syntax: {message[: match.start()]} at end of file")
    return StoreError(source, f"TOML syntax: {message}")


_FIELD_HINTS = {
    "timezone_aware": "needs an offset, e.g. 2024-05-10T14:00:00+03:00 (a time alone, 14:00:00, is read in the report's zone)",
    "extra_forbidden": "unknown key",
    "missing": "required key is missing",
}


def _validation_error(error: ValidationError, source: str, data: dict[str, Any]) -> StoreError:
    details = error.errors(include_url=False)
    first = details[0]
    path = _dotted(first["loc"])
    moments = [d for d in details if _dotted(d["loc"]) == path]
    if any(d["type"] == "timezone_aware" for d in moments):
        first = next(d for d in moments if d["type"] == "timezone_aware")
    message = _FIELD_HINTS.get(first["type"], first["msg"].removeprefix("Value error, "))
    if len(moments) > 1 and first["type"] != "timezone_aware" and path.rsplit(".", 1)[-1] in ("at", "start", "end"):
        message = "expected a TOML date-time with offset (2024-05-10T14:00:00+03:00) or a time (14:00:00)"
    shown = _shown_value(first.get("input"))
    more = len({_dotted(d["loc"]) for d in details}) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    got = "" if first["type"] == "missing" or shown is None else f", got {shown}"
    return StoreError(source, f"{path}: {message}{got}{suffix}")


def _dotted(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif re.fullmatch(r"[a-z_]+", str(part)) and part not in ("datetime", "time", "date", "str", "int"):
            path += ("." if path else "") + str(part)
    return path or "(top level)"


def _shown_value(value: Any) -> str | None:
    if isinstance(value, (dict, list)) or value is None:
        return None if value is None else ("a table" if isinstance(value, dict) else "a list")
    text = value.isoformat() if hasattr(value, "isoformat") else repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"
