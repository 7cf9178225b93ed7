"""A report on disk: one canonical TOML file, read with tomllib, written with tomli-w.

Canonical means the same report always gives the same bytes (fixed key order,
multi-line strings for text with line breaks), so reports in git diff cleanly
and load-then-save changes nothing. Saving is atomic (the old file stays whole
until the new one is complete and verified) and faithful: a symlink stays a
link, a hard link keeps its other names, owner, group and mode are kept, and a
read-only file, a FIFO or a device is refused rather than replaced. The file's
leading comment block is kept; other comments cannot survive tomllib.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any, Union

from pydantic import ValidationError

from pmtui.model import SCHEMA_VERSION, Postmortem
from pmtui.toml_text import canonical, dumps

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


def dumps_keeping_header(report: Postmortem, existing_text: str) -> str:
    """What `save` writes over `existing_text`: its leading comment block, then the canonical text."""
    return leading_comments(existing_text) + dumps(report)


def save(report: Postmortem, path: PathLike, new_file_mode: int | None = None) -> None:
    """Write a report, after checking that the text reads back as the same report.

    The file's leading comment block (a `#:schema` line, a licence header) is
    kept; tomllib loses every other comment, so those are dropped (`dropped_comments`
    lists them, for the editor to say so before it saves). `new_file_mode`: see `write_text`.
    """
    shown = str(path)
    target, info = _writable_target(path)
    header = _existing_header(target, info)
    written = canonical(report)
    text = header + written.text
    if not _reads_back_the_same(header + written.to_check, written.expected):
        _check_in_full(text, report, shown)
    _write(target, info, text.encode("utf-8"), shown, new_file_mode)


def _reads_back_the_same(to_check: str, expected: dict[str, Any]) -> bool:
    """Whether the text a save writes loads as the report: `to_check` (all of the text but
    the blocks `plain_block` wrote, which a property test proves exact) read by tomllib is
    `expected`. A second property test says the model reads those tables back as the same
    report, so nothing is validated again: on a big report, most of a save was that check."""
    try:
        return tomllib.loads(to_check) == expected
    except (tomllib.TOMLDecodeError, RecursionError):
        return False


def _check_in_full(text: str, report: Postmortem, shown: str) -> None:
    """The quick check failed: load the text in full, and refuse it naming what is wrong."""
    try:
        same = loads(text, shown) == report
    except StoreError as error:
        raise StoreError(shown, f"not saved: {error.message}") from None
    if not same:
        raise StoreError(shown, "not saved: the file would not read back the same")


def write_text(path: PathLike, text: str, new_file_mode: int | None = None) -> None:
    """Replace a file's text faithfully; see `_write` for what is kept and what is refused.

    An existing file keeps its mode; a new one gets `new_file_mode` (see
    `mode_no_wider_than`), else what the umask allows.
    """
    target, info = _writable_target(path)
    _write(target, info, text.encode("utf-8"), str(path), new_file_mode)


def mode_no_wider_than(path: PathLike) -> int | None:
    """The mode for a new file written from `path` (a report imported from it, a copy of it):
    what the umask allows, but never readable by anyone who cannot read `path`. Only reading is
    narrowed: a read-only source still gives a file its owner can edit. None if it is gone."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None
    readable = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
    return _new_file_mode() & (mode | ~readable & 0o777)


def _writable_target(path: PathLike) -> tuple[Path, os.stat_result | None]:
    """The real file behind `path` (a symlink stays a link) and its stat, or a refusal.

    Only stat is used, never open: opening a FIFO to look at it would hang.
    Root passes os.access, so a file with no write bit at all is refused too (vim's E45).
    """
    shown = str(path)
    target = Path(os.path.realpath(path))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return target, None
    except OSError as error:
        raise StoreError(shown, f"not saved: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(shown, "is a directory; not written")
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(shown, "is a FIFO/device/socket, not a regular file; not written")
    if not os.access(target, os.W_OK) or not info.st_mode & 0o222:
        raise StoreError(shown, "is read-only; not saved (save it under another name, or make it writable)")
    return target, info


def _write(
    target: Path, info: os.stat_result | None, payload: bytes, shown: str, new_file_mode: int | None = None
) -> None:
    """Write `payload` to `target` keeping what the file was: its mode, owner and group, and
    its other names when it is hard-linked (then it is overwritten in place, like vim's
    backupcopy=auto, since a new file would leave the other names on the old text)."""
    remove_stale_temps(target)
    if info is not None and info.st_nlink > 1:
        _overwrite_in_place(target, payload, shown)
    elif info is not None:
        _replace_file(target, payload, stat.S_IMODE(info.st_mode), shown, (info.st_uid, info.st_gid))
    else:
        mode = _new_file_mode() if new_file_mode is None else new_file_mode
        _replace_file(target, payload, mode, shown, None)


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def replace_atomically(target: Path, payload: bytes, mode: int, shown: str) -> None:
    """Put `payload` at `target` all at once: a fresh temp file beside it, fsync, rename.

    A symlink at `target` is replaced, never written through, so a planted link
    cannot redirect the write. A failure leaves `target` as it was and no temp file.
    """
    _replace_file(target, payload, mode, shown, None)


def _replace_file(target: Path, payload: bytes, mode: int, shown: str, owner: tuple[int, int] | None) -> None:
    try:
        handle, temp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp"
        )
    except OSError as error:
        raise _not_saved(shown, error) from None
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(payload)
            temp.flush()
            os.fsync(temp.fileno())
            if owner is not None:
                _give_owner(temp.fileno(), *owner)
            os.fchmod(temp.fileno(), mode)  # after chown, which may clear setgid
        os.replace(temp_name, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(error, OSError):
            raise _not_saved(shown, error) from None
        raise
    _fsync_folder(target.parent)


def _give_owner(descriptor: int, uid: int, gid: int) -> None:
    """Keep the old file's owner and group (possible as root; the group alone, if we are in it)."""
    info = os.fstat(descriptor)
    if (info.st_uid, info.st_gid) == (uid, gid):
        return
    try:
        os.fchown(descriptor, uid, gid)
    except OSError:
        with contextlib.suppress(OSError):  # the text matters more than who owns it
            os.fchown(descriptor, -1, gid)


def _overwrite_in_place(target: Path, payload: bytes, shown: str) -> None:
    """Write over the existing file. Room for the new text is claimed first, so a
    full disk fails before any byte changes. O_NONBLOCK: if the file was swapped
    for a FIFO since it was checked, opening fails instead of hanging."""
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise _not_saved(shown, error) from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise StoreError(shown, "is a FIFO/device/socket, not a regular file; not written")
        _claim_room(descriptor, len(payload))
        _write_all(descriptor, payload)
        os.ftruncate(descriptor, len(payload))
        os.fsync(descriptor)
    except OSError as error:
        raise _not_saved(shown, error) from None
    finally:
        os.close(descriptor)


def _claim_room(descriptor: int, size: int) -> None:
    current = os.fstat(descriptor).st_size
    if size <= current or not hasattr(os, "posix_fallocate"):
        return
    try:
        os.posix_fallocate(descriptor, current, size - current)
    except OSError as error:
        if error.errno == errno.ENOSPC:
            raise
        # a file system that cannot preallocate: write and see


def _write_all(descriptor: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(descriptor, view) :]


def _not_saved(shown: str, error: OSError) -> StoreError:
    return StoreError(shown, f"not saved: {error.strerror or error}")


def remove_stale_temps(path: PathLike) -> int:
    """Delete temp files a crashed pmtui left beside a report; how many went.

    A temp file is `.{name}.{pid}.{random}.tmp`; it is stale when no process with
    that pid runs on this host. Never raises: a leftover is untidy, not harmful.
    """
    try:
        target = Path(os.path.realpath(path))
        prefix = f".{target.name}."
        with os.scandir(target.parent) as entries:
            candidates = [
                entry for entry in entries if entry.name.startswith(prefix) and entry.name.endswith(".tmp")
            ]
    except OSError:
        return 0
    removed = 0
    for entry in candidates:
        match = _TEMP_TAIL.fullmatch(entry.name[len(prefix) :])
        if match is None or not _is_regular(entry) or _process_alive(int(match.group(1))):
            continue
        try:
            os.unlink(entry.path)
            removed += 1
        except OSError:
            pass
    return removed


#: What follows `.{name}.` in a temp file's name: pid, mkstemp's random letters, `.tmp`.
_TEMP_TAIL = re.compile(r"(\d+)\.[a-z0-9_]+\.tmp")


def _is_regular(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def _process_alive(pid: int) -> bool:
    """True unless the pid is certainly not running here (EPERM means it runs as someone else)."""
    if pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OverflowError:
        return False  # larger than any pid
    except OSError:
        return True
    return True


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


# ---------------------------------------------------------------- comments

#: Strings (where `#` is text) and comments, in the order TOML reads them. A
#: multi-line string may end with up to two extra quotes that belong to its text.
_STRING_OR_COMMENT = re.compile(
    "|".join(
        (
            r'"""(?:[^\\]|\\.)*?""""{0,2}',
            r"'''.*?''''{0,2}",
            r'"(?:[^"\\\n]|\\.)*"',
            r"'[^'\n]*'",
            r"#[^\n]*",
        )
    ),
    re.DOTALL,
)


def leading_comments(text: str) -> str:
    """The comment block at the very top of `text`, which `save` keeps: blank and `#`
    lines before the first key or table, such as a `#:schema ./schema.json` directive
    or a licence header. Empty when there is none, or when it is not valid TOML."""
    return _leading_block(text)[0]


def _leading_block(text: str) -> tuple[str, int]:
    """The kept header, ending in one blank line if the file had one there, and its last line's number."""
    lines = text.split("\n")
    count = next(
        (i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")), len(lines)
    )
    block = lines[:count]
    while block and not block[-1].strip():
        block.pop()
    if not block:
        return "", 0
    header = "".join(line + "\n" for line in block)
    try:
        tomllib.loads(header)
    except tomllib.TOMLDecodeError:
        return "", 0  # e.g. a control character in a comment: keeping it would make every save fail
    return header + ("\n" if count > len(block) and count < len(lines) else ""), len(block)


def dropped_comments(text: str) -> list[int]:
    """Line numbers (from 1) of the comments in `text` that a save would drop: all but
    the leading block, trailing `key = 1  # note` comments included."""
    kept = _leading_block(text)[1]
    found = []
    line, position = 1, 0
    for match in _STRING_OR_COMMENT.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        if match.group().startswith("#") and line > kept:
            found.append(line)
    return found


def _existing_header(target: Path, info: os.stat_result | None) -> str:
    """The leading comment block of the file about to be replaced ("" if none or unreadable)."""
    if info is None:
        return ""
    try:
        return leading_comments(
            decode_utf8(read_limited(target, MAX_FILE_BYTES, "a report file"), str(target))
        )
    except StoreError:
        return ""


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
        raise StoreError(
            source, "starts with a UTF-8 byte-order mark, which TOML does not allow; remove it", 1, 1
        )
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
    except RecursionError:  # tomllib recurses once per level of `[[[...]]]` or `{a={a=...}}`
        raise StoreError(source, "TOML nested too deeply to read") from None
    if not data:
        raise StoreError(source, "no report in this file (only comments); start one with `pmtui new`")
    version = data.get("schema_version", 1)
    if type(version) is not int or version < 1:
        raise StoreError(
            source, f"schema_version: expected 1 to {SCHEMA_VERSION}, got {_shown_value(version)}"
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            source,
            f"schema_version {version} is newer than this pmtui reads ({SCHEMA_VERSION}); upgrade pmtui",
        )
    try:
        return Postmortem.model_validate(_from_document(data))
    except ValidationError as error:
        raise _validation_error(error, source, data) from None
    except RecursionError:
        raise StoreError(source, "TOML nested too deeply to read") from None


def _from_document(data: dict[str, Any]) -> dict[str, Any]:
    """The model's values from the file's: the version is the file's, not the report's (see
    `Postmortem.schema_version`), and notes live in a `[notes]` table."""
    values = dict(data)
    values.pop("schema_version", None)
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
        return StoreError(
            source, f"TOML syntax: {message[: match.start()]}", int(match.group(1)), int(match.group(2))
        )
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
    # A moment is a date-time or a time (an event's also a date): the branch that came closest says
    # what is wrong.
    closest = next((d for d in moments if d["type"] in ("timezone_aware", "value_error")), None)
    first = closest or first
    message = _FIELD_HINTS.get(first["type"], first["msg"].removeprefix("Value error, "))
    field = path.rsplit(".", 1)[-1]
    if len(moments) > 1 and closest is None and field in ("at", "start", "end"):
        message = "expected a TOML date-time with offset (2024-05-10T14:00:00+03:00) or a time (14:00:00)"
        if field == "at":
            message = message.replace(") or a time", "), a time") + " or a date (2024-05-10)"
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
