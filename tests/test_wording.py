"""One rounding rule for every figure on screen: half up, as on paper, never Python's
round-half-even; and a value that rounds to zero has no sign."""

from __future__ import annotations

from hypothesis import given, strategies as st

from rnn_tui.engine.corpus import Corpus, Sentence
from rnn_tui.engine.padding import padding_cost
from rnn_tui.ui.render.bars import fmt
from rnn_tui.ui.state.wording import fixed, pct, percent, signed


def test_halves_round_up():
    assert (f"{0.875:.0%}", f"{0.125:.2f}") == ("88%", "0.12")  # Python: half to even, and 0.125 a hair below
    assert percent(0.875) == "88%" and percent(0.925) == "93%" and percent(0.285) == "29%"
    assert pct(0.875) == "88%" and pct(0.925) == "93%"
    assert signed(0.125) == "+0.13" and signed(-0.125) == "-0.13" and fixed(2.825) == "2.83"


def test_a_one_hot_of_eight_is_88_percent_zeros_and_three_words_padded_to_five_93():
    corpus = Corpus((Sentence("a b c d e"), Sentence("f g h")))  # 8 words: V = 9 with <unk>
    cost = padding_cost(corpus, V=8, hidden=4)                       # the board's V = 8
    assert cost.sparsity == 0.875 and pct(cost.sparsity) == "88%"
    assert pct(1 - 3 / 40) == "93%"  # sentence 2: 3 ones in 5 x 8 cells


def test_zero_has_no_sign():
    assert signed(-0.004) == " 0.00" and signed(0.004) == " 0.00" and fmt(-0.0) == " 0.00"
    assert fixed(-0.001) == "0.00"


@given(st.floats(-1e6, 1e6, allow_nan=False))
def test_signed_is_five_wide_or_more_and_never_minus_zero(x):
    text = signed(x)
    assert "-0.00" not in text and len(text) >= 5
    assert text[0] in "+- " and (text[0] == " ") == (text.strip() == "0.00")
