"""What the scene tests share: run the app headless on one scene and drive it.
tests/conftest.py offers the same as fixtures (`drive`, `app_on`, `session`), and `cli` for the commands."""

from __future__ import annotations

import asyncio

from rnn_tui.ui.app import RnnApp
from rnn_tui.ui.session import Session

SIZE = (80, 24)


def app_on(scene: str, session: Session | None = None) -> RnnApp:
    """The app opened on `scene`, with no animations (so snapshots are stable)."""
    app = RnnApp(session or Session(), scene=scene)
    app.animation_level = "none"
    return app


def error_notices(app: RnnApp) -> list[str]:
    """The error notices the app shows from now on: it turns a failing key or pane into one."""
    errors: list[str] = []
    notify = app.notify

    def record(message, *args, severity="information", **kwargs):
        if severity == "error":
            errors.append(str(message))
        return notify(message, *args, severity=severity, **kwargs)

    app.notify = record
    return errors


def drive(scene: str, script, session: Session | None = None, size: tuple[int, int] = SIZE) -> None:
    """Run the app on `scene` and await script(pilot, app) inside it. pytest-asyncio is not a
    dependency, so each test runs its own event loop."""
    async def main():
        app = app_on(scene, session)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await script(pilot, app)
    asyncio.run(main())


def assert_one_line_error(code: int, err: str, *fragments: str) -> None:
    """Bad input: exit code 2 and one line on stderr naming what and where, no traceback."""
    assert code == 2
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("rnn-tui: error: ")
    for fragment in fragments:
        assert fragment in lines[0]


def whole_or_cut(shown: str, whole: str) -> bool:
    """Whether `shown` is `whole`, or its start cut with a visible "…" (the help screen has it whole)."""
    shown = shown.rstrip()
    return shown == whole or (shown.endswith("…") and whole.startswith(shown[:-1].rstrip()))
