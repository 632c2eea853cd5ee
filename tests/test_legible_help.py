"""`?` at 80x24: the scene's own paragraph (what it shows) is the first thing in the box, whole
and in view without scrolling; the keys come after it."""

from __future__ import annotations

from rnn_tui.ui.scenes import NAMES
from rnn_tui.ui.screens.help import ABOUT, HelpScreen

from helpers import drive


def visible_box(app) -> list[str]:
    """The help box's rows as the user sees them, border stripped."""
    rows = [strip.text for strip in app.screen._compositor.render_strips()]  # pinned to Textual 8.x
    return [row.strip().strip("│").strip() for row in rows if "│" in row]


def test_every_scenes_help_opens_on_its_own_paragraph():
    async def script(pilot, app):
        for number, name in enumerate(NAMES, 1):
            await pilot.press("j", str(number % 10))
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen), name
            box = visible_box(app)
            assert box[0] == f"The {app.screen.scene_title} scene", (name, box[0])
            shown = " ".join(" ".join(box).split())
            paragraph = " ".join(ABOUT[name].split())
            assert paragraph in shown, (name, box)   # whole, before any scrolling
            assert shown.index(paragraph) < shown.find(f"keys of the {app.screen.scene_title} scene")
            await pilot.press("escape")

    drive("unroll", script)
