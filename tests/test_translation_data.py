"""The English-to-French corpus for the encoder-decoder (rnn_tui/engine/data/translation_en_fr.csv):
its size, splits, the lecture's sentences, and the French rules its generator applies."""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from rnn_tui.engine.text import tokenize

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "rnn_tui" / "engine" / "data" / "translation_en_fr.csv"
SCRIPTS = ROOT / "scripts"


def _load(name: str):
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


gen = _load("make_translation_data")
L = gen.L


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def by_split(rows, split):
    return [r for r in rows if r["split"] == split]


# --- the file ------------------------------------------------------------------------------


def test_header_size_and_split_shares(rows):
    assert DATA.read_text(encoding="utf-8").splitlines()[0] == "source,target,split"
    assert len(rows) >= 1200
    counts = Counter(r["split"] for r in rows)
    assert set(counts) == {"train", "val", "test"}
    for split, share in (("train", 0.8), ("val", 0.1), ("test", 0.1)):
        assert abs(counts[split] / len(rows) - share) < 0.02, counts


def test_no_source_sentence_in_two_splits_or_twice(rows):
    keys = [tuple(tokenize(r["source"])) for r in rows]
    assert len(keys) == len(set(keys))


def test_the_lecture_sentences_are_in_train_with_their_translations(rows):
    pairs = {r["source"]: (r["target"], r["split"]) for r in rows}
    assert pairs["Hi my name is Barry"] == ("Salut je m'appelle Barry", "train")
    assert pairs["I love AI"] == ("J'adore l'IA", "train")
    assert pairs["Barry is my name"] == ("Barry est mon nom", "train")


def test_sentences_are_short(rows):
    for r in rows:
        assert 2 <= len(tokenize(r["source"])) <= 8, r
        assert 2 <= len(tokenize(r["target"])) <= 8, r


def test_vocabulary_sizes(rows):
    en = {w for r in rows for w in tokenize(r["source"])}
    fr = {w for r in rows for w in tokenize(r["target"])}
    assert 120 <= len(en) <= 400
    assert 150 <= len(fr) <= 400


def test_every_held_out_word_is_taught_in_train(rows):
    train_en = {w for r in by_split(rows, "train") for w in tokenize(r["source"])}
    train_fr = {w for r in by_split(rows, "train") for w in tokenize(r["target"])}
    for r in rows:
        if r["split"] != "train":
            assert set(tokenize(r["source"])) <= train_en, r
            assert set(tokenize(r["target"])) <= train_fr, r


def test_the_generator_reproduces_the_file_byte_for_byte():
    assert gen.to_csv(gen.generate()).encode("utf-8") == DATA.read_bytes()


# --- French rules, over the whole file ------------------------------------------------------

VOWEL_START = r"[aeiouyàâéèêîôûœh]"


def test_elision_is_never_missed(rows):
    # le / la / je / me / se / te / de / ne / que / ce before a vowel (all our h-words are mute)
    pattern = re.compile(rf"\b(le|la|je|me|te|se|de|ne|que|ce)\s+{VOWEL_START}", re.IGNORECASE)
    for r in rows:
        assert not pattern.search(r["target"]), r


def test_contractions_are_never_missed(rows):
    pattern = re.compile(r"\b(à|de) (le|les)\b", re.IGNORECASE)
    for r in rows:
        assert not pattern.search(r["target"]), r


def test_possessives_and_demonstratives_before_a_vowel(rows):
    pattern = re.compile(r"\b(ma|ta|sa|ce)\s+[aeiouyàâéèêîôûœ]", re.IGNORECASE)
    for r in rows:
        assert not pattern.search(r["target"]), r


def test_negation_is_ne_pas_and_takes_de(rows):
    for r in rows:
        en, fr = tokenize(r["source"]), r["target"]
        negated = "not" in en
        assert negated == bool(re.search(r"\b(ne |n')\S+ pas\b", fr)), r
        # an indefinite or partitive object becomes "de" after a negated verb (être keeps "un")
        assert not re.search(r"\bpas (du|des|de la|de l')\b", fr), r
        assert not re.search(r"(?<!est )\bpas (un|une)\b", fr), r


def test_questions_end_with_a_spaced_question_mark(rows):
    for r in rows:
        assert r["source"].endswith("?") == r["target"].endswith(" ?"), r


# --- French rules, one phrase at a time -----------------------------------------------------


def noun(en: str) -> L.Noun:
    return next(n for n in L.PEOPLE + L.FAMILY + L.ANIMALS + L.OBJECTS + L.FOODS + L.DRINKS if n.en == en)


def fr(np) -> str:
    return gen.realise_fr(np.fr)


def en(np) -> str:
    return gen.realise_en(np.en)


@pytest.mark.parametrize(
    "noun_en, det, adj, plural, expected_en, expected_fr",
    [
        ("dog", "a", "big", False, "A big dog", "Un grand chien"),
        ("car", "a", "red", False, "A red car", "Une voiture rouge"),
        ("car", "the", "white", True, "The white cars", "Les voitures blanches"),
        ("bird", "a", "beautiful", False, "A beautiful bird", "Un bel oiseau"),
        ("computer", "my", "old", False, "My old computer", "Mon vieil ordinateur"),
        ("house", "a", "old", False, "An old house", "Une vieille maison"),
        ("dog", "some", "big", True, "Big dogs", "De grands chiens"),
        ("car", "his", None, False, "His car", "Sa voiture"),
        ("dog", "her", None, False, "Her dog", "Son chien"),
        ("bird", "this", None, False, "This bird", "Cet oiseau"),
        ("horse", "our", None, True, "Our horses", "Nos chevaux"),
        ("man", "the", None, False, "The man", "L'homme"),
        ("apple", "a", None, False, "An apple", "Une pomme"),
        ("water", "some", None, False, "Water", "De l'eau"),
        ("bread", "some", None, False, "Bread", "Du pain"),
        ("cheese", "generic", None, False, "Cheese", "Le fromage"),
    ],
)
def test_noun_phrases_agree(noun_en, det, adj, plural, expected_en, expected_fr):
    np = gen.noun_phrase(noun(noun_en), det, L.ADJECTIVES[adj] if adj else None, plural)
    assert (en(np), fr(np)) == (expected_en, expected_fr)


def test_negated_indefinite_becomes_de():
    assert fr(gen.noun_phrase(noun("car"), "a", negated=True)) == "De voiture"
    assert fr(gen.noun_phrase(noun("water"), "some", negated=True)) == "D'eau"


def test_owner_contracts_and_elides():
    boy = gen.noun_phrase(noun("boy"), "the")
    assert fr(gen.noun_phrase(noun("dog"), "owner", owner=boy)) == "Le chien du garçon"
    children = gen.noun_phrase(noun("child"), "the", plural=True)
    assert fr(gen.noun_phrase(noun("cat"), "owner", owner=children)) == "Le chat des enfants"
    anna = gen.name_np(("Anna", "f"))
    np = gen.noun_phrase(noun("car"), "owner", owner=anna)
    assert (en(np), fr(np)) == ("Anna's car", "La voiture d'Anna")


def clause(subject: str, verb: str, obj_en: list[str], obj_fr: list, **kw) -> tuple[str, str]:
    pronoun = next(p for p in L.PRONOUNS if p.en == subject)
    e, f = gen.clause(gen.pronoun_np(pronoun), L.VERBS[verb], obj_en, obj_fr, **kw)
    return gen.realise_en(e), gen.realise_fr(f)


def test_conjugation_elision_negation_and_questions():
    coffee = gen.noun_phrase(noun("coffee"), "generic")
    assert clause("I", "like", coffee.en, coffee.fr) == ("I like coffee", "J'aime le café")
    assert clause("we", "like", coffee.en, coffee.fr) == ("We like coffee", "Nous aimons le café")
    assert clause("he", "like", coffee.en, coffee.fr, negated=True) == (
        "He does not like coffee",
        "Il n'aime pas le café",
    )
    assert clause("they", "like", coffee.en, coffee.fr, question=True) == (
        "Do they like coffee?",
        "Est-ce qu'ils aiment le café ?",
    )
    assert clause("she", "go", ["to", "the", "park"], ["à", "le", "parc"]) == (
        "She goes to the park",
        "Elle va au parc",
    )
    assert clause("I", "live", ["in", "Paris"], ["à", "Paris"]) == ("I live in Paris", "J'habite à Paris")
    assert clause("you", "be", ["tired"], ["fatigué"], negated=True) == ("You are not tired", "Tu n'es pas fatigué")


def test_realise_fr_rules():
    r = gen.realise_fr
    assert r(["je", "me", "appelle", "Barry"]) == "Je m'appelle Barry"
    assert r(["je", "ne", "aime", "pas", "le", "thé"]) == "Je n'aime pas le thé"
    assert r(["il", "va", "à", "le", "hôpital"]) == "Il va à l'hôpital"
    assert r(["elle", "va", "à", "la", "école"]) == "Elle va à l'école"
    assert r(["ils", "parlent", "de", "les", "enfants"]) == "Ils parlent des enfants"
    assert r([("ma", "mon"), "école"]) == "Mon école"
    assert r([("ma", "mon"), ("vieille", "vieille"), "école"]) == "Ma vieille école"
    assert r(["ce", "est", "mon", "chien"]) == "C'est mon chien"
    assert r(["est-ce", "que", "Anna", "a", "faim", "?"]) == "Est-ce qu'Anna a faim ?"
