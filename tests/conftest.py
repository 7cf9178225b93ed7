"""Shared fixtures: the sample reports, their seeds as users wrote them, and the golden-file check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.toml"))
SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite the golden files in tests/golden from the current output (`make golden`)",
    )


@pytest.fixture
def matches_golden(request: pytest.FixtureRequest) -> Callable[[str, Path], None]:
    """Check text against its golden file; only `--update-goldens` (`make golden`) rewrites the file."""
    update = bool(request.config.getoption("--update-goldens"))

    def check(text: str, golden: Path) -> None:
        if update:
            golden.parent.mkdir(exist_ok=True)
            golden.write_text(text, encoding="utf-8")
            return
        assert golden.exists(), f"{golden} is missing: `make golden` writes it"
        assert text == golden.read_text(encoding="utf-8"), (
            f"the output differs from {golden.name}; if the change is meant, read this diff, then `make golden`"
        )

    return check


@pytest.fixture(params=SAMPLES, ids=[p.stem for p in SAMPLES])
def sample_path(request: pytest.FixtureRequest) -> Path:
    return request.param


@pytest.fixture(autouse=True)
def private_state_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Journals and crash logs a test writes go to a folder of its own, never the user's ~/.local/state;
    the folder cache, to one of its own too, never ~/.cache."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    return folder / "pmtui"
