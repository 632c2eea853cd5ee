"""The One-hot, Flatten, Padding and Order scenes, driven with Pilot at 80x24: the numbers on
screen are the engine's, for the lecture corpus and for a corpus of one's own.
(No pytest-asyncio here: each test runs its coroutine with asyncio.run.)"""

from __future__ import annotations

import io
from itertools import pairwise

from rich.console import Console

from rnn_tui.engine import LECTURE_CORPUS, Corpus, Sentence
from rnn_tui.engine.order import order_pair, order_test
from rnn_tui.engine.padding import flattened_sizes, padded_matrix, padding_cost, param_growth, rejections
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.ui.render.bars import fmt
from rnn_tui.ui.scenes.flatten import FlattenScene
from rnn_tui.ui.session import Session

from helpers import drive

SIZE = (80, 24)
LESSON = ["flatten", "padding", "order"]  # One-hot: every step is checked in its own test below




def board(app, id: str) -> str:
    """A board's text as drawn on screen: at the width Textual gave it."""
    widget = app.screen.query_one(f"#{id}")
    assert widget.display, f"#{id} is hidden"
    return widget.draw(widget.size.width).plain


def caption(app) -> str:
    return str(app.screen.query_one("#scene-caption").render())


def drawn_lines(widget) -> list[str]:
    """The board's lines as Rich lays them out at the board's width (wrapping or cropping)."""
    console = Console(width=widget.size.width, file=io.StringIO(), color_system=None)
    drawing = widget.draw(widget.size.width)
    return ["".join(seg.text for seg in line)
            for line in console.render_lines(drawing, console.options, pad=False)]


def assert_fits(app) -> None:
    """Nothing scrolls at 80x24, boards shown are one line apart, and every word drawn reaches
    the screen whole: none is cropped at the edge or broken across lines."""
    body = app.screen.query_one("#scene-body")
    assert body.max_scroll_y == 0, f"{app.screen.NAME} step {app.screen.state.step} scrolls at 80x24"
    shown = [widget for widget in app.screen.query("Board") if widget.display]
    for above, below in pairwise(shown):
        assert below.region.y == above.region.bottom + 1, "boards are one blank line apart"
    for widget in app.screen.query("Board"):
        if widget.display:
            shown = drawn_lines(widget)
            assert all(len(line) <= widget.size.width for line in shown)
            meant = widget.draw(widget.size.width).plain
            assert sorted(" ".join(shown).split()) == sorted(meant.split()), meant


async def press(pilot, key: str, times: int = 1) -> None:
    for _ in range(times):
        await pilot.press(key)
    await pilot.pause()


# ---- One-hot ----

def test_onehot_counts_tokens_and_unique_words_as_it_reads():
    words = [w for s in LECTURE_CORPUS.sentences for w in s.words]
    vocab = LECTURE_CORPUS.vocab

    async def script(pilot, app):
        assert app.screen.state.last_step == LECTURE_CORPUS.token_count == 12
        assert "no token read yet (12 to read)" in board(app, "sentences")
        assert_fits(app)
        assert caption(app).strip()
        for k in range(1, len(words) + 1):
            await press(pilot, "right")
            unique = len(set(words[:k]))
            text = board(app, "sentences")
            assert f"token {k} of 12 · vocabulary so far: {unique} unique word" in text
            # the vocabulary so far, in first-seen order, with indices
            entries = [f"{i} {w}" for i, w in enumerate(vocab.words[:unique])]
            assert "  ".join(entries) in board(app, "vocabulary")
            # the one-hot vector: every vocabulary word labelled, the 1 where the engine puts it
            vector = board(app, "vector").split("\n")
            word_row = next(l for l in vector if l.startswith("word"))
            x_row = next(l for l in vector if l.startswith("x "))
            assert word_row.split("(dim")[0].split()[1:] == list(vocab.tokens)
            assert [int(v) for v in x_row.split()[1:]] == list(vocab.one_hot(words[k - 1]).astype(int))
            assert_fits(app)
            assert caption(app).strip()
        truth = board(app, "truth")
        assert "12 tokens (the board's 12) · 8 unique words · V = 9 with <unk>" in truth
        assert len(vocab.words) == 8 and vocab.size == 9

    drive("onehot", script)


def test_onehot_captions_say_new_or_seen_before():
    async def script(pilot, app):
        await press(pilot, "right", 3)
        assert caption(app) == "'name' is new: it gets index 2; its one-hot vector has a 1 in column 2."
        await press(pilot, "right", 6)  # token 9: "barry" again
        assert caption(app).startswith("'barry' again: it keeps index 4")
        await press(pilot, "end")
        assert "12 tokens" in caption(app) and "8 unique words" in caption(app) and "V = 8 + <unk> = 9" in caption(app)
        await press(pilot, "left")
        assert app.screen.state.step == 11 and not app.screen.query_one("#truth").display

    drive("onehot", script)


def test_pagedown_from_onehot_goes_to_flatten():
    async def script(pilot, app):
        assert app.current_mode == "onehot"
        await press(pilot, "pagedown")
        assert app.current_mode == "flatten"
        assert isinstance(app.screen, FlattenScene)

    drive("onehot", script)


# ---- Flatten ----

def test_flatten_shows_the_boards_and_the_true_sizes_and_the_size_error():
    corpus = LECTURE_CORPUS
    # the true V is One-hot's and the model's: 8 words + <unk> = 9
    board_sizes, true_sizes = flattened_sizes(corpus, 12), flattened_sizes(corpus, 9)
    assert (board_sizes, true_sizes) == ([60, 36, 48], [45, 27, 36])

    async def script(pilot, app):
        assert app.session.model().vocab.size == 9
        table = board(app, "table")
        for T, b, t in zip(corpus.lengths, board_sizes, true_sizes, strict=True):
            assert f"{T} × 12 = {b}" in table and f"{T} × 9 = {t}" in table
        layer = board(app, "layer")
        assert "60 inputs" in layer and "45 inputs" in layer
        assert "the true V = 9 (8 unique words + <unk>, as in One-hot)" in layer

        await press(pilot, "right")
        assert "✓ OK: 60 inputs" in board(app, "layer")
        assert "input size error" not in board(app, "layer")

        for r_board, r_true in zip(rejections(corpus, 12), rejections(corpus, 9), strict=True):
            await press(pilot, "right")
            layer = board(app, "layer")
            assert f"✗ input size error: expected {r_board.expected} inputs, got {r_board.got}" in layer
            assert f"(true V: expected {r_true.expected}, got {r_true.got})" in layer
            assert f"input size error: expected {r_board.expected} inputs, got {r_board.got}" in caption(app)
            assert "✗ size error" in board(app, "table")
            assert_fits(app)

        await press(pilot, "right")  # the summary
        assert app.screen.state.step == app.screen.state.last_step == 4
        assert caption(app).startswith("2 of 3 sentences rejected")
        assert board(app, "table").count("✗ size error") == 2

    drive("flatten", script)


# ---- Padding ----

def test_padding_draws_each_sentence_padded_and_the_share_of_zeros():
    corpus = LECTURE_CORPUS
    X = padded_matrix(corpus, 9)

    async def script(pilot, app):
        model = app.session.model()
        H, V = model.hidden_size, model.vocab.size
        assert V == 9  # the V of One-hot and of the model on screen
        cost = padding_cost(corpus, V, H)
        assert (cost.cells, cost.ones, cost.word_zeros, cost.pad_zeros) == (135, 12, 96, 27)
        for n, sentence in enumerate(corpus.sentences):
            grid = board(app, "grid").split("\n")
            rows = [l for l in grid if l.split() and (l.split()[0] in sentence.words or l.split()[0] == "pad")
                    and set(l.split()[1:2]) <= {"0", "1"}]
            assert len(rows) == 5  # T_max
            pad = 5 - len(sentence.words)
            assert sum(r.split()[0] == "pad" for r in rows) == pad
            for t, r in enumerate(rows):
                cells = [int(v) for v in r.split()[1:10]]
                assert cells == list(X[n, t].astype(int))
            # one-hot's own zeros apart from padding's, for the sentence and for all
            words = len(sentence.words)
            assert f"this sentence: {words} ones · {words * 8} one-hot zeros · {pad * 9} padding zeros" in board(
                app, "grid")
            assert "all 3: 12 ones · 96 one-hot zeros (89% of word rows) · 27 of padding" in board(app, "grid")
            assert f"{pad * 9} zeros of padding" in caption(app) if pad else "no padding" in caption(app)
            assert_fits(app)
            await press(pilot, "right")

        cost_text = board(app, "cost")
        # the headline: the multiply-adds spent on padding
        assert cost_text.startswith(f"padding's cost: {cost.macs_on_padding:,} of {cost.macs_total:,} "
                                    "multiply-adds (20%) go on rows of zeros")
        assert "one-hot's own zeros    96  89% of the word rows" in cost_text
        assert "padding's zeros        27  20% of the matrix" in cost_text
        lines = cost_text.split("\n")
        for label, value in (("all slots", cost.macs_total), ("on padding", cost.macs_on_padding),
                             ("on words", cost.macs_on_words), ("on the 1s", cost.macs_nonzero)):
            row = next(l for l in lines if l.strip().startswith(label))
            assert f"{value:,}" in row.split()
        assert (cost.macs_total, cost.macs_on_padding) == (15 * 9 * H, 3 * 9 * H)
        for T, dense, rnn in param_growth(V, H):
            row = next(l for l in lines if l.split() and l.split()[0] == str(T))
            assert f"{dense:,}" in row and f"{rnn:,}" in row
        # the RNN's parameters are those of the model on screen (its recurrent layer)
        p = model.params
        assert rnn == p.W_ih.size + p.W_hh.size + p.b_ih.size + p.b_hh.size == 152
        assert caption(app).startswith(f"Padding costs a dense layer {cost.macs_on_padding:,} of its "
                                       f"{cost.macs_total:,} multiply-adds (20%) on zeros")
        assert_fits(app)

    drive("padding", script)


# ---- Order ----

def test_order_shows_the_same_bag_and_different_final_states():
    a, b = order_pair(LECTURE_CORPUS)
    assert (a, b) == (("my", "name", "is", "barry"), ("barry", "is", "my", "name"))

    async def script(pilot, app):
        test = order_test(app.session.model(topology_by_name("many-to-one")), a, b)
        pair = board(app, "pair")
        assert "A  my name is barry" in pair and "B  barry is my name" in pair
        # said truly: sentence 1 begins with "hi", left out here
        assert "sentences 1 and 3 of the corpus, 1 without 'hi'" in pair
        assert not app.screen.query_one("#bag").display
        assert "flattening forgets" not in app.screen.state.subtitle

        await press(pilot, "right")
        bag = board(app, "bag").split("\n")
        header = bag[1].split()
        row_a = [int(v) for v in next(l for l in bag if l.startswith("A ")).split()[1:]]
        row_b = [int(v) for v in next(l for l in bag if l.startswith("B ")).split()[1:]]
        assert header == list(app.session.model(topology_by_name("many-to-one")).vocab.tokens)
        assert row_a == row_b == list(test.bag.astype(int))
        assert test.same_bag and "= the same vector" in board(app, "bag")
        assert "The order is lost" in caption(app)

        await press(pilot, "right")  # flattened and padded: the order kept, a weight per slot
        flat = board(app, "flat").split("\n")
        assert flat[0] == "flattened, padded to T = 4 slots × V = 9 = 36 inputs"
        assert next(l for l in flat if l.startswith("A ")).split() == ["A", *a]
        assert next(l for l in flat if l.startswith("B ")).split() == ["B", *b]
        assert "≠ different inputs (distance 2.83)" in board(app, "flat")
        assert "'my' meets slot 1's weights in A (inputs 1–9), slot 3's in B (19–27):" in board(app, "flat")
        assert "the order is kept" in caption(app) and "grows with T (4 × 9 = 36)" in caption(app)
        assert_fits(app)

        await press(pilot, "right")
        states = board(app, "states").split("\n")
        for j, (ha, hb) in enumerate(zip(test.h_a, test.h_b, strict=True), 1):
            row = next(l for l in states if l.split()[0] == f"h{j}")
            numbers = [w for w in row.split() if w[0] in "+-" and w[1:2].isdigit() or w == "0.00"]
            assert numbers == [fmt(ha).strip(), fmt(hb).strip(), fmt(hb - ha).strip()]
        assert test.distance > 0.1
        assert f"distance ‖h_A − h_B‖ = {test.distance:.2f}: different states" in board(app, "states")
        ways = board(app, "ways")
        assert "bag of words  A = B" in ways and "flattened     A ≠ B" in ways and "RNN           h_A ≠ h_B" in ways
        assert "one set of weights for every step" in ways
        assert "'my' meets the same weights at step 1 and at step 3" in caption(app)
        assert_fits(app)

        await press(pilot, "right")
        assert "RNN: order kept, one set of weights shared across time" in caption(app)

    drive("order", script)


# ---- every scene ----

def test_every_step_fits_80x24_and_has_a_caption():
    """Flatten, Padding and Order in turn, in one app."""
    async def script(pilot, app):
        for scene in LESSON:
            app.switch_mode(scene)
            await pilot.pause()
            screen = app.screen
            for step in range(screen.state.last_step + 1):
                assert screen.state.step == step, scene
                assert_fits(app)
                assert caption(app).strip(), (scene, step)
                await press(pilot, "right")
            assert screen.state.step == screen.state.last_step, scene

    drive(LESSON[0], script)


def test_no_color_still_writes_every_sign(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")

    async def script(pilot, app):
        assert app.no_color
        await press(pilot, "end")
        rows = [l for l in board(app, "states").split("\n") if l.startswith("h")]
        for row in rows:
            assert sum(1 for w in row.split() if w[0] in "+-" and w[1:2].isdigit()) == 3

    drive("order", script)


# ---- a corpus of one's own ----

SMALL = Corpus((Sentence("The cat sat."), Sentence("The dog sat down!")), source="small.txt")


def test_a_custom_corpus_gets_its_own_figures():
    session = Session(corpus=SMALL)
    tokens, unique = SMALL.token_count, len(SMALL.vocab.words)
    assert (tokens, unique) == (7, 5)

    async def script(pilot, app):
        await press(pilot, "end")
        assert "token 7 of 7 · vocabulary so far: 5 unique words" in board(app, "sentences")
        truth = board(app, "truth")
        assert "7 tokens · 5 unique words · V = 6 with <unk>" in truth and "board's" not in truth
        assert_fits(app)

        await press(pilot, "pagedown")
        table = board(app, "table")
        assert flattened_sizes(SMALL, 7) == [21, 28] and flattened_sizes(SMALL, 6) == [18, 24]
        assert "3 × 7 = 21" in table and "4 × 7 = 28" in table and "3 × 6 = 18" in table and "4 × 6 = 24" in table
        await press(pilot, "right", 2)
        assert "✗ input size error: expected 21 inputs, got 28" in board(app, "layer")
        assert "✗ 7 too many" in board(app, "layer")

        await press(pilot, "pagedown")
        cost = padding_cost(SMALL, 6, app.session.model().hidden_size)
        assert f"all 2: {cost.ones} ones · {cost.word_zeros} one-hot zeros" in board(app, "grid")
        assert (cost.ones, cost.word_zeros, cost.pad_zeros) == (7, 35, 6)

        await press(pilot, "pagedown")
        a, b = order_pair(SMALL)
        test = order_test(app.session.model(topology_by_name("many-to-one")), a, b)
        await press(pilot, "end")
        assert f"{test.distance:.2f}" in board(app, "states")

    drive("onehot", script, session)


def test_a_wide_vocabulary_shows_the_hot_word_among_its_neighbours_and_where_it_sits():
    words = " ".join(f"word{i}" for i in range(40))
    corpus = Corpus((Sentence(words), Sentence("word3 word1")))

    async def script(pilot, app):
        await press(pilot, "right", 3)
        vector = board(app, "vector")
        V = corpus.vocab.size
        head = next(l for l in vector.split("\n") if l.startswith("word")).split("(dim")[0].split()[1:]
        assert "word2" in head and len(head) < V and head[-1] == "…"  # zero columns left out, marked
        assert {"word1", "word3"} <= set(head)  # the hot word between its neighbours
        assert "one-hot vector of 'word2': word 3 of 41 (index 2), 0 elsewhere" in vector
        x = next(l for l in vector.split("\n") if l.startswith("x ")).split()[1:]
        assert x[head.index("word2")] == "1" and x.count("1") == 1
        assert_fits(app)

    drive("onehot", script, Session(corpus=corpus))


# ---- help ----

def test_every_scenes_help_ends_with_its_own_paragraph():
    from rnn_tui.ui.scenes import NAMES
    from rnn_tui.ui.screens.help import ABOUT

    assert set(ABOUT) == set(NAMES)
    assert [name for name, text in ABOUT.items() if "timeline" in text] == ["unroll"]

    async def script(pilot, app):
        await press(pilot, "question_mark")
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "keys of the Order scene" in shown
        assert ABOUT["order"] in shown and "timeline" not in shown

    drive("order", script)
