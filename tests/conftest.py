"""What every test file shares: Hypothesis's settings, the snapshot tests' fixed conditions, and
fixtures on top of helpers.py (whose functions stay importable: `from helpers import drive`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

import pytest
from hypothesis import settings
from hypothesis.errors import InvalidArgument

if TYPE_CHECKING:
    from rnn_tui.ui.session import Session

# Keep compiled test modules (pytest's assertion rewriting) and rnn_tui's own: where the environment
# says PYTHONDONTWRITEBYTECODE (container images often do), each of the xdist workers would
# otherwise rewrite every test file and compile the package again at every run, about 2.5 s of CPU
# each before the first test starts. The files go in __pycache__ folders, which git ignores.
sys.dont_write_bytecode = False


def pytest_configure(config: pytest.Config) -> None:
    """Compile rnn_tui once, here in the main process, before the workers start: on a fresh clone
    each of the six would otherwise compile it at the same time, about 2.5 s of CPU each."""
    if not hasattr(config, "workerinput") and config.getoption("numprocesses", default=None):
        import compileall

        import rnn_tui

        compileall.compile_dir(os.path.dirname(rnn_tui.__file__), quiet=1)


# No per-example deadline: the suite runs on loaded 2-core machines and in parallel (pytest-xdist),
# where a slow example is the machine, not the code. On CI, Hypothesis's own "ci" profile
# (derandomized, no database) is the parent.
def _parent_profile() -> settings:
    try:
        return settings.get_profile("ci" if os.environ.get("CI") else "default")
    except InvalidArgument:  # a Hypothesis without the built-in "ci" profile
        return settings.get_profile("default")


settings.register_profile("rnn-tui", parent=_parent_profile(), deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "rnn-tui"))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` (in pyproject's addopts) means one process when re-making snapshots (syrupy decides
    which snapshots are unused from the whole session, which no single worker sees), else at least
    six workers: the app's tests mostly wait for it to go idle, and more workers overlap the waits
    (on 2 cores the whole suite took 58-63 s with 4 workers, 53-55 s with 6, 57 s with 8)."""
    return 0 if config.getoption("update_snapshots", default=False) else max(6, os.cpu_count() or 1)


LONG = {"test_tour.py"}  # the longest tests: a tour of every scene takes several seconds


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under xdist, start the long tests first, one at the head of each worker's first batch
    (`--dist load` hands each worker about a quarter of its share at first, in collection order):
    started last, a long test keeps the whole run waiting for it. Every worker sorts the same way."""
    workers = getattr(config, "workerinput", {}).get("workercount")
    if not workers:
        return
    long = [item for item in items if item.path.name in LONG]
    rest = [item for item in items if item.path.name not in LONG]
    stride = max(2, len(items) // workers // 4)
    for k, item in enumerate(long):
        rest.insert(min(k * stride, len(rest)), item)
    items[:] = rest


class CliRun(NamedTuple):
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliRun]:
    """cli("trace", "--text", "hi") runs `rnn-tui trace --text hi` in this process: (exit code, stdout, stderr)."""
    from rnn_tui.cli import main

    def run(*argv: str) -> CliRun:
        capsys.readouterr()  # only this command's output
        code = main(list(argv))
        out, err = capsys.readouterr()
        return CliRun(code, out, err)

    return run


@pytest.fixture
def session() -> Session:
    """A fresh session on the lecture corpus, as `rnn-tui` starts with."""
    from rnn_tui.ui.session import Session

    return Session()


@pytest.fixture
def drive() -> Callable[..., None]:
    """helpers.drive as a fixture: drive(scene, script, session=None, size=(80, 24)) runs the app
    headless on `scene` and awaits script(pilot, app) inside it."""
    import helpers

    return helpers.drive


@pytest.fixture
def app_on() -> Callable[..., object]:
    """helpers.app_on as a fixture: the app opened on a scene, with no animations."""
    import helpers

    return helpers.app_on


@pytest.fixture
def no_animations(monkeypatch: pytest.MonkeyPatch) -> None:
    """TEXTUAL_ANIMATIONS=none, for snapshots. Textual reads the variable once, at import, into
    textual.constants, so both are set."""
    import textual.constants

    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")


@pytest.fixture
def small_class_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Train scene trains on tests/data/small_sentiment.csv (260 sentences, the old shipped set)
    instead of a 2,000-sentence sample of the everyday set: the same scene, keys and screen, in a
    tenth of the time. For tests of the wiring and the screen; tests/test_state_train.py checks
    the plan on the real set."""
    from pathlib import Path

    from rnn_tui.engine.corpus import load_corpus

    small = load_corpus(Path(__file__).parent / "data" / "small_sentiment.csv")
    monkeypatch.setattr("rnn_tui.ui.state.train.shipped_data", lambda: small)

