"""Write rnn_tui/engine/data/translation_en_fr.csv: short English sentences and their French.

    python scripts/make_translation_data.py            # write the file (seeded: the same bytes each time)
    python scripts/make_translation_data.py --sample 50  # print 50 random pairs instead

The sentences come from a small grammar over the lexicon in scripts/translation_lexicon.py:
subject + verb + object or complement, possessives, names, adjectives, negation and a few
questions. French is built as words with their grammar (gender, number, person), then one
pass applies what depends on the next word's sound: elision (j'aime, l'homme, n'aime,
qu'il, d'Anna), "cet" / "mon" / "bel" / "nouvel" / "vieil" before a vowel, and the
contractions au, aux, du, des. See docs/translation_data.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import translation_lexicon as L  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "rnn_tui" / "engine" / "data" / "translation_en_fr.csv"

SEED = 20240607
N_PAIRS = 4000  # unique source sentences, the lecture's three included
MAX_WORDS = 8  # tokens per side, as the app counts them
SHARES = {"train": 0.8, "val": 0.1, "test": 0.1}

LECTURE = (
    ("Hi my name is Barry", "Salut je m'appelle Barry"),
    ("I love AI", "J'adore l'IA"),
    ("Barry is my name", "Barry est mon nom"),
)

# A French token is a word, or a pair (usual form, form before a vowel): ("ce", "cet"),
# ("ma", "mon"), ("vieux", "vieil"). The pair is settled by the word that follows.
Tok = str | tuple[str, str]


# --- French sound rules --------------------------------------------------------------------

VOWELS = set("aeiouyàâäéèêëîïôöùûüœ")
ELIDED = {
    "je": "j'",
    "me": "m'",
    "te": "t'",
    "se": "s'",
    "le": "l'",
    "la": "l'",
    "de": "d'",
    "ne": "n'",
    "que": "qu'",
    "ce": "c'",
}


def starts_with_vowel(word: str) -> bool:
    w = word.lower()
    return w[:1] in VOWELS or w in L.H_MUET


def realise_fr(tokens: Sequence[Tok]) -> str:
    """Words with grammar to French text: alternations, contractions, elisions, capital."""

    def first(t: Tok) -> str:
        return t if isinstance(t, str) else t[0]

    # 1. cet / mon / bel before a vowel, from the next word's usual form
    words = [
        t if isinstance(t, str) else (t[1] if i + 1 < len(tokens) and starts_with_vowel(first(tokens[i + 1])) else t[0])
        for i, t in enumerate(tokens)
    ]
    # 2. à le -> au, à les -> aux, de le -> du, de les -> des (never before a vowel: "de l'eau")
    merged: list[str] = []
    i = 0
    while i < len(words):
        w, nxt = words[i], words[i + 1] if i + 1 < len(words) else None
        after = words[i + 2] if i + 2 < len(words) else ""
        if w in ("à", "de") and nxt == "les":
            merged.append("aux" if w == "à" else "des")
            i += 2
        elif w in ("à", "de") and nxt == "le" and not starts_with_vowel(after):
            merged.append("au" if w == "à" else "du")
            i += 2
        else:
            merged.append(w)
            i += 1
    # 3. elision, right to left, so each word sees the next one's final form
    out: list[str] = []
    for w in reversed(merged):
        if out and w in ELIDED and starts_with_vowel(out[-1]):
            out[-1] = ELIDED[w] + out[-1]
        else:
            out.append(w)
    text = " ".join(reversed(out))
    return text[0].upper() + text[1:]


def realise_en(words: Sequence[str]) -> str:
    ws = list(words)
    for i, w in enumerate(ws[:-1]):
        if w == "a" and ws[i + 1][:1].lower() in "aeiou":
            ws[i] = "an"
    text = " ".join(ws).replace(" ?", "?")
    return text[0].upper() + text[1:]


# --- phrases -------------------------------------------------------------------------------


class NP:
    """A noun phrase in both languages, with what agreement needs: gender, number, person."""

    def __init__(
        self, en: list[str], fr: list[Tok], gender: str, plural: bool, person: str | None = None, human: bool = False
    ):
        self.en, self.fr, self.gender, self.plural = en, fr, gender, plural
        self.person = person or ("3p" if plural else "3s")
        self.human = human


def noun_phrase(
    noun: L.Noun,
    det: str,
    adj: L.Adj | None = None,
    plural: bool = False,
    negated: bool = False,
    owner: NP | None = None,
) -> NP:
    """det: the, a, some (partitive or plural indefinite), generic (French le/la/les),
    my/your/his/her/our/their, this, two/three, owner (Barry's)."""
    g = noun.gender
    plural = plural and noun.en_pl is not None
    en_noun = noun.en_pl if plural else noun.en
    fr_noun = noun.fr_pl if plural else noun.fr
    assert en_noun and fr_noun, noun
    fr_adj: list[Tok] = []
    if adj is not None:
        form = adj.form(g, plural)
        fr_adj = [(form, adj.ms_vowel) if (adj.ms_vowel and g == "m" and not plural) else form]
    before = adj is not None and adj.before

    def article_def() -> list[Tok]:
        return ["les"] if plural else ["le" if g == "m" else "la"]

    if det == "the" or det == "generic":
        en_det, fr_det = (["the"] if det == "the" else []), article_def()
    elif det == "a":
        en_det = ["a"]
        fr_det = ["de"] if negated else ["un" if g == "m" else "une"]
    elif det == "some":  # bare mass or bare plural in English: du pain, de l'eau, des pommes
        en_det = []
        if negated:
            fr_det = ["de"]
        elif plural:
            fr_det = ["de" if before else "des"]
        else:
            fr_det = ["de"] + article_def()
    elif det in L.POSSESSIVES:
        ms, fs, pl = L.POSSESSIVES[det]
        en_det = [det]
        fr_det = [pl] if plural else [ms] if g == "m" else [(fs, ms) if fs != ms else fs]
    elif det == "this":
        en_det = ["these" if plural else "this"]
        fr_det = ["ces"] if plural else [("ce", "cet")] if g == "m" else ["cette"]
    elif det in dict(L.NUMBERS):
        en_det, fr_det = [det], [dict(L.NUMBERS)[det]]
    elif det == "owner":
        assert owner is not None
        en_det = [owner.en[-1] + "'s"] if len(owner.en) == 1 else owner.en[:-1] + [owner.en[-1] + "'s"]
        fr_det = article_def()
    else:
        raise ValueError(det)
    en = en_det + ([adj.en] if adj else []) + [en_noun]
    fr = fr_det + (fr_adj + [fr_noun] if before else [fr_noun] + fr_adj)
    if det == "owner":
        assert owner is not None
        fr = fr + ["de"] + owner.fr
    return NP(en, fr, g, plural, human=noun.kind == "person")


def name_np(name: tuple[str, str]) -> NP:
    return NP([name[0]], [name[0]], name[1], False, human=True)


def pronoun_np(p: L.Pronoun) -> NP:
    return NP([p.en], [p.fr], p.gender, p.person in ("1p", "3p"), p.person, human=True)


def en_verb(verb: L.Verb, subj: NP) -> str:
    if verb.en == "be":
        return L.EN_BE[subj.person]
    return verb.en_s if subj.person == "3s" else verb.en


def clause(
    subj: NP, verb: L.Verb, rest_en: list[str], rest_fr: list[Tok], negated: bool = False, question: bool = False
) -> tuple[list[str], list[Tok]]:
    """Subject, verb (conjugated; negated with do-support in English, ne ... pas in French;
    a question with do-support in English and est-ce que in French), then the rest."""
    fr_verb = verb.fr_form(subj.person)
    fr_vp: list[Tok] = ["ne", fr_verb, "pas"] if negated else [fr_verb]
    fr = subj.fr + fr_vp + rest_fr
    if question:
        fr = ["est-ce", "que"] + fr + ["?"]
    if verb.en == "be":
        be = L.EN_BE[subj.person]
        if question:
            en = [be] + subj.en + rest_en + ["?"]
        else:
            en = subj.en + ([be, "not"] if negated else [be]) + rest_en
    else:
        do = "does" if subj.person == "3s" else "do"
        if question:
            en = [do] + subj.en + [verb.en] + rest_en + ["?"]
        elif negated:
            en = subj.en + [do, "not", verb.en] + rest_en
        else:
            en = subj.en + [en_verb(verb, subj)] + rest_en
    return en, fr


# --- the grammar ---------------------------------------------------------------------------


class Grammar:
    """Templates with few slots each, so that a held-out sentence is a new combination of
    fillers the training sentences teach (a tiny RNN without attention must generalise)."""

    def __init__(self, rng: random.Random):
        self.r = rng

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def pick(self, xs):  # type: ignore[no-untyped-def]
        return self.r.choice(list(xs))

    def mood(self, neg: float = 0.25, q: float = 0.15) -> tuple[bool, bool]:
        """Negated, question (never both)."""
        x = self.r.random()
        return x < neg, neg <= x < neg + q

    def subject(self) -> NP:
        """A person: a pronoun, a name, or one of a few noun phrases."""
        x = self.r.random()
        if x < 0.5:
            return pronoun_np(self.pick(L.PRONOUNS))
        if x < 0.75:
            return name_np(self.pick(L.NAMES))
        noun = self.pick(L.PEOPLE + L.FAMILY)
        if noun in L.PEOPLE:
            return noun_phrase(noun, "the", plural=noun.en == "child" or self.chance(0.3))
        return noun_phrase(noun, "my", plural=noun.en_pl is not None and self.chance(0.3))

    def det_noun(
        self, nouns: Sequence[L.Noun], dets: Sequence[str], plural_p: float = 0.2, negated: bool = False
    ) -> NP:
        noun = self.pick(nouns)
        det = self.pick(dets)
        return noun_phrase(
            noun, det, plural=noun.count and det not in ("a",) and self.chance(plural_p), negated=negated
        )

    # --- templates: each returns (English words, French tokens) -------------------------------

    def t_like(self):
        """I like dogs / She loves coffee / We do not like AI / Do you like music?"""
        subj = self.subject()
        verb = L.VERBS[self.pick(["like", "like", "love"])]
        neg, q = self.mood(0.3 if verb.en == "like" else 0.0, 0.15)
        if self.chance(0.1):
            city = self.pick(L.CITIES)
            obj = NP([city.en], [city.fr], "m", False)
        else:
            noun = self.pick(L.ANIMALS + L.FOODS + L.DRINKS + L.TOPICS + L.FILMS + L.OBJECTS[-1:])
            obj = noun_phrase(noun, "generic", plural=noun.count)
        return clause(subj, verb, obj.en, obj.fr, neg, q)

    def t_like_this(self):
        """I like your car / She loves my dog (possessives and this)."""
        subj = self.subject()
        verb = L.VERBS[self.pick(["like", "like", "love"])]
        neg, q = self.mood(0.25 if verb.en == "like" else 0.0, 0.1)
        obj = self.det_noun(L.ANIMALS + L.OBJECTS, ["my", "your", "his", "her", "our", "their", "this"], 0.2)
        if subj.en == ["I"] and obj.en[0] == "my" or subj.en == ["we"] and obj.en[0] == "our":
            return self.t_like_this()
        return clause(subj, verb, obj.en, obj.fr, neg, q)

    def t_have(self):
        """I have a dog / He has two cats / We do not have a car / Does she have a bike?"""
        subj = self.subject()
        neg, q = self.mood(0.3, 0.15)
        family = (
            subj.human and len(subj.en) == 1 and not subj.plural
        )  # "I have a sister", not "The women have a sister"
        noun = self.pick(L.ANIMALS + L.OBJECTS + (L.FAMILY[2:] if family else ()))
        det = "a" if (neg or q or self.chance(0.7)) else "two"
        obj = noun_phrase(noun, det, plural=det == "two", negated=neg)
        return clause(subj, L.VERBS["have"], obj.en, obj.fr, neg, q)

    def t_have_adj(self):
        """I have a big dog / She has a red car (adjective agreement and position)."""
        subj = self.subject()
        noun = self.pick(L.ANIMALS + L.OBJECTS)
        adj = L.ADJECTIVES[self.pick(noun.colours + noun.sizes)]
        verb = L.VERBS[self.pick(["have", "have", "want", "see"])]
        obj = noun_phrase(noun, "a", adj)
        return clause(subj, verb, obj.en, obj.fr)

    def t_consume(self):
        """I eat bread / She drinks water / We want an apple / He does not drink coffee."""
        verb = L.VERBS[self.pick(["eat", "drink", "want"])]
        subj = self.subject()
        neg, q = self.mood(0.25, 0.1)
        noun = self.pick({"eat": L.FOODS, "drink": L.DRINKS, "want": L.FOODS + L.DRINKS}[verb.en])
        if noun.count:
            det = "some" if neg else self.pick(["a", "a", "some", "two"])
            obj = noun_phrase(noun, det, plural=det in ("some", "two"), negated=neg)
        elif noun.cup and verb.en == "want" and self.chance(0.4):
            obj = NP(["a", noun.en], ["de" if neg else "un", noun.fr], "m", False)
        else:
            obj = noun_phrase(noun, "some", negated=neg)
        return clause(subj, verb, obj.en, obj.fr, neg, q)

    def t_see(self):
        """I see the dog / She does not see her brother / We see Anna."""
        subj = self.subject()
        neg, q = self.mood(0.2, 0.1)
        x = self.r.random()
        if x < 0.2:
            obj = name_np(self.pick(L.NAMES))
        elif x < 0.4:
            noun = self.pick(L.PEOPLE[:4] + L.FAMILY)
            obj = noun_phrase(noun, "the" if noun in L.PEOPLE else self.pick(["my", "your", "his", "her"]))
        else:
            obj = self.det_noun(L.ANIMALS + L.OBJECTS, ["the", "the", "my", "your"] + ([] if neg else ["a"]), 0.2)
        if obj.en == subj.en:
            return self.t_see()
        return clause(subj, L.VERBS["see"], obj.en, obj.fr, neg, q)

    def t_be_adj(self):
        """The car is red / My dogs are not big / Is the house old? / The soup is hot."""
        neg, q = self.mood(0.2, 0.1)
        if self.chance(0.8):
            noun = self.pick(L.ANIMALS + L.OBJECTS)
            subj = noun_phrase(
                noun, self.pick(["the", "the", "my", "your", "his", "her", "this"]), plural=self.chance(0.25)
            )
            adjs = list(noun.colours) + [a for a in noun.sizes if a in L.THING_PREDICATES]
        else:
            noun = self.pick(L.FOODS + L.DRINKS)
            subj = noun_phrase(noun, self.pick(["the", "the", "my", "your"]))
            adjs = ["hot", "cold"] if noun.kind == "drink" else ["good"]
        adj = L.ADJECTIVES[self.pick(adjs)]
        return clause(subj, L.VERBS["be"], [adj.en], [adj.form(subj.gender, subj.plural)], neg, q)

    def t_person_adj(self):
        """Anna is tall / We are tired / My sister is not happy / Is Paul old?"""
        subj = self.subject()
        adj = L.ADJECTIVES[self.pick(L.PERSON_ADJECTIVES)]
        neg, q = self.mood(0.2, 0.15 if subj.person != "1s" else 0.0)
        return clause(subj, L.VERBS["be"], [adj.en], [adj.form(subj.gender, subj.plural)], neg, q)

    def t_owner(self):
        """Barry's dog is big / The boy's cat is black / Anna's car is red (du, d')."""
        if self.chance(0.6):
            owner = name_np(self.pick(L.NAMES))
        else:
            noun = self.pick(L.PEOPLE[2:] + L.FAMILY)
            owner = noun_phrase(noun, "the", plural=noun.en == "child") if noun in L.PEOPLE else noun_phrase(noun, "my")
        noun = self.pick(L.ANIMALS + L.OBJECTS[:6])
        subj = noun_phrase(noun, "owner", owner=owner)
        adj = L.ADJECTIVES[self.pick(list(noun.colours) + [a for a in noun.sizes if a in L.THING_PREDICATES])]
        return clause(subj, L.VERBS["be"], [adj.en], [adj.form(subj.gender, subj.plural)])

    def t_place(self):
        """Barry is at the park / The children are at school / The cat is in the garden / The keys are on the table."""
        neg, q = self.mood(0.15, 0.1)
        x = self.r.random()
        if x < 0.5:
            place = self.pick(L.PLACES)
            subj = self.subject()
            en = ["at"] + (["the"] if place.the else []) + [place.en]
            fr: list[Tok] = ["à", "le" if place.gender == "m" else "la", place.fr]
        elif x < 0.75:
            room = self.pick(L.ROOMS)
            subj = self.subject() if self.chance(0.5) else self.det_noun(L.ANIMALS[:3], ["the", "my", "your"], 0.2)
            en, fr = ["in", "the", room.en], ["dans", "le" if room.gender == "m" else "la", room.fr]
        else:
            prep_en, prep_fr = self.pick([("on", "sur"), ("under", "sous")])
            things = [n for n in L.ANIMALS + L.OBJECTS if n.en in ("cat", "dog", "key", "book", "phone", "bag", "hat")]
            subj = self.det_noun(things, ["the", "my", "your"], 0.25)
            en, fr = [prep_en, "the", "table"], [prep_fr, "la", "table"]
        if q and subj.person == "1s":
            q = False
        return clause(subj, L.VERBS["be"], en, fr, neg, q)

    def t_where(self):
        """Where is the dog? / Where are my keys? / Where is Barry?"""
        if self.chance(0.25):
            subj = name_np(self.pick(L.NAMES))
        else:
            subj = self.det_noun(L.ANIMALS + L.OBJECTS, ["the", "my", "your", "his", "her"], 0.25)
        be = "are" if subj.plural else "is"
        return ["where", be] + subj.en + ["?"], ["où", "sont" if subj.plural else "est"] + subj.fr + ["?"]

    def t_go(self):
        """I go to the park / She goes to school / We do not go to Paris."""
        subj = self.subject()
        neg, q = self.mood(0.2, 0.15)
        if self.chance(0.2):
            city = self.pick(L.CITIES)
            return clause(subj, L.VERBS["go"], ["to", city.en], ["à", city.fr], neg, q)
        place = self.pick(L.PLACES)
        art = "le" if place.gender == "m" else "la"
        return clause(
            subj, L.VERBS["go"], ["to"] + (["the"] if place.the else []) + [place.en], ["à", art, place.fr], neg, q
        )

    def t_live(self):
        """I live in Paris / They live in a big house."""
        subj = self.subject()
        neg, q = self.mood(0.2, 0.1)
        if self.chance(0.6):
            city = self.pick(L.CITIES)
            return clause(subj, L.VERBS["live"], ["in", city.en], ["à", city.fr], neg, q)
        house = L.OBJECTS[1]
        adj = L.ADJECTIVES[self.pick(house.colours + house.sizes)] if self.chance(0.6) else None
        obj = noun_phrase(house, "a", adj)
        return clause(subj, L.VERBS["live"], ["in"] + obj.en, ["dans"] + obj.fr, neg, q)

    def t_speak(self):
        """Barry speaks French / I do not speak Spanish / Do you speak English?"""
        subj = self.subject()
        neg, q = self.mood(0.3, 0.2)
        en, fr = self.pick(L.LANGUAGES)
        return clause(subj, L.VERBS["speak"], [en], [fr], neg, q)

    def t_talk(self):
        """We talk about the film / She talks about the boy / They talk about AI (du, des, de l')."""
        subj = self.subject()
        x = self.r.random()
        if x < 0.35:
            noun = self.pick(L.PEOPLE + L.FAMILY)
            obj = noun_phrase(
                noun, "the" if noun in L.PEOPLE else "my", plural=noun.en_pl is not None and self.chance(0.3)
            )
        elif x < 0.5:
            obj = name_np(self.pick(L.NAMES))
        elif x < 0.7:
            obj = noun_phrase(self.pick(L.TOPICS), "generic")
        else:
            obj = self.det_noun(L.FILMS + L.OBJECTS[-1:] + L.ANIMALS[:3], ["the", "the", "my"], 0.3)
        if obj.en == subj.en:
            return self.t_talk()
        return clause(subj, L.VERBS["talk"], ["about"] + obj.en, ["de"] + obj.fr)

    def t_names(self):
        """My name is Anna / Hi my name is Barry / His name is Paul / Barry is my name."""
        x = self.r.random()
        name = self.pick(L.NAMES)
        if x < 0.4:
            greet = self.pick([(), (), ("Hi", "salut"), ("Hello", "bonjour")])
            return [*greet[:1], "my", "name", "is", name[0]], [*greet[1:], "je", "me", "appelle", name[0]]
        if x < 0.55:
            who = ("his", "il") if name[1] == "m" else ("her", "elle")
            return [who[0], "name", "is", name[0]], [who[1], "se", "appelle", name[0]]
        if x < 0.7:
            fam = self.pick([n for n in L.FAMILY if n.gender == name[1]])
            np_ = noun_phrase(fam, self.pick(["my", "your", "his", "her"]))
            return np_.en[:-1] + [np_.en[-1] + "'s", "name", "is", name[0]], np_.fr + ["se", "appelle", name[0]]
        if x < 0.82:
            owner = self.pick(["my", "my", "his"] if name[1] == "m" else ["my", "my", "her"])
            return [name[0], "is", owner, "name"], [name[0], "est", L.POSSESSIVES[owner][0], "nom"]
        if x < 0.92:
            greet = self.pick([("Hi", "salut"), ("Hello", "bonjour")])
            return [greet[0], "I", "am", name[0]], [greet[1], "je", "suis", name[0]]
        who = self.pick(
            [("your", "tu", "te", "appelles"), ("his", "il", "se", "appelle"), ("her", "elle", "se", "appelle")]
        )
        return ["what", "is", who[0], "name", "?"], ["comment", who[1], who[2], who[3], "?"]

    def t_this(self):
        """This is my dog / These are not your keys / This bird is small (ce, cet, cette, ces)."""
        neg = self.chance(0.2)
        if self.chance(0.5):
            np_ = self.det_noun(L.ANIMALS + L.OBJECTS, ["my", "your", "his", "her", "a"], 0.25)
            be_en, be_fr = ("are", "sont") if np_.plural else ("is", "est")
            en = ["these" if np_.plural else "this", be_en] + (["not"] if neg else []) + np_.en
            fr = ["ce"] + (["ne", be_fr, "pas"] if neg else [be_fr]) + np_.fr
            return en, fr
        noun = self.pick(L.ANIMALS + L.OBJECTS)
        subj = noun_phrase(noun, "this", plural=self.chance(0.3))
        adj = L.ADJECTIVES[self.pick(list(noun.colours) + [a for a in noun.sizes if a in L.THING_PREDICATES])]
        return clause(subj, L.VERBS["be"], [adj.en], [adj.form(subj.gender, subj.plural)], neg)

    def t_hunger(self):
        """I am hungry: J'ai faim / The children are not thirsty / Are you hungry?"""
        subj = self.subject()
        en_adj, fr_noun = self.pick(L.HUNGER)
        neg, q = self.mood(0.3, 0.2 if subj.person != "1s" else 0.0)
        en, _ = clause(subj, L.VERBS["be"], [en_adj], [], neg, q)
        _, fr = clause(subj, L.VERBS["have"], [], [fr_noun], neg, q)
        return en, fr

    TEMPLATES: dict[str, float] = {
        "t_like": 10,
        "t_like_this": 5,
        "t_have": 9,
        "t_have_adj": 7,
        "t_consume": 9,
        "t_see": 6,
        "t_be_adj": 9,
        "t_person_adj": 6,
        "t_owner": 4,
        "t_place": 6,
        "t_where": 3,
        "t_go": 5,
        "t_live": 3,
        "t_speak": 4,
        "t_talk": 4,
        "t_names": 5,
        "t_this": 4,
        "t_hunger": 3,
    }

    def sentence(self) -> tuple[str, str, str]:
        names, weights = zip(*self.TEMPLATES.items(), strict=True)
        template = self.r.choices(names, weights)[0]
        en, fr = getattr(self, template)()
        return realise_en(en), realise_fr(fr), template


# --- the corpus ----------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    from rnn_tui.engine.text import tokenize

    return tokenize(text)


TEMPLATE_OF: dict[str, str] = {}  # source -> the template that made it (for diagnostics)


def generate(seed: int = SEED, n: int = N_PAIRS) -> list[tuple[str, str, str]]:
    """(source, target, split) rows: the lecture's three first, in train."""
    rng = random.Random(seed)
    g = Grammar(rng)
    pairs: dict[tuple[str, ...], tuple[str, str]] = {}
    for en, fr in LECTURE:
        pairs[tuple(tokens(en))] = (en, fr)
    attempts = 0
    while len(pairs) < n:
        attempts += 1
        if attempts > 200 * n:
            raise RuntimeError("the grammar cannot make that many different sentences")
        en, fr, _ = g.sentence()  # _: the template's name
        key = tuple(tokens(en))
        if not 2 <= len(key) <= MAX_WORDS or not 2 <= len(tokens(fr)) <= MAX_WORDS:
            continue
        if key in pairs:
            assert pairs[key][1] == fr, (en, fr, pairs[key])  # one source, one translation
            continue
        pairs[key] = (en, fr)
        TEMPLATE_OF[en] = _
    rows = list(pairs.values())
    lecture = rows[:3]
    rest = rows[3:]
    rng.shuffle(rest)
    n_val = round(SHARES["val"] * n)
    n_test = round(SHARES["test"] * n)
    split = {en: "train" for en, _ in lecture + rest}
    for en, _ in rest[:n_val]:
        split[en] = "val"
    for en, _ in rest[n_val : n_val + n_test]:
        split[en] = "test"
    # A held-out pair must be learnable: all its words seen in training, on both sides.
    # Those that are not go to train (and the next training pair takes their place).
    ordered = lecture + rest
    while True:
        seen_en = {w for en, _ in ordered if split[en] == "train" for w in tokens(en)}
        seen_fr = {w for en, fr in ordered if split[en] == "train" for w in tokens(fr)}
        bad = [
            en
            for en, fr in ordered
            if split[en] != "train" and not (set(tokens(en)) <= seen_en and set(tokens(fr)) <= seen_fr)
        ]
        if not bad:
            break
        for en in bad:
            split[en] = "train"
    return [(en, fr, split[en]) for en, fr in ordered]


def to_csv(rows: Sequence[tuple[str, str, str]]) -> str:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["source", "target", "split"])
    w.writerows(rows)
    return buf.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=int, metavar="N", help="print N random pairs instead of writing the file")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    rows = generate()
    if args.sample:
        for en, fr, split in random.Random().sample(rows, args.sample):
            print(f"{split:5}  {en:40}  {fr}")
        return 0
    args.out.write_text(to_csv(rows), encoding="utf-8", newline="")
    counts = {s: sum(1 for r in rows if r[2] == s) for s in SHARES}
    print(f"wrote {args.out} ({len(rows)} pairs: {counts})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
