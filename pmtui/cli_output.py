"""How the `pmtui` commands talk: one line on stderr for trouble, and stdout written so that a
reader that left (`| head`) or a full disk is said once, never as a traceback.

Exit codes: 2 for bad arguments, 1 for a file or stream that cannot be used, 70 for a bug.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import TextIO

from pmtui.import_command import os_reason

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 70, 130


class UsageError(Exception):
    """Bad arguments: reported in one line with exit code 2."""


class StdoutError(Exception):
    """Standard output could not be written: said once, and never retried at exit."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.error = error


def complain(line: str, code: int) -> int:
    """One line on stderr; line breaks in a message (say, from an OS error) are flattened."""
    to_stderr("pmtui: " + " ".join(line.split()))
    return code


def to_stderr(line: str) -> None:
    """With stderr closed or full the exit code is all that can be said; never stdout, which
    print(file=None) would use, since stdout may be carrying an export."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError):
            print(line, file=sys.stderr)


def os_error_line(error: OSError) -> str:
    reason = os_reason(error)
    return f"{error.filename}: {reason}" if error.filename is not None else reason


def tolerate_unencodable_text() -> None:
    """Messages name files and quote reports; under PYTHONIOENCODING=ascii (or a file name
    that is not UTF-8) they must still print, as escapes, rather than crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # A closed or detached stream: nothing will be printed on it anyway.
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def say(line: str) -> None:
    """A message on stdout; a full disk or a closed pipe there is reported once, by main."""
    try:
        print(line)
    except OSError as error:
        raise StdoutError(error) from None


def write_stdout(text: str) -> None:
    """An export or schema is a UTF-8 file by definition: write its bytes, whatever the locale says."""
    stream = stdout()
    try:
        stream.flush()
        binary = getattr(stream, "buffer", None)
        if binary is None:
            stream.write(text)
        else:
            binary.write(text.encode("utf-8"))
        stream.flush()
    except OSError as error:
        raise StdoutError(error) from None


def stdout() -> TextIO:
    """sys.stdout, which Python sets to None when the command starts with it closed (`>&-`)."""
    if sys.stdout is None:
        raise StdoutError(OSError(errno.EBADF, os.strerror(errno.EBADF)))
    return sys.stdout


def flush_stdout() -> None:
    if sys.stdout is None:
        return  # nothing was written: print() to a closed stdout does nothing
    try:
        sys.stdout.flush()
    except OSError as error:
        raise StdoutError(error) from None


def stdout_failed(error: OSError) -> int:
    """A reader that left (`| head`) is not an error; a full disk is. Either way stdout is then
    pointed at /dev/null, so Python's own flush at exit cannot fail and print a traceback."""
    abandon_stdout()
    if isinstance(error, BrokenPipeError):
        return EXIT_OK
    return complain(f"standard output: {error.strerror or error}", EXIT_PROBLEM)


def abandon_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real descriptor (tests capture stdout): there is no exit flush to fail
