"""What a report file looked like when pmtui read it, to notice changes made by others.

`sed -i`, `git pull` or a second pmtui can change the file under an open
editor; saving over it would silently revert their work. Size, mtime and inode
are cheap to compare; the content hash settles it when they differ (a `touch`
or a copy-back of the same bytes is not a change).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass
from typing import Any, Union

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Fingerprint:
    size: int
    mtime_ns: int
    inode: int
    sha256: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Fingerprint:
        return cls(int(values["size"]), int(values["mtime_ns"]), int(values["inode"]), str(values["sha256"]))


def fingerprint(path: PathLike) -> Fingerprint | None:
    """The file as it is now, or None when it is missing or unreadable."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            digest = hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None
    return Fingerprint(info.st_size, info.st_mtime_ns, info.st_ino, digest)


def changed_since(path: PathLike, recorded: Fingerprint | None) -> str | None:
    """Why the file is no longer what was `recorded` ("changed on disk", "was deleted"), or None.

    None is also the answer when nothing was recorded (a new file): there is nothing to clobber.
    """
    if recorded is None:
        return None
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "was deleted"
    except OSError:
        return None  # unreadable now: the save itself will say why
    if (info.st_size, info.st_mtime_ns, info.st_ino) == (recorded.size, recorded.mtime_ns, recorded.inode):
        return None
    current = fingerprint(path)
    if current is None:
        return "was deleted"
    return None if current.sha256 == recorded.sha256 else "changed on disk"
