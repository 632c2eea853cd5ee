"""`?` at 80x24: the scene's own paragraph (what it shows) is the first thing in the box, whole
and in view without scrolling; the keys come after it."""

from __future__ import annotations

from rnn_tui.ui.bindings import SCENE_KEYS
from rnn_tui.ui.scenes import NAMES
from rnn_tui.ui.screens.help import ABOUT, HelpScreen

from helpers import drive


def visible_box(app) -> list[str]:
    """The help box's rows as the user sees them, border stripped."""
    rows = [strip.text for strip in app.screen._compositor.render_strips()]  # pinned to Textual 8.x
    inside = [row.strip().strip("│").strip() for row in rows if "│" in row]
    return [row.rstrip("▁▂▃▄▅▆▇█ ") for row in inside]   # less the scroll bar's thumb


def assert_opens_on_its_paragraph(app, name: str) -> None:
    assert isinstance(app.screen, HelpScreen), name
    title = app.screen.scene_title
    box = visible_box(app)
    assert box[0] == f"The {title} scene", (name, box[0])
    shown = " ".join(" ".join(box).split())
    paragraph = " ".join(ABOUT[name].split())
    assert paragraph in shown, (name, box)   # whole, before any scrolling
    assert shown.index(paragraph) < shown.find(f"keys of the {title} scene")


def test_every_scenes_help_opens_on_its_own_paragraph():
    """Unroll's through `?`; the others' as `?` builds them (with Unroll's keys and what its title
    line cuts, the longest of any scene), without the time it takes to visit every scene."""
    async def script(pilot, app):
        await pilot.press("question_mark")
        await pilot.pause()
        assert_opens_on_its_paragraph(app, "unroll")
        details = app.screen.details
        await pilot.press("escape")
        for name in NAMES:
            await app.push_screen(HelpScreen(name.title(), SCENE_KEYS, scene_name=name, details=details))
            await pilot.pause()
            assert_opens_on_its_paragraph(app, name)
            await pilot.press("escape")

    drive("unroll", script)
