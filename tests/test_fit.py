"""Lines that fit (render.fit): the parts of a status, title or caption line are cut in their
order, each with a visible "…", and never past the width; what must stay stays."""

from __future__ import annotations

from hypothesis import given, strategies as st
from rich.text import Text

from rnn_tui.ui.render.fit import Part, cut_to, fit

WORDS = st.text(alphabet="abcdé漢 ", min_size=0, max_size=30)
PARTS = st.lists(st.tuples(WORDS, st.integers(0, 4), st.integers(0, 12)), min_size=1, max_size=6)


@given(PARTS, st.integers(1, 120))
def test_a_fitted_line_never_passes_its_width_and_is_whole_when_it_can_be(parts, width) -> None:
    items = [Part(text, cut, keep) for text, cut, keep in parts]
    whole = "".join(text for text, _, _ in parts)
    line = fit(items, width)
    assert line.cell_len <= width
    if Text(whole).cell_len <= width:
        assert line.plain == whole
    else:
        assert line.plain != whole


def test_parts_are_cut_in_their_order_and_only_as_much_as_needed() -> None:
    parts = [" rnn-tui ", "│ ", Part("sentence ", cut=2, keep=0), "1/3: ", Part("Hi my name is Barry", cut=3, keep=8),
             " │ ", Part("lecture-next-word", cut=4, keep=8), " (H=8", Part(", Elman, trained for many-to-many)", 1, 1)]
    assert fit(parts, 200).plain == " rnn-tui │ sentence 1/3: Hi my name is Barry │ lecture-next-word (H=8, Elman, " \
                                    "trained for many-to-many)"
    # The details go first, and only as far as needed; then the word "sentence" altogether, and what
    # that leaves over goes back to the details
    assert fit(parts, 80).plain == " rnn-tui │ sentence 1/3: Hi my name is Barry │ lecture-next-word (H=8, Elman, t…"
    assert fit(parts, 66).plain == " rnn-tui │ 1/3: Hi my name is Barry │ lecture-next-word (H=8, Elm…"
    # then the sentence (to 8 cells), then the model's name: each ends in "…"
    assert fit(parts, 50).plain == " rnn-tui │ 1/3: Hi my n… │ lecture-next-word (H=8…"
    assert fit(parts, 43).plain == " rnn-tui │ 1/3: Hi my n… │ lecture-n… (H=8…"
    assert fit(parts, 10).plain == " rnn-tui …"


def test_cut_to_ends_in_an_ellipsis_and_counts_wide_characters() -> None:
    assert cut_to(Text("negative"), 8).plain == "negative"
    assert cut_to(Text("negative"), 7).plain == "negati…"
    assert cut_to(Text("漢字漢字"), 5).cell_len <= 5 and cut_to(Text("漢字漢字"), 5).plain.endswith("…")
