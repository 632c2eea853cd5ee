"""One SVG snapshot per demo scene at 80x24 (pytest-textual-snapshot). Regenerate deliberately
with `pytest tests/test_snapshots_demo.py --snapshot-update` after a change you have looked at."""


from helpers import app_on

SIZE = (80, 24)


def test_topologies_encoder_decoder_in_the_decoder(snap_compare):
    """Encoder-decoder chosen, stepped to its first output: no output while reading, outputs
    after, the untrained warning, the diagram lit."""
    assert snap_compare(app_on("topologies"), press=["5", *["right"] * 6], terminal_size=SIZE)


def test_sentiment_after_four_words(snap_compare):
    """The first test sentence after four words: P(positive) per word, h_4, the path on the map."""
    assert snap_compare(app_on("sentiment"), press=["right"] * 4, terminal_size=SIZE)
