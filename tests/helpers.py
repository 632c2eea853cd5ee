"""What the scene tests share: run the app headless on one scene and drive it."""

from __future__ import annotations

import asyncio

from rnn_tui.ui.app import RnnApp
from rnn_tui.ui.session import Session

SIZE = (80, 24)


def drive(scene: str, script, session: Session | None = None, size: tuple[int, int] = SIZE) -> None:
    """Run the app on `scene` and await script(pilot, app) inside it. pytest-asyncio is not a
    dependency, so each test runs its own event loop."""
    async def main():
        app = RnnApp(session or Session(), scene=scene)
        app.animation_level = "none"
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
