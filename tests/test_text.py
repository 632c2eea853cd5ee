"""Tokenizer and vocabulary: what the board's words become before the network sees them."""

import string
import unicodedata

import numpy as np
from hypothesis import given, settings, strategies as st

from rnn_tui.engine import EOS, LECTURE_CORPUS, UNK, Vocabulary, tokenize

LECTURE_WORDS = ("hi", "my", "name", "is", "barry", "i", "love", "ai")


# --- tokenize ------------------------------------------------------------------------------

def test_tokenize_lowercases_and_splits_on_whitespace_and_punctuation():
    assert tokenize("Hi my name is Barry") == ["hi", "my", "name", "is", "barry"]
    assert tokenize("  Hi,my\tname...is\nBarry!  ") == ["hi", "my", "name", "is", "barry"]
    assert tokenize("don't-stop (now); ok?") == ["don", "t", "stop", "now", "ok"]


def test_tokenize_keeps_letters_of_any_script_and_digits():
    assert tokenize("Héllo, wörld! 42 日本語") == ["héllo", "wörld", "42", "日本語"]
    assert tokenize("ΣΟΦΙΑ Привет") == ["σοφια", "привет"]
    assert tokenize("room 101, floor 3") == ["room", "101", "floor", "3"]


def test_tokenize_keeps_combining_marks_inside_words():
    # Devanagari and Thai vowel signs and Arabic harakat are combining marks, not letters:
    # a word must not be cut at them.
    assert tokenize("नमस्ते दुनिया") == ["नमस्ते", "दुनिया"]
    assert tokenize("สวัสดี ครับ") == ["สวัสดี", "ครับ"]
    assert tokenize("مَرْحَبًا") == ["مَرْحَبًا"]


def test_tokenize_treats_decomposed_and_composed_accents_alike():
    composed = "Héllo wörld"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert tokenize(decomposed) == tokenize(composed) == ["héllo", "wörld"]


def test_tokenize_splits_on_non_ascii_punctuation():
    assert tokenize("«quoted» — text。中文、日本") == ["quoted", "text", "中文", "日本"]


def test_tokenize_markup_looking_text_gives_plain_words():
    assert tokenize("[red]alarm[/red] [bold]x[/]") == ["red", "alarm", "red", "bold", "x"]


def test_tokenize_underscore_separates_words():
    assert tokenize("snake_case_name") == ["snake", "case", "name"]


def test_tokenize_no_words():
    assert tokenize("") == []
    assert tokenize("  ,.!?  \t\n ---") == []


# Text drawn from every category, including marks, symbols and separators.
any_text = st.text(max_size=60)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_tokens_are_single_lowercase_words(text):
    for tok in tokenize(text):
        assert tok
        assert tokenize(tok) == [tok]  # a token re-read is itself: one word, already lowercased
        assert not any(ch.isspace() for ch in tok)
        assert not set(tok) & set(string.punctuation)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_tokenize_is_stable_when_tokens_are_rejoined(text):
    words = tokenize(text)
    assert tokenize(" ".join(words)) == words
    assert tokenize(", ".join(words)) == words


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=8), max_size=8),
       st.sampled_from([" ", ",", "! ", "\t", "--", "_", "[/]"]))
def test_tokenize_ascii_words_with_any_separator(words, sep):
    assert tokenize(sep.join(words)) == [w.lower() for w in words]


# --- Vocabulary ----------------------------------------------------------------------------

def test_lecture_corpus_counts():
    assert LECTURE_CORPUS.token_count == 12
    vocab = LECTURE_CORPUS.vocab
    assert vocab.words == LECTURE_WORDS
    assert len(vocab.words) == 8
    assert vocab.size == 9
    assert vocab.tokens == LECTURE_WORDS + (UNK,)


def test_vocabulary_first_seen_order_with_unk_last():
    vocab = Vocabulary.build([["b", "a", "b"], ["c", "a"], ["d"]])
    assert vocab.tokens == ("b", "a", "c", "d", UNK)
    assert [vocab.index(w) for w in ("b", "a", "c", "d")] == [0, 1, 2, 3]


def test_vocabulary_moves_a_literal_unk_to_the_end():
    assert Vocabulary.build([["x", UNK, "y"]]).tokens == ("x", "y", UNK)


def test_unknown_word_maps_to_unk_index():
    vocab = LECTURE_CORPUS.vocab
    assert vocab.index("zebra") == 8 == vocab.index(UNK)
    assert vocab.shown("zebra") == UNK
    assert vocab.shown("barry") == "barry"
    assert "barry" in vocab and "zebra" not in vocab
    assert vocab.encode(["hi", "zebra", "ai"]) == [0, 8, 7]


def test_words_exclude_special_tokens():
    vocab = Vocabulary(("a", "b", UNK, EOS))
    assert vocab.words == ("a", "b")
    assert vocab.size == 4


def test_one_hot():
    vocab = LECTURE_CORPUS.vocab
    np.testing.assert_array_equal(vocab.one_hot("name"), [0, 0, 1, 0, 0, 0, 0, 0, 0])
    np.testing.assert_array_equal(vocab.one_hot("zebra"), [0, 0, 0, 0, 0, 0, 0, 0, 1])


def test_vocabulary_without_unk_reads_unknown_word_as_zero_vector():
    vocab = Vocabulary(("a", "b"))
    assert vocab.index("zebra") is None
    np.testing.assert_array_equal(vocab.one_hot("zebra"), [0, 0])
    np.testing.assert_array_equal(vocab.bag_of_words(["a", "zebra", "a"]), [2, 0])


def test_bag_of_words_counts_and_forgets_order():
    vocab = LECTURE_CORPUS.vocab
    a = vocab.bag_of_words(["my", "name", "is", "barry"])
    b = vocab.bag_of_words(["barry", "is", "my", "name"])
    np.testing.assert_array_equal(a, [0, 1, 1, 1, 1, 0, 0, 0, 0])
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(vocab.bag_of_words(["ai", "ai", "zebra"]), [0, 0, 0, 0, 0, 0, 0, 2, 1])


word = st.text(alphabet="abcdefgh", min_size=1, max_size=3)
sentences = st.lists(st.lists(word, max_size=6), max_size=6)


@settings(max_examples=200, deadline=None)
@given(sentences, st.lists(word, max_size=8))
def test_vocabulary_properties(sents, probe):
    vocab = Vocabulary.build(sents)
    seen = list(dict.fromkeys(w for s in sents for w in s))
    assert vocab.tokens == tuple(seen) + (UNK,)
    assert len(set(vocab.tokens)) == vocab.size
    for i, tok in enumerate(vocab.tokens):
        assert vocab.index(tok) == i
        x = vocab.one_hot(tok)
        assert x.shape == (vocab.size,) and x.sum() == 1 and x[i] == 1
    bag = vocab.bag_of_words(probe)
    assert bag.sum() == len(probe)
    np.testing.assert_array_equal(bag, sum((vocab.one_hot(w) for w in probe), np.zeros(vocab.size)))
    for w in probe:
        assert vocab.index(w) == (seen.index(w) if w in seen else vocab.size - 1)
