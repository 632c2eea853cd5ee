"""PCA and the read-out at every step (engine/projection.py); the braille canvas (widgets/braille.py)."""

import numpy as np
import pytest

from rnn_tui.engine.models import load_model
from rnn_tui.engine.projection import PCA, fit_pca
from rnn_tui.engine.rnn import readout
from rnn_tui.engine.topologies import topology_by_name
from rnn_tui.engine.trace import run
from rnn_tui.ui.render.braille import BLANK, Canvas, Plot, to_dots

# ---- PCA ----

def stretched_cloud(seed=0, n=400):
    """Points spread 10 along (1, 1, 0)/√2, 2 along (1, -1, 0)/√2, 0.1 along z, around (5, -3, 1)."""
    rng = np.random.default_rng(seed)
    a = np.array([1.0, 1.0, 0.0]) / np.sqrt(2)
    b = np.array([1.0, -1.0, 0.0]) / np.sqrt(2)
    c = np.array([0.0, 0.0, 1.0])
    coords = rng.standard_normal((n, 3)) * [10.0, 2.0, 0.1]
    return coords @ np.stack([a, b, c]) + [5.0, -3.0, 1.0], a, b


def test_pca_finds_the_directions_of_largest_spread_in_order():
    X, a, b = stretched_cloud()
    pca = fit_pca(X, k=2)
    assert pca.components.shape == (2, 3)
    assert abs(pca.components[0] @ a) == pytest.approx(1.0, abs=1e-3)
    assert abs(pca.components[1] @ b) == pytest.approx(1.0, abs=1e-2)
    assert pca.components @ pca.components.T == pytest.approx(np.eye(2))
    assert pca.explained[0] > pca.explained[1] > 0
    assert pca.explained.sum() <= 1.0


def test_pca_of_points_on_a_line_explains_everything_with_one_direction():
    t = np.linspace(-3, 3, 7)[:, None]
    X = t * np.array([[3.0, 4.0]]) / 5 + [1.0, 2.0]
    pca = fit_pca(X, k=2)
    assert pca.components[0] == pytest.approx([0.6, 0.8])
    assert pca.explained == pytest.approx([1.0, 0.0], abs=1e-12)
    assert pca.project(X)[:, 0] == pytest.approx(t[:, 0])


def test_projection_of_the_mean_is_zero():
    X, _, _ = stretched_cloud(seed=1)
    pca = fit_pca(X)
    assert pca.project(X.mean(axis=0)) == pytest.approx([0.0, 0.0], abs=1e-9)
    assert pca.project(X).mean(axis=0) == pytest.approx([0.0, 0.0], abs=1e-9)


def test_sign_is_deterministic_largest_entry_positive():
    X, _, _ = stretched_cloud(seed=2)
    first, again, mirrored = fit_pca(X), fit_pca(X.copy()), fit_pca(-X)
    assert first.components == pytest.approx(again.components)
    assert mirrored.components == pytest.approx(first.components)  # -X has the same directions
    for row in first.components:
        assert row[np.argmax(np.abs(row))] > 0


def test_flipped_reverses_one_direction_only():
    X, _, _ = stretched_cloud(seed=3)
    pca = fit_pca(X)
    flipped = pca.flipped(0)
    assert flipped.project(X)[:, 0] == pytest.approx(-pca.project(X)[:, 0])
    assert flipped.project(X)[:, 1] == pytest.approx(pca.project(X)[:, 1])


def test_k_beyond_the_rank_gives_zero_directions():
    pca = fit_pca(np.array([[1.0, 2.0, 3.0]]), k=2)  # one point: nothing varies
    assert isinstance(pca, PCA)
    assert pca.components[1] == pytest.approx([0.0, 0.0, 0.0])
    assert pca.explained == pytest.approx([0.0, 0.0])
    with pytest.raises(ValueError):
        fit_pca(np.zeros((0, 3)))


def test_readout_at_every_step_matches_the_trace_where_it_has_an_output():
    model = load_model("sentiment")
    words = "i love this movie".split()
    many = run(model, words, topology_by_name("many-to-many"))  # an output at every step
    probs = readout(model.params, many.hidden_states)
    assert probs.shape == (4, len(model.labels))
    for step, row in zip(many.steps, probs, strict=True):
        assert row == pytest.approx(step.y, abs=1e-12)
    one = run(model, words, topology_by_name("many-to-one"))
    assert readout(model.params, one.hidden_states)[-1] == pytest.approx(one.steps[-1].y, abs=1e-12)


# ---- braille ----

def test_single_dots_map_to_unicode_braille_bits():
    for (x, y), char in {(0, 0): "\u2801", (1, 0): "\u2808", (0, 3): "\u2840", (1, 3): "\u2880",
                         (0, 1): "\u2802", (0, 2): "\u2804", (1, 1): "\u2810", (1, 2): "\u2820"}.items():
        canvas = Canvas(1, 1)
        canvas.set(x, y)
        assert canvas.rows() == [char], (x, y)


def test_dots_combine_within_a_cell_and_move_to_the_right_cell():
    canvas = Canvas(2, 2)
    for x in range(2):
        for y in range(4):
            canvas.set(x, y)
    canvas.set(2, 4)  # top-left dot of the bottom-right cell
    assert canvas.rows() == ["\u28ff" + BLANK, BLANK + "\u2801"]
    assert canvas.get(2, 4) and not canvas.get(3, 4)


def test_out_of_bounds_dots_are_ignored():
    canvas = Canvas(2, 1)
    for x, y in [(-1, 0), (0, -1), (4, 0), (0, 4), (100, 100)]:
        canvas.set(x, y)
        assert not canvas.get(x, y)
    assert canvas.rows() == [BLANK * 2]


def test_rows_are_all_braille_and_render_as_text():
    canvas = Canvas(3, 2)
    canvas.line(0, 0, 5, 7)
    assert all("\u2800" <= ch <= "\u28ff" for row in canvas.rows() for ch in row)
    assert [t.plain for t in canvas.render()] == canvas.rows()
    assert canvas.get(0, 0) and canvas.get(5, 7)


def test_to_dots_puts_low_bottom_left_high_top_right_and_clamps():
    dots = to_dots(np.array([[0.0, 0.0], [1.0, 1.0], [0.5, 0.5], [9.0, -9.0]]), [0, 0], [1, 1], 10, 8)
    assert dots.tolist() == [[0, 7], [9, 0], [4, 4], [9, 7]]


def test_plot_layers_later_marks_over_earlier_dots():
    canvas = Canvas(3, 1)
    canvas.set(0, 0)
    canvas.set(2, 0)
    plot = Plot(3, 1)
    plot.draw(canvas)
    plot.mark(1, 0, "+")
    plot.mark(5, 5, "x")  # outside: ignored
    assert [t.plain for t in plot.render()] == ["\u2801+ "]
    plot.mark(0, 0, "−")
    assert plot.render()[0].plain == "−+ "


# ---- the sentiment map ----

def test_hidden_states_side_by_side_are_the_cells_one_sentence_at_a_time():
    """Every sentence stepped at once (in blocks, longest first) gives each sentence's h_1..h_T as
    cells.forward does, sentence by sentence: over the test split, and with words no vocabulary row reads."""
    from rnn_tui.engine.cells import forward
    from rnn_tui.engine.models import sentiment_split
    from rnn_tui.engine.projection import BLOCK, hidden_states
    from rnn_tui.engine.rnn import Model, Params
    from rnn_tui.engine.text import Vocabulary

    model = load_model("sentiment")
    sentences = [s.words for s in sentiment_split("test").sentences]
    assert len(sentences) > BLOCK
    for words, h in zip(sentences, hidden_states(model, sentences), strict=True):
        expected = np.stack([s.h for s in forward(model.params, model.vocab.encode(words))])
        np.testing.assert_allclose(h, expected, rtol=0, atol=1e-12)
    # a vocabulary without <unk>: an unknown word is the zero vector, as the cell reads None
    vocab = Vocabulary(("good", "film"))
    bare = Model(Params.init(2, 3, 2, seed=1), vocab, ("negative", "positive"))
    words = [("good", "zorbly", "film"), ("film",), ("zorbly",)]
    for w, h in zip(words, hidden_states(bare, words), strict=True):
        expected = np.stack([s.h for s in forward(bare.params, vocab.encode(w))])
        np.testing.assert_allclose(h, expected, rtol=0, atol=1e-12)


def test_pca_of_many_points_from_the_scatter_matrix_is_the_svds():
    """More points than dimensions: the directions come from XᵀX; they are the SVD's."""
    rng = np.random.default_rng(4)
    X = rng.standard_normal((500, 6)) * [5.0, 3.0, 2.0, 1.0, 0.5, 0.1] @ np.linalg.qr(rng.standard_normal((6, 6)))[0]
    pca = fit_pca(X, k=3)
    _, s, vt = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)
    for got, want in zip(pca.components, vt[:3], strict=True):
        assert abs(got @ want) == pytest.approx(1.0, abs=1e-10)
    assert pca.explained == pytest.approx(s[:3] ** 2 / np.sum(s ** 2), abs=1e-12)
