"""Write the README's lecture-mode screenshots: the presenter with the class's tally at a guess
prompt, a follower that has answered it, and the notes terminal. Everything runs headless on
127.0.0.1 (the presenter on a free port; three scripted followers answer).

    python scripts/make_lecture_screenshots.py     # screenshots/lecture_{presenter,follower,notes}.svg
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

os.environ["TEXTUAL_ANIMATIONS"] = "none"   # before Textual is imported

from rnn_tui.lecture.defaults import DEFAULT_PORT  # noqa: E402
from rnn_tui.lecture.notes import load_notes  # noqa: E402
from rnn_tui.lecture.protocol import (  # noqa: E402
    Answer,
    Asset,
    Hello,
    Position,
    decode_from_presenter,
    encode,
)
from rnn_tui.lecture.token import new_token  # noqa: E402
from rnn_tui.lecture.wire import Broadcast  # noqa: E402
from rnn_tui.ui.lecture.follower import FollowerApp  # noqa: E402
from rnn_tui.ui.lecture.notes_app import NotesApp  # noqa: E402
from rnn_tui.ui.lecture.presenter import PresenterApp  # noqa: E402
from rnn_tui.ui.session import Session  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
SIZE = (80, 24)
HOST = "127.0.0.1"


async def settle(pilot, condition, seconds: float = 10) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            break
        await pilot.pause(0.05)
    await pilot.pause(0.3)


async def presenter(notes: Asset) -> Position:
    app = PresenterApp(Session(), host=HOST, port=0, assets=[notes], token_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        links = [await asyncio.open_connection(HOST, app.port) for _ in range(3)]
        await pilot.press("right", "g", "right")     # t=3, hidden: "which word comes next?"
        await settle(pilot, lambda: app.prompt is not None and app.followers == 3)
        prompt = app.prompt
        assert prompt is not None
        for n, ((_, writer), choice) in enumerate(zip(links, (2, 2, 0), strict=True)):
            writer.write(encode(Hello(f"{n:032x}")) + encode(Answer(prompt.id, choice)))
        await settle(pilot, lambda: app.tally.total == 3)
        app.save_screenshot("lecture_presenter.svg", str(OUT))
        position = app.last_position
        for _, writer in links:
            writer.close()
    assert position is not None
    return position


async def follower(position: Position) -> None:
    broadcast = Broadcast()
    await broadcast.start(HOST, 0)
    app = FollowerApp(HOST, broadcast.port)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: app.status == "connected")
        broadcast.publish(position)
        await settle(pilot, lambda: app.latest is not None and app.shown is not None)
        await pilot.press("3")
        await settle(pilot, lambda: bool(app.mine))
        app.save_screenshot("lecture_follower.svg", str(OUT))
    await broadcast.close()


async def notes_terminal(position: Position, notes: Asset) -> None:
    token = new_token()
    broadcast = Broadcast(token=token)
    try:
        await broadcast.start(HOST, DEFAULT_PORT)   # the port its foot line shows, the same every time
    except OSError:
        await broadcast.start(HOST, 0)
    broadcast.add_notes(notes)
    app = NotesApp(HOST, broadcast.port, token=token)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: app.status == "connected")
        broadcast.publish(position)
        await settle(pilot, lambda: app.position is not None and app.notes is not None)
        app.save_screenshot("lecture_notes.svg", str(OUT))
    await broadcast.close()


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    _, data = load_notes()
    notes = Asset("notes", "notes.md", data)
    position = await presenter(notes)
    assert decode_from_presenter(encode(position)) == position
    await follower(position)
    await notes_terminal(position, notes)
    for name in ("presenter", "follower", "notes"):
        print(OUT / f"lecture_{name}.svg")


if __name__ == "__main__":
    asyncio.run(main())
