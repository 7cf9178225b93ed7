"""Where the Textual stylesheets are, installed (inside the wheel) or in a checkout."""

from __future__ import annotations

from pathlib import Path

_INSTALLED = Path(__file__).parent / "styles"
_CHECKOUT = Path(__file__).parent.parent / "styles"


def stylesheet(name: str) -> Path:
    """The .tcss file `name`: the wheel puts styles/ inside the package, a checkout keeps it beside."""
    installed = _INSTALLED / name
    return installed if installed.exists() else _CHECKOUT / name
