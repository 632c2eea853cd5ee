"""A bug in one lesson board's drawing shows in that board; the scene and the app go on."""

from __future__ import annotations

from rich.console import Console

from rnn_tui.ui.scenes.drawing import Drawn


def test_a_board_that_fails_to_draw_says_so_in_its_place_and_nothing_escapes():
    def broken(width: int):
        raise ValueError("zip() argument 2 is shorter than argument 1 \x1b]2;owned\x07")

    console = Console(width=120, record=True, color_system=None)
    console.print(Drawn(broken))  # would raise, and end the app, without the guard
    shown = console.export_text()
    assert "⚠ this board could not be drawn (ValueError: zip() argument 2 is shorter" in shown
    assert "\x1b" not in shown and "\\x1b]2;owned\\x07" in shown
