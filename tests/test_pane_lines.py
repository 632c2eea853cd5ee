"""Panes repaint only what a step changed (issue 15): the cells that differ between two drawings
of a line, and of a pane with a row per hidden unit only the rows on screen, whatever H is."""

from __future__ import annotations

from hypothesis import given, strategies as st
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.visual import Visual, visualize

from rnn_tui.engine.corpus import Corpus, Sentence
from rnn_tui.engine.rnn import Model, Params
from rnn_tui.ui.render import partial
from rnn_tui.ui.render.changed import changed_spans
from rnn_tui.ui.session import Session
from rnn_tui.ui.widgets.equation import Equation
from rnn_tui.ui.widgets.hidden import HiddenState
from rnn_tui.ui.widgets.output import Output
from rnn_tui.ui.widgets.pane import Pane

from helpers import drive

BOLD, BLUE = Style(bold=True), Style(color="blue")


def cells(segments: list[Segment]) -> list[tuple[str, Style | None]]:
    return [(c, s.style) for s in segments for c in s.text]


# ---- which cells changed ------------------------------------------------------------------------

def test_the_same_line_changes_nothing():
    line = [Segment("  1 "), Segment("+0.25", BOLD)]
    assert changed_spans(line, list(line)) == []


def test_a_digit_that_changed_is_all_that_is_written():
    old = [Segment("  1 "), Segment("+0.25", BOLD), Segment("   ·")]
    new = [Segment("  1 "), Segment("+0.29", BOLD), Segment("   ·")]
    assert changed_spans(old, new) == [(8, 9)]


def test_a_new_colour_is_a_change_though_the_text_is_the_same():
    assert changed_spans([Segment("ab"), Segment("cd", BOLD)], [Segment("ab"), Segment("cd", BLUE)]) == [(2, 4)]


def test_runs_far_apart_are_written_apart_and_near_ones_together():
    old = [Segment("a" + " " * 30 + "b")]
    assert changed_spans(old, [Segment("x" + " " * 30 + "y")]) == [(0, 1), (31, 32)]
    assert changed_spans(old, [Segment("x   y" + " " * 26 + "b")]) == [(0, 5)]


def test_a_longer_line_writes_its_new_tail():
    assert changed_spans([Segment("abc")], [Segment("abcdef")]) == [(3, 6)]


def test_a_wide_character_repaints_the_whole_line():
    assert changed_spans([Segment("名前 a")], [Segment("名前 b")]) == [(0, 6)]


texts = st.text(alphabet="ab·│", min_size=1, max_size=6)
segments = st.lists(st.tuples(texts, st.sampled_from([None, BOLD, BLUE])), max_size=8).map(
    lambda parts: [Segment(text, style) for text, style in parts])


@given(segments, segments)
def test_every_cell_that_differs_is_inside_a_span(old, new):
    spans = changed_spans(old, new)
    a, b = cells(old), cells(new)
    for x in range(max(len(a), len(b))):
        if (a[x] if x < len(a) else None) != (b[x] if x < len(b) else None):
            assert any(start <= x < end for start, end in spans), (x, spans)
    assert all(start < end for start, end in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))


# ---- on screen ---------------------------------------------------------------------------------

WORDS = "hi my name is barry".split()
CORPUS = Corpus((Sentence(" ".join(WORDS)),), "test")
VOCAB = CORPUS.vocab
WIDE = Model(Params.init(VOCAB.size, 1024, VOCAB.size + 1, seed=5), VOCAB, VOCAB.tokens + ("<eos>",), name="wide")


def test_at_h_1024_a_step_draws_only_the_rows_on_screen_and_repaints_only_what_changed():
    async def script(pilot, app):
        await pilot.press("right", "down")  # t=2, its first sub-step: W_ih x₂ and "·" in the other columns
        equation, hidden = app.screen.query_one(Equation), app.screen.query_one(HiddenState)
        for pane in (equation, hidden):
            assert len(pane._content) == 1025  # a head line and 1,024 rows, laid out
            assert len(pane._content._drawn) < 40  # of which about a dozen are drawn
        refreshed: list[Region] = []
        refresh = equation.refresh

        def spy(*regions: Region, **kwargs: object) -> object:
            refreshed.extend(regions)
            return refresh(*regions, **kwargs)

        equation.refresh = spy  # type: ignore[method-assign]
        await pilot.press("down")  # + W_hh h₁: that column gets its numbers, W_ih x₂'s is no longer lit
        rows = [r for r in refreshed if r.y >= 1 and r.height == 1]  # unit rows on screen (not the title, head)
        assert len(rows) >= 8, refreshed
        head = equation.render_line(0).text
        start, end = head.index("W_ih x₂") - 1, head.index("W_hh h₁") + len("W_hh h₁")
        assert all(start <= r.x and r.right <= end for r in rows), (head, rows)  # not b, sum, tanh
        assert all(r.y > 10 for r in refreshed if r.height > 1)  # the rows below: marked stale, not written
        assert len(equation._content._drawn) < 40
    drive("unroll", script, Session(corpus=CORPUS, weights=WIDE))


def test_whole_segments_repaints_the_run_a_changed_character_is_in():
    old = [Segment(" rnn-tui ", BOLD), Segment("│ t=2/5 ", BLUE), Segment("│ hi")]
    new = [Segment(" rnn-tui ", BOLD), Segment("│ t=3/5 ", BLUE), Segment("│ hi")]
    assert changed_spans(old, new) == [(13, 14)]
    assert changed_spans(old, new, whole_segments=True) == [(9, 17)]


def test_a_step_keeps_the_lines_it_did_not_change_and_draws_the_rest_as_a_fresh_pane_would():
    async def script(pilot, app):
        await pilot.press("right", "right", "left")  # t=2, drawn after t=3: lines kept from t=3 and new ones
        for pane in app.screen.query(Pane):
            kept = {y: strip for y, strip in pane._strips.items()}
            pane._content, pane._strips, pane._kept = None, {}, {}  # as a pane drawing t=2 first
            pane._draw(pane.state)
            for y, strip in kept.items():
                assert list(strip) == list(pane.render_line(y)), (type(pane).__name__, y)
            text = pane.render()  # lines that fit: drawn without Textual's word wrapping, the same
            textual = Visual.to_strips(pane, visualize(pane, text), pane.size.width, None, pane.visual_style)
            assert [list(s) for s in pane._to_strips(text, None)] == [list(s) for s in textual]
        output = app.screen.query_one(Output)
        before = dict(output._strips)
        await pilot.press("right")
        kept = [y for y, strip in output._strips.items() if strip is before.get(y)]
        assert 1 <= len(kept) < len(output._strips), (kept, len(output._strips))  # a 0% row kept; the rest drawn

    drive("unroll", script)


def test_a_partial_update_writes_what_textuals_own_writes():
    async def script(pilot, app):
        await pilot.press("right", "down")
        compositor, console = app.screen._compositor, app.console
        width, height = app.size
        areas = [  # a digit, a pane's rows, lines across panes, all of it
            [Region(20, 10, 1, 1)], [Region(2, 11, 30, 4), Region(50, 12, 5, 1)],
            [Region(0, y, width, 1) for y in range(0, height, 3)], [Region(0, 0, width, height)],
        ]
        for regions in areas:
            updates = []
            for render in (partial._render_partial_update, partial._ORIGINAL_PARTIAL):
                for widget in app.screen.query("*"):
                    widget._styles_cache.clear()  # both drawn from scratch
                compositor._dirty_regions.update(regions)
                updates.append(render(compositor).render_segments(console))
            assert updates[0] == updates[1], regions

    drive("unroll", script)


def test_a_shorter_border_title_repaints_the_cells_its_old_ending_held():
    """Seen at 120x40 with a 1,054-word model: 'one-hot x₃: word 2 of 1,054 (index 1)───)──', the
    old title's last ')' left on the border when the title shrank (both end in ')')."""
    from rnn_tui.ui.widgets.pane import _changed_cells

    old, new = "one-hot x₁: word 1,054 of 1,054 (index 1,053)", "one-hot x₃: word 2 of 1,054 (index 1)"
    start, end = _changed_cells(old, new, 80)
    assert start == len("one-hot x") and end == len(old)   # through the old ')'
    assert _changed_cells("h₁ = tanh(W x₁)", "h₂ = tanh(W x₂)", 80) == (1, 14)  # same length: the ')' stays
