"""Order's final hidden states with a model wider than the screen is tall (--weights sentiment,
H = 32): every unit on screen at 80x24 without a scroll, set out in columns; bars where they fit."""

from __future__ import annotations

import numpy as np
import pytest
from test_scenes_lesson import assert_fits, board, press

from rnn_tui.engine.models import load_model
from rnn_tui.ui.render.bars import fmt
from rnn_tui.ui.scenes.order import unit_grid
from rnn_tui.ui.session import Session

from helpers import drive

RNG = np.random.default_rng(0)
H_A, H_B = RNG.uniform(-1, 1, 32), RNG.uniform(-1, 1, 32)


@pytest.mark.parametrize(("width", "rows", "columns", "bars", "diff"), [
    (78, 32, 1, True, True),      # a tall screen: one unit a row, as for a small model
    (118, 25, 2, True, True),     # 120x40: two columns, still with bars
    (78, 11, 3, False, True),     # 80x30: numbers, with B−A
    (78, 9, 4, False, False),     # 80x24: numbers alone, four columns
])
def test_the_grid_holds_every_unit_in_the_fewest_columns_it_can(width, rows, columns, bars, diff):
    grid = unit_grid(H_A, H_B, width, rows)
    assert (grid.columns, bool(grid.half), grid.diff) == (columns, bars, diff)
    assert grid.units == tuple(range(32)) and grid.rows <= rows


def test_too_many_units_show_those_that_differ_most_and_say_so():
    h_a, h_b = np.zeros(256), np.zeros(256)
    h_b[[7, 100, 200]] = [0.9, -0.8, 0.7]
    grid = unit_grid(h_a, h_b, 78, 9)
    assert grid.rows == 8 and len(grid.units) == 8 * grid.columns < 256  # a row left for the note
    assert {7, 100, 200} <= set(grid.units) and list(grid.units) == sorted(grid.units)


def test_order_with_the_sentiment_model_fits_80x24_with_every_unit():
    session = Session(weights=load_model("sentiment"))

    async def script(pilot, app):
        await press(pilot, "right", 3)
        test = app.screen.state.test
        assert len(test.h_a) == 32
        assert_fits(app)
        states = board(app, "states")
        for j in range(32):  # each unit's name, then its two numbers
            words = states.split()
            at = words.index(f"h{j + 1}")
            assert words[at + 1:at + 3] == [fmt(test.h_a[j]).strip(), fmt(test.h_b[j]).strip()]
        await press(pilot, "right")
        assert_fits(app)

    drive("order", script, session)
