"""Finding your way: `j` jumps to a scene by its number, the help and the palette hold every key,
`t` toggles any theme between light and dark, `S` saves a screenshot without overwriting one.
From every scene, the jump list and the palette are stops of the tours (test_tour.py); the help's
list of keys is test_app_unroll.py's test_help_lists_every_key."""

from __future__ import annotations

import asyncio

import pytest

from rnn_tui.ui.app import THEMES, RnnApp
from rnn_tui.ui.scenes import NAMES
from rnn_tui.ui.screens.help import HelpScreen
from rnn_tui.ui.screens.jump import JumpScreen
from rnn_tui.ui.session import Session


def lines(app: RnnApp) -> list[str]:
    """The terminal as the user sees it (Textual has no public API for this; pinned to 8.x)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def run(script, scene: str = "unroll", size=(80, 24), theme: str = "dark") -> None:
    async def main() -> None:
        app = RnnApp(Session(), scene=scene, theme=theme)
        app.animation_level = "none"
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await script(app, pilot)
    asyncio.run(main())


def test_the_jump_list_takes_arrows_and_enter_escape_stays_and_help_hands_over():
    async def script(app, pilot):
        await pilot.press("j", "escape")
        assert app.current_mode == "unroll" and not isinstance(app.screen, JumpScreen)
        await pilot.press("j", "down", "enter")  # the list opens on the scene you are in
        assert app.current_mode == NAMES[NAMES.index("unroll") + 1]
        await pilot.press("question_mark", "j")  # from the help screen: the help closes, the list opens
        assert isinstance(app.screen, JumpScreen)
        await pilot.press("0")
        assert app.current_mode == "gradients" and not isinstance(app.screen, (JumpScreen, HelpScreen))
        app.switch_mode("unroll")
        await pilot.pause()
        await pilot.press("question_mark", "escape")  # the help was closed for good, not left under the scene
        assert not isinstance(app.screen, HelpScreen)
    run(script)


# (--theme, the theme `t` goes to): the short names, twins, and a theme without a twin.
TWINS_SEEN = [
    ("dark", "textual-light"), ("light", "textual-dark"), ("solarized-light", "solarized-dark"),
    ("catppuccin-mocha", "catppuccin-latte"), ("nord", "textual-light"), ("ansi-light", "ansi-dark"),
]


def test_t_goes_to_the_light_or_dark_twin_and_back():
    """From --theme dark, then from each theme as the palette's theme list sets it: one app."""
    async def script(app, pilot):
        for start, after_t in TWINS_SEEN:
            if start != "dark":  # the app was started with --theme dark
                app.theme = THEMES.get(start, start)
                await pilot.pause()
            before, background = app.theme, app.screen.styles.background
            await pilot.press("t")
            assert app.theme == after_t, start
            assert app.current_theme.dark != app.get_theme(before).dark, start
            if start == "dark":  # the screen itself turns light
                assert app.screen.styles.background.brightness > background.brightness + 0.5
            await pilot.press("t")
            assert app.theme == before, start
    run(script, theme="dark")


@pytest.fixture
def no_downloads(tmp_path, monkeypatch):
    """A home without a Downloads folder; the current folder is `tmp_path / "here"`."""
    home, here = tmp_path / "home", tmp_path / "here"
    home.mkdir()
    here.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.chdir(here)
    return home, here


def test_S_saves_a_screenshot_in_the_current_folder_without_downloads_and_says_where(no_downloads):
    home, here = no_downloads

    async def script(app, pilot):
        await pilot.press("S")
        await pilot.pause(0.3)
        saved = list(here.glob("*.svg"))
        assert len(saved) == 1 and saved[0].name.startswith("rnn-tui-unroll-"), saved
        assert "<svg" in saved[0].read_text(encoding="utf-8")
        notices = [str(n.message) for n in app._notifications]
        assert any(str(saved[0]) in n for n in notices), notices
    run(script)


def test_S_saves_in_downloads_when_there_is_one_and_never_over_a_file(no_downloads):
    home, here = no_downloads
    (home / "Downloads").mkdir()
    (home / "Downloads" / "shot.svg").write_text("mine", encoding="utf-8")

    async def script(app, pilot):
        first = app.deliver_screenshot("shot.svg")
        second = app.deliver_screenshot("shot.svg")
        assert (first, second) == (str(home / "Downloads" / "shot-2.svg"), str(home / "Downloads" / "shot-3.svg"))
        assert (home / "Downloads" / "shot.svg").read_text(encoding="utf-8") == "mine"
        await pilot.press("S")
        await pilot.pause(0.3)
        assert len(list((home / "Downloads").glob("rnn-tui-unroll-*.svg"))) == 1
        assert not list(here.iterdir())
    run(script)
