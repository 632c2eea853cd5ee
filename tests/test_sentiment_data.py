"""The everyday sentiment data set (rnn_tui/engine/data/everyday_sentiment.csv): its size,
balance, coverage and splits, and that scripts/make_sentiment_data.py reproduces it."""

from __future__ import annotations

import csv
import importlib.util
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from rnn_tui.engine.text import tokenize as _tokenize

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "rnn_tui" / "engine" / "data" / "everyday_sentiment.csv"
PLAIN = ROOT / "tests" / "data" / "plain_sentences.csv"
SCRIPTS = ROOT / "scripts"


@cache
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_tokenize(text))


def tokenize(text: str) -> list[str]:
    return list(_tokens(text))


def _load(name: str):
    sys.path.insert(0, str(SCRIPTS))
    try:
        spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(SCRIPTS))


@pytest.fixture(scope="module")
def gen():
    return _load("make_sentiment_data")


@pytest.fixture(scope="module")
def generated(gen):
    return gen.generate()


@pytest.fixture(scope="module")
def rows():
    with DATA.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_script_reproduces_the_file_byte_for_byte(gen, generated):
    assert gen.to_csv(generated).encode("utf-8") == DATA.read_bytes()


def test_columns_labels_and_splits(rows):
    assert list(rows[0]) == ["text", "label", "split"]
    assert {r["label"] for r in rows} == {"0", "1"}
    assert {r["split"] for r in rows} == {"train", "val", "test"}


def test_size_and_balance_per_split(rows):
    assert len(rows) >= 3000
    counts = Counter((r["split"], r["label"]) for r in rows)
    for split in ("train", "val", "test"):
        neg, pos = counts[split, "0"], counts[split, "1"]
        assert abs(neg - pos) <= 3, (split, neg, pos)
    assert counts["val", "0"] + counts["val", "1"] >= 300
    assert counts["test", "0"] + counts["test", "1"] >= 300


def test_balance_per_domain(generated):
    counts = Counter((r["domain"], r["label"]) for r in generated if r["domain"] != "lecture")
    domains = {d for d, _ in counts}
    assert len(domains) >= 10
    for d in domains:
        assert counts[d, 0] == counts[d, 1] >= 150, d
        for split in ("val", "test"):
            per = Counter(r["label"] for r in generated if r["domain"] == d and r["split"] == split)
            assert per[0] == per[1] > 0, (d, split)


def test_sentences_are_3_to_15_words(rows):
    lengths = [len(tokenize(r["text"])) for r in rows]
    assert min(lengths) >= 3 and max(lengths) <= 15


def test_no_sentence_twice_nor_in_two_splits(rows):
    seen: dict[tuple[str, ...], str] = {}
    for r in rows:
        key = tuple(tokenize(r["text"]))
        assert key not in seen, f"{r['text']!r} is in {seen[key]} and {r['split']}"
        seen[key] = r["split"]


def test_the_lectures_sentences_keep_their_labels_in_train(rows):
    got = {r["text"]: (r["label"], r["split"]) for r in rows}
    assert got["Hi my name is Barry"] == ("0", "train")
    assert got["I love AI"] == ("1", "train")
    assert got["Barry is my name"] == ("0", "train")


def test_no_held_out_plain_sentence_is_in_the_data_set(rows):
    with PLAIN.open(newline="", encoding="utf-8") as f:
        plain = list(csv.DictReader(f))
    assert len(plain) >= 150
    data = {tuple(tokenize(r["text"])) for r in rows}
    clash = [p["text"] for p in plain if tuple(tokenize(p["text"])) in data]
    assert not clash


def _share(rows, test) -> dict[str, float]:
    out = {}
    for label in ("0", "1"):
        sub = [r for r in rows if r["label"] == label]
        out[label] = sum(1 for r in sub if test(set(tokenize(r["text"])), r["text"])) / len(sub)
    return out


def test_negation_in_both_directions(rows):
    # "not good" is negative and "not bad" positive: negations sit on both sides.
    neg = _share(rows, lambda w, t: w & {"not", "t", "never", "nobody", "no"})
    assert neg["0"] > 0.15 and neg["1"] > 0.10
    for phrase, label in ((" not good", "0"), (" not bad", "1"), (" never ", "0"), (" never ", "1"),
                          (" no longer ", "0"), (" no longer ", "1")):
        assert sum(1 for r in rows if phrase in f" {r['text']} " and r["label"] == label) >= 10, (phrase, label)


def test_contrast_intensifiers_and_filler(rows):
    but = _share(rows, lambda w, t: w & {"but", "although", "though", "however", "yet"})
    assert but["0"] > 0.1 and but["1"] > 0.1
    counts = Counter(w for r in rows for w in set(_tokens(r["text"])))
    for word in ("very", "too", "so", "really"):
        assert counts[word] >= 50, word
    assert sum(1 for r in rows if r["text"].startswith(("honestly", "to be honest", "i think", "overall"))) >= 50


def test_lexicon_has_150_positive_and_150_negative_words_all_used(gen, rows):
    lex = _load("sentiment_lexicon")
    pos, neg = set(), set()
    for d in lex.DOMAINS.values():
        for g in d["groups"]:
            pos.update(a.rstrip("!").replace("_", " ") for a in g["pos"].split())
            neg.update(a.rstrip("!").replace("_", " ") for a in g["neg"].split())
        for label, phrases in d["phrases"].items():
            (pos if label else neg).update(phrases)
    for words, common in ((pos, lex.COMMON_POS), (neg, lex.COMMON_NEG)):
        words.update(a.rstrip("!") for a in common.split())
    pos.update(v[0] for v in lex.POS_VERBS)
    neg.update(v[0] for v in lex.NEG_VERBS)
    assert len(pos) >= 150 and len(neg) >= 150
    text = " " + " ".join(" ".join(tokenize(r["text"])) for r in rows) + " "
    unused = [w for w in pos | neg if f" {' '.join(tokenize(w))} " not in text]
    assert len(unused) <= 0.1 * len(pos | neg), unused


def test_bare_sentiment_words_mostly_carry_their_own_label(rows):
    # "not bad" forms are there, but a minority: a bare "bad" mostly means bad, "good" mostly good.
    for word, label, share in (("bad", "0", 0.6), ("good", "1", 0.55), ("terrible", "0", 0.85), ("great", "1", 0.7)):
        got = Counter(r["label"] for r in rows if word in _tokens(r["text"]))
        assert got[label] / sum(got.values()) >= share, (word, dict(got))
    not_bad = sum(1 for r in rows if " not bad" in f" {r['text']}" or "n't bad" in r["text"])
    bad = sum(1 for r in rows if "bad" in _tokens(r["text"]))
    assert 0.05 * bad <= not_bad <= 0.25 * bad, (not_bad, bad)


def test_everyday_events_pronouns_and_contractions(generated, rows):
    kinds = Counter(r["kind"] for r in generated)
    assert kinds["event"] >= 500 and kinds["pronoun"] >= 200, kinds
    texts = [f" {' '.join(_tokens(r['text']))} " for r in rows]
    for phrase in (" waited ", " broke ", " ignored ", " kept crashing ", " fell apart ", " stopped working ",
                   " it was not a good ", " it was a waste of ", " but it was ", " but they were ", " wouldn t ",
                   " won t ", " no longer as "):
        assert sum(phrase in t for t in texts) >= 3, phrase
    starts = Counter(r["label"] for r in rows if r["text"].startswith(("it ", "this ", "that ")))
    assert starts["0"] >= 300 and starts["1"] >= 300, starts
