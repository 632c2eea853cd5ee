"""Write rnn_tui/engine/data/everyday_sentiment.csv: short everyday sentences with a sentiment
label (0 negative, 1 positive) and a split (train / val / test), made from the lexicon in
scripts/sentiment_lexicon.py by a small grammar with a fixed seed, so the file is reproducible
byte for byte. Run from the project root:

    python scripts/make_sentiment_data.py            # write the file
    python scripts/make_sentiment_data.py --sample 40  # print 40 random sentences to read
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sentiment_lexicon as L  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "rnn_tui" / "engine" / "data" / "everyday_sentiment.csv"
PLAIN = ROOT / "tests" / "data" / "plain_sentences.csv"  # the hand-written held-out set: never generated
SEED = 11
PER_LABEL = 450  # sentences per domain and label
SPLITS = (("train", 0.8), ("val", 0.1), ("test", 0.1))
MIN_WORDS, MAX_WORDS = 3, 15
LECTURE = [("Hi my name is Barry", 0), ("I love AI", 1), ("Barry is my name", 0)]

# Adjectives that read wrong before a noun ("what a late flight") or with "very".
NOT_ATTRIBUTIVE = {
    "late",
    "delayed",
    "wrong",
    "incomplete",
    "early",
    "hot",
    "cold",
    "lukewarm",
    "packed",
    "broken",
    "tired",
    "fine",
    "impossible",
    "flat",
    "hard",
    "easy",
    "quiet",
    "light",
    "dry",
    "thin",
}
# Positive adjectives that read naturally after "not" ("the soup was not hot"); others fall back to good.
NEGATABLE_POS = {
    "good",
    "great",
    "nice",
    "tasty",
    "fresh",
    "hot",
    "friendly",
    "helpful",
    "clean",
    "comfortable",
    "interesting",
    "funny",
    "fun",
    "exciting",
    "clear",
    "useful",
    "fast",
    "quick",
    "kind",
    "polite",
    "reliable",
    "warm",
    "sunny",
    "easy",
    "fair",
    "enjoyable",
    "entertaining",
    "quiet",
    "strong",
    "catchy",
    "crispy",
    "convincing",
    "clever",
    "gripping",
    "relaxing",
    "comfy",
    "soft",
    "modern",
    "pleasant",
    "smooth",
    "patient",
    "generous",
    "sweet",
    "cheerful",
    "welcoming",
    "efficient",
    "attentive",
    "professional",
    "stylish",
    "sturdy",
    "powerful",
    "engaging",
    "informative",
    "original",
    "believable",
    "delicious",
    "brilliant",
    "impressive",
    "on time",
    "cosy",
    "supportive",
    "honest",
    "thoughtful",
    "caring",
    "prompt",
    "well organised",
    "well written",
    "easy to use",
}
# The everyday words a person reaches for first: drawn three times as often as the rest.
CORE = {"good", "great", "nice", "lovely", "amazing", "brilliant", "bad", "terrible", "awful", "horrible", "poor"}
NOTS = [" not", "n't"]
AGAIN_POS = ["will definitely", "would happily", "can not wait to", "would love to", "can't wait to", "want to"]
AGAIN_NEG = [
    "will never",
    "would never",
    "am never going to",
    "will not",
    "won't",
    "wouldn't",
    "would not",
    "never want to",
]
NOT_NEGATABLE = {"poor", "rubbish", "appalling", "mediocre", "disappointing", "wrong", "incomplete"}


# People named by a noun: "they", never "it".
PERSON_NOUNS = {
    "singer",
    "band",
    "drummer",
    "guitarist",
    "pianist",
    "choir",
    "staff",
    "waiter",
    "waitress",
    "receptionist",
    "driver",
    "cashier",
    "shop assistant",
    "bartender",
    "cast",
    "lead actor",
}
AFTER_PREP = [[w] for w in ("on", "in", "of", "at", "during", "from", "to", "through")]  # "on it" reads oddly


def same_thing(a: str, b: str) -> bool:
    """Whether two clauses name the same noun ("the station was awful but the station...")."""
    return bool(NOUN_WORDS & set(a.split()) & set(b.split()))


def words_of(s: str) -> list[str]:
    return s.replace("_", " ").split()


@dataclass(frozen=True)
class Noun:
    word: str
    plural: bool = False
    mass: bool = False
    name: bool = False

    @classmethod
    def parse(cls, s: str) -> Noun:
        w = s.rstrip("+~@").replace("_", " ")
        return cls(w, s.endswith("+"), s.endswith("~"), s.endswith("@"))


@dataclass(frozen=True)
class Adj:
    word: str
    extreme: bool

    @property
    def multiword(self) -> bool:
        return " " in self.word

    @classmethod
    def parse(cls, s: str) -> Adj:
        return cls(s.rstrip("!").replace("_", " "), s.endswith("!"))


@dataclass
class Group:
    domain: str
    nouns: list[Noun]
    pos: list[Adj]  # the group's own positive adjectives
    neg: list[Adj]
    common_pos: list[Adj]  # the domain's share of the everyday ones (good, great, bad, awful...)
    common_neg: list[Adj]
    too: list[str]
    dets: list[str]
    verbs: bool
    tense: str  # "any" or "past"
    exp: list[str]  # "the best film I have ever {seen}"


def load_groups() -> dict[str, list[Group]]:
    out = {}
    for name, d in L.DOMAINS.items():
        groups = []
        for g in d["groups"]:
            cp = [Adj.parse(a) for a in g.get("common_pos", d.get("common_pos", L.COMMON_POS)).split()]
            cn = [Adj.parse(a) for a in g.get("common_neg", d.get("common_neg", L.COMMON_NEG)).split()]
            groups.append(
                Group(
                    name,
                    [Noun.parse(n) for n in g["nouns"].split()],
                    [Adj.parse(a) for a in g["pos"].split()],
                    [Adj.parse(a) for a in g["neg"].split()],
                    cp,
                    cn,
                    [t.replace("_", " ") for t in g.get("too", "").split()],
                    [t.replace("_", " ") for t in g.get("det", d["det"]).split()],
                    bool(g.get("verbs")),
                    g.get("tense", "any"),
                    [e.replace("_", " ") for e in g.get("exp", d["experience"]).split()],
                )
            )
        out[name] = groups
    return out


GROUPS = load_groups()
NOUN_WORDS = {n.word.split()[-1] for gs in GROUPS.values() for g in gs for n in g.nouns}


def article(word: str) -> str:
    w = word.split()[0]
    if w.startswith(("hour", "honest")):
        return "an"
    if w.startswith(("uni", "use", "eu", "one")):
        return "a"
    return "an" if w[0] in "aeiou" else "a"


def plural_of(noun: str) -> str:
    last = noun.split()[-1]
    head = noun[: len(noun) - len(last)]
    if last.endswith("y") and last[-2] not in "aeiou":
        return head + last[:-1] + "ies"
    if last.endswith(("s", "sh", "ch", "x")):
        return head + last + "es"
    return head + last + "s"


class Maker:
    def __init__(self, rng: random.Random):
        self.r = rng
        self.forced: str | None = None  # one tense for both clauses of a compound sentence
        self.soft = False  # the first clause of a contrast: the plainest words less often, so that a bare
        # "bad" or "good" mostly carries its own label

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    # ----- pieces -----
    def group(self, domain: str, verbs: bool = False) -> Group:
        gs = [g for g in GROUPS[domain] if g.verbs or not verbs]
        return self.pick(gs)

    def noun_phrase(self, g: Group) -> tuple[str, Noun]:
        n = self.pick(g.nouns)
        if n.name:
            return n.word, n
        det = self.pick(g.dets)
        if n.plural:
            det = {"this": "these", "that": "those"}.get(det, det)
        return f"{det} {n.word}", n

    def tense(self, g: Group, p_past: float = 0.6) -> str:
        if g.tense == "past":
            return "past"
        if self.forced:
            return self.forced
        return "past" if self.chance(p_past) else "present"

    @staticmethod
    def be(n: Noun, tense: str, neg: bool = False, contract: bool = False) -> str:
        plural = n.plural
        base = {("past", False): "was", ("past", True): "were", ("present", False): "is", ("present", True): "are"}[
            (tense, plural)
        ]
        if not neg:
            return base
        return base + "n't" if contract else base + " not"

    def adj(self, g: Group, label: int, gradable: bool = False, attributive: bool = False) -> Adj:
        own, common = (g.pos, g.common_pos) if label else (g.neg, g.common_neg)
        weights = [3 if a.word in CORE and not self.soft else 1 for a in common]
        for _ in range(50):
            a = self.r.choices(common, weights)[0] if self.chance(0.55) else self.pick(own)
            if gradable and (a.extreme or a.multiword):
                continue
            if attributive and (a.word in NOT_ATTRIBUTIVE or a.multiword):
                continue
            return a
        return Adj("good" if label else "bad", False)

    def intensified(self, a: Adj, p: float = 0.35) -> str:
        if a.multiword or not self.chance(p):
            return a.word
        return f"{self.pick(L.EXTREME_INTENSIFIERS if a.extreme else L.GRADABLE_INTENSIFIERS)} {a.word}"

    # ----- clauses: each returns (text, tense, kind) for a wanted label, or None -----
    def copula(self, d: str, label: int):
        g = self.group(d)
        np_, n = self.noun_phrase(g)
        t = self.tense(g)
        a = self.adj(g, label)
        if not self.soft and self.chance(
            0.3
        ):  # the plainest words, most often: "the food was good", "the film was bad"
            a = Adj(
                self.pick(["good", "good", "great", "nice"] if label else ["bad", "bad", "bad", "terrible", "awful"]),
                False,
            )
            a = Adj(a.word, a.word in ("great", "terrible", "awful"))
        desc = self.intensified(a)
        if self.chance(0.15) and not a.multiword:
            b = self.pick(g.pos if label else g.neg)
            if b.word != a.word and not b.multiword:
                desc = f"{desc} and {b.word}"
        return f"{np_} {self.be(n, t)} {desc}", t, "copula"

    def negated(self, d: str, label: int):
        g = self.group(d)
        np_, n = self.noun_phrase(g)
        t = self.tense(g)
        be = self.be(n, t, neg=True, contract=self.chance(0.4))
        if label == 0:
            a = self.adj(g, 1, gradable=True)
            for _ in range(5):
                if a.word in NEGATABLE_POS:
                    break
                a = self.adj(g, 1, gradable=True)
            else:
                a = Adj(self.pick(["good", "great", "nice"]), False)
            form = self.pick(
                [
                    "{a}",
                    "{a}",
                    "very {a}",
                    "{a} at all",
                    "that {a}",
                    "as {a} as i had hoped",
                    "{a} enough",
                    "really {a}",
                ]
            )
        else:
            # "not bad" is there, but seldom: a bare "bad" should mostly mean bad.
            own = [
                x
                for x in g.neg
                if not (x.extreme or x.multiword) and x.word not in NOT_NEGATABLE and not x.word.startswith("un")
            ] or [Adj("bad", False)]
            a = self.pick(own)
            if self.chance(0.08):
                form = self.pick(["bad at all", "bad", "too bad", "that bad", "bad for the price"])
            else:
                form = self.pick(["{a} at all", "{a} at all", "{a}", "as {a} as people said", "{a} in the slightest"])
            if "price" in form and L.DOMAINS[d]["worth"] != "money":
                form = "bad"
        return f"{np_} {be} {form.format(a=a.word)}", t, "negation"

    def verb(self, d: str, label: int):
        if not L.DOMAINS[d]["verb_ok"]:
            return None
        g = self.group(d, verbs=True)
        np_, n = self.noun_phrase(g)
        t = self.tense(g, 0.55)
        people = d == "people"
        pos_v, neg_v = (L.PEOPLE_POS_VERBS, L.PEOPLE_NEG_VERBS) if people else (L.POS_VERBS, L.NEG_VERBS)
        subj = self.pick(["i", "i", "i", "we", "my friends", "everyone", "my sister", "nobody"])
        third = subj in ("everyone", "my sister", "nobody")
        kind = "verb"
        if subj == "nobody":
            if label == 1:
                return None
            v = self.pick(pos_v)
            if "really" in v[0] or "get on" in v[0]:
                return None
            verb = v[2] if t == "past" else v[1]
            kind = "negation"
        elif label == 1 or self.chance(0.5):
            v = self.pick(pos_v if label == 1 else neg_v)
            verb = v[2] if t == "past" else (v[1] if third else v[0])
            if self.chance(0.2) and not v[0].startswith(("really", "can", "get")):
                adverbs = ["really", "absolutely", "totally"] if label else ["really", "totally", "absolutely"]
                verb = f"{self.pick(adverbs)} {verb}"
        else:
            if subj == "everyone":
                return None
            v = self.pick([x for x in pos_v if not x[0].startswith(("really", "adore"))])
            aux = ("did not", "didn't") if t == "past" else (("does not", "doesn't") if third else ("do not", "don't"))
            verb = f"{self.pick(aux)} {v[0]}"
            kind = "negation"
        if subj not in ("i", "we") and np_.startswith(("my ", "our ")):
            np_ = "the " + np_.split(" ", 1)[1]
        tail = ""
        if label == 1 and self.chance(0.2) and kind == "verb" and "get on" not in verb:
            tail = " so much" if "lov" in verb else self.pick([" a lot", " very much"])
        return f"{subj} {verb} {np_}{tail}", t, kind

    def feeling(self, d: str, label: int):
        g = self.group(d)
        if d in ("people",) or (d == "service" and g is GROUPS["service"][1]):
            return None
        np_, n = self.noun_phrase(g)
        t = self.tense(g)
        subj = self.pick(["i", "i", "we"])
        be = {("i", "past"): "was", ("we", "past"): "were", ("i", "present"): "am", ("we", "present"): "are"}[(subj, t)]
        kind = "feeling"
        if label == 1 and self.chance(0.2):
            f = (
                "bored by"
                if d in ("films", "books", "classes", "games", "music") and self.chance(0.4)
                else self.pick(L.NEG_FEELINGS[:4])
            )
            kind = "negation"
            if self.chance(0.35):
                return f"{subj} {be} {self.pick(['never', 'never', 'not'])} {f.split()[0]}", t, kind
            be = be + self.pick([" not", " never", "n't" if be in ("was", "were", "are") else " not"])
        elif label == 1:
            f = self.pick(L.POS_FEELINGS)
        elif self.chance(0.3):
            f, be, kind = (
                self.pick(L.POS_FEELINGS),
                be + self.pick([" not", "n't" if be in ("was", "were", "are") else " not"]),
                "negation",
            )
            if f.startswith(("thrilled", "delighted")):
                f = "happy with"
        elif d in ("films", "books", "classes", "games", "music") and self.chance(0.25):
            f = "bored by"
        else:
            f = self.pick(L.NEG_FEELINGS)
        if kind != "negation" and self.chance(0.35) and not f.startswith(("thrilled", "delighted")):
            adverbs = ["really", "very", "so", "quite", "extremely"]
            if not label:
                adverbs = ["really", "very", "so", "a bit", "quite"]
            f = f"{self.pick(adverbs)} {f}"
        if subj == "we" and np_.startswith("my "):
            np_ = "our " + np_[3:]
        return f"{subj} {be} {f} {np_}", t, kind

    def too(self, d: str, label: int):
        g = self.group(d)
        if not g.too:
            return None
        np_, n = self.noun_phrase(g)
        t = self.tense(g)
        if label == 0:
            return f"{np_} {self.be(n, t)} {self.pick(L.TOO_MODIFIERS)}too {self.pick(g.too)}", t, "too"
        return None

    def exclaim(self, d: str, label: int):
        g = self.group(d, verbs=self.chance(0.7) and any(x.verbs for x in GROUPS[d]))
        n = self.pick(g.nouns)
        a = self.adj(g, label, attributive=True)
        if n.name:
            if d != "people":
                return None
            return f"{n.word} is such {article(a.word)} {a.word} person", "present", "exclaim"
        if d in ("people", "service") and self.chance(0.5):
            return None
        if n.mass or n.plural:
            if self.chance(0.7):
                a = self.pick([x for x in (g.common_pos if label else g.common_neg) if not x.multiword])
            form = self.pick(["what {a} {n}", "what {a} {n}", "such {a} {n}"])
            return form.format(a=a.word, n=n.word), "any", "exclaim"
        if self.chance(0.6):
            a = self.pick([x for x in (g.common_pos if label else g.common_neg) if not x.multiword])
        aw = a.word
        if not g.verbs:
            return f"what {article(aw)} {aw} {n.word}", "any", "exclaim"
        form = self.pick(
            [
                "what {art} {a} {n}",
                "it was {art} {a} {n}",
                "that was {art} {a} {n}",
                "this is {art} {a} {n}",
                "it is such {art} {a} {n}",
            ]
        )
        t = "past" if "was" in form else "present"
        if t == "present" and g.tense == "past":
            return None
        return form.format(art=article(aw), a=aw, n=n.word), t, "exclaim"

    def superlative(self, d: str, label: int):
        gs = [g for g in GROUPS[d] if g.verbs and g.exp and not all(n.name for n in g.nouns)]
        if not gs:
            return None
        g = self.pick(gs)
        n = self.pick([n for n in g.nouns if not n.name])
        exp = self.pick(g.exp)
        subj = "i" if d != "weather" else self.pick(["i", "we"])
        noun = n.word
        if self.chance(0.4):  # never ... better / worse: a negation that reads positive
            cmp_ = "better" if label else "worse"
            art = "" if (n.mass or n.plural) else f"{article(cmp_)} "
            return f"{subj} have never {exp} {art}{cmp_} {noun}", "any", "negation"
        best = self.pick(["best", "best", "nicest", "greatest"]) if label else self.pick(["worst", "worst"])
        if self.chance(0.3) and not (n.mass or n.plural):
            return f"it was one of the {best} {plural_of(noun)} {subj} have ever {exp}", "past", "superlative"
        lead = self.pick(["this is", "that was", "it was", ""])
        return f"{lead} the {best} {noun} {subj} have ever {exp}".strip(), "any", "superlative"

    def verdict(self, d: str, label: int):
        g = self.group(d, verbs=any(x.verbs for x in GROUPS[d]))
        if d == "people" or (d == "service" and g is GROUPS["service"][1]):
            return None
        np_, n = self.noun_phrase(g)
        t = self.tense(g)
        worth = L.DOMAINS[d]["worth"]
        pool = L.POS_VERDICTS + L.NO_COMPLAINTS if label else L.NEG_VERDICTS + L.NOTHING_GOOD
        form = self.pick(pool)
        if "{worth}" in form and not worth or ("rip off" in form or "worth every" in form) and worth != "money":
            return None
        kind = (
            "negation"
            if form in L.NO_COMPLAINTS or form in L.NOTHING_GOOD or " not " in form or "never" in form
            else "verdict"
        )
        text = form.format(np=np_, be=self.be(n, t), worth=worth)
        return (
            text,
            (
                "past"
                if "there was" in form
                or "fell" in form
                or "exceeded" in form
                or "made" in form
                or "blown" in form
                or "surprised" in form
                else t
            ),
            kind,
        )

    def never(self, d: str, label: int):
        dd = L.DOMAINS[d]
        g = self.group(d)
        np_, n = self.noun_phrase(g)
        choice = self.r.randrange(5)
        if choice == 0 and dd["again"]:
            again = self.pick(dd["again"])
            if label:
                return f"i {self.pick(AGAIN_POS)} {again}", "none", "again"
            return f"i {self.pick(AGAIN_NEG)} {again}", "none", "never"
        if choice == 1:  # no longer: present tense only
            if g.tense == "past":
                return None
            if label == 0:
                a = self.adj(g, 1, gradable=True)
                if self.chance(0.3) and a.word in NEGATABLE_POS:
                    was = "were" if n.plural else "was"
                    then = self.pick(
                        [f"as {a.word} as it {was}", f"as {a.word} as it used to be", f"as {a.word} as before"]
                    )
                    then = then.replace(" it ", " they ") if n.plural else then
                    return f"{np_} {self.be(n, 'present')} no longer {then}", "present", "no longer"
                return f"{np_} {self.be(n, 'present')} no longer {a.word}", "present", "no longer"
            a = self.adj(g, 0, gradable=True)
            if a.word in NOT_NEGATABLE:
                return None
            return f"{np_} {self.be(n, 'present')} no longer {a.word}", "present", "no longer"
        if choice == 2:  # never + adjective, present habit
            if n.name or d == "weather":
                return None
            a = self.adj(g, 1 - label, gradable=True)
            if a.word in NOT_NEGATABLE:
                return None
            return f"{np_} {self.be(n, 'present')} never {a.word}", "present", "never"
        if choice == 3 and g.verbs and dd["verb_ok"]:
            if label:
                v = "never disappoint" + ("" if n.plural else "s")
                if d == "people":
                    return f"{np_} never {'let' if n.plural else 'lets'} me down", "present", "never"
                if self.chance(0.4):
                    return f"i never get tired of {np_}", "present", "never"
                return f"{np_} {v}", "present", "never"
            v = self.pick(["like", "enjoy"] if d != "people" else ["like", "trust"])
            return f"i no longer {v} {np_}", "present", "no longer"
        if choice == 4 and d in ("products", "service", "travel", "hotels"):
            if label:
                return f"i have never had a problem with {np_}", "none", "never"
            return f"{np_} has never worked properly" if d == "products" and not n.plural else None, "none", "never"
        return None

    def phrase(self, d: str, label: int):
        return self.pick(L.DOMAINS[d]["phrases"][label]), "none", "phrase"

    def weather_it(self, d: str, label: int):
        if d != "weather":
            return None
        dd = L.DOMAINS[d]
        a = self.pick(dd["it_adjs"][label].split()).rstrip("!")
        if self.chance(0.5):
            return f"it was {self.intensified(Adj(a, False), 0.3)} {self.pick(dd['it_times'])}", "past", "copula"
        return (
            f"it is {self.intensified(Adj(a, False), 0.4)} {self.pick(['today', 'outside', 'this morning', 'again'])}",
            "present",
            "copula",
        )

    # ----- contrast -----
    def contrast(self, d: str, label: int):
        firsts = [self.copula, self.copula, self.negated, self.verb, self.too, self.feeling]
        mains = firsts + [self.phrase]

        def clause(dom, lab, kinds):
            self.soft = lab != label
            try:
                for _ in range(10):
                    c = self.pick(kinds)(dom, lab)
                    if c and c[0]:
                        return c
                return None
            finally:
                self.soft = False

        form = self.r.randrange(8)
        other = d if form > 3 or self.chance(0.85) else self.pick(L.RELATED[d])
        if other != d:
            firsts = [self.copula, self.negated]
        main = clause(d, label, mains if form <= 3 else firsts)
        if main is None:
            return None
        if form <= 3:
            first = clause(other, 1 - label, firsts)
            if first is None:
                return None
            if same_thing(first[0], main[0]):
                return None
            word = self.pick(L.BUT_WORDS)
            sep = ", " if word in ("however", "though") or self.chance(0.2) else " "
            return f"{first[0]}{sep}{word} {main[0]}", "none", "contrast"
        if form == 4:
            first = clause(other, 1 - label, firsts)
            if first is None:
                return None
            if same_thing(first[0], main[0]):
                return None
            return f"{self.pick(L.ALTHOUGH_WORDS)} {first[0]}, {main[0]}", "none", "contrast"
        if form == 5:
            first = clause(other, 1 - label, firsts)
            if first is None:
                return None
            if same_thing(first[0], main[0]):
                return None
            return f"{main[0]} even though {first[0]}", "none", "contrast"
        if form == 6:  # concession, then the verdict
            opener = self.pick(
                [
                    "i had high hopes",
                    "it looked great in the pictures",
                    "the reviews were good",
                    "it started well",
                    "i really wanted to like it",
                    "everyone told me it was good",
                    "it looked promising",
                ]
                if label == 0
                else [
                    "i had low expectations",
                    "i was not sure at first",
                    "it started slowly",
                    "i almost did not go",
                    "i was worried at first",
                    "the reviews were mixed",
                    "i did not expect much",
                ]
            )
            return f"{opener} but {main[0]}", "none", "contrast"
        g = self.group(d)  # form 7: "good but not great", "expensive but worth it"
        if g.verbs is False and d != "weather":
            return None
        np_, n = self.noun_phrase(g)
        t = self.tense(g)
        be = self.be(n, t)
        if label == 0:
            mild = self.pick(["good", "fine", "okay", "decent", "nice", "alright"])
            return (
                f"{np_} {be} {mild} but "
                + self.pick(
                    ["not great", "nothing special", "not amazing", "nothing to write home about", "not brilliant"]
                ),
                t,
                "contrast",
            )
        if L.DOMAINS[d]["worth"] == "money":
            return (
                f"{np_} {be} {self.pick(['expensive', 'pricey', 'not cheap'])} but "
                + self.pick(["worth it", "worth every penny", "worth the money"]),
                t,
                "contrast",
            )
        if L.DOMAINS[d]["worth"] == "time":
            return (
                f"{np_} {be} {self.pick(['long', 'slow at first', 'hard work'])} but "
                + self.pick(["worth it", "worth the effort", "really rewarding"]),
                t,
                "contrast",
            )
        return None

    def contrast_it(self, d: str, label: int):
        """A contrast whose second clause is about the same thing, by pronoun: "the pizza was cold but
        it still tasted great", "the room was small but it was clean"."""
        g = self.group(d)
        np_, n = self.noun_phrase(g)
        if n.name or d == "people" or n.word in PERSON_NOUNS:
            return None
        t = self.tense(g)
        be = self.be(n, t)
        self.soft = True
        own = [a for a in (g.neg if label else g.pos) if not a.multiword]
        first_adj = self.pick(g.too) if label == 1 and g.too and self.chance(0.4) else self.pick(own).word
        self.soft = False
        first = f"{np_} {be} {first_adj}"
        pron = "they" if n.plural else "it"
        a = (
            self.adj(g, label) if label else self.pick([x for x in g.neg if not x.multiword])
        )  # "it was bumpy": its own word
        opts = [f"{pron} {be} {self.intensified(a)}"] + ([f"{pron} {be} still {a.word}"] if label else [])
        if d == "food" and t == "past":
            opts.append(
                f"{pron} still tasted "
                + self.pick(
                    ["great", "good", "amazing", "lovely", "delicious"]
                    if label
                    else ["awful", "bad", "terrible", "horrible", "bland"]
                )
            )
        if label == 1 and L.DOMAINS[d]["worth"]:
            opts.append(f"{pron} {be} worth it")
        word = self.pick(["but", "but", "but", "yet"])
        main = self.pick(opts)
        return f"{first} {word} {main}", "none", "contrast"

    def event(self, d: str, label: int):
        """What happened: "we waited an hour for the food", "it broke after a week"."""
        tpl = self.pick(L.EVENTS[d][label])
        if "|" in tpl:
            idx, tpl = tpl.split("|", 1)
            g = GROUPS[d][int(self.pick(idx.split(",")))]
        else:
            g = self.group(d)
        np_, n = self.noun_phrase(g)
        agent = "{np!}" in tpl
        tpl = tpl.replace("{np!}", "{np}")
        if agent and self.chance(0.4):
            np_ = "they"
        elif "{np}" in tpl and not n.name and self.chance(0.4) and tpl.split("{np}")[0].split()[-1:] not in AFTER_PREP:
            subject = tpl.startswith("{np}")
            if n.plural or n.word in PERSON_NOUNS:
                np_ = "they" if subject else "them"
            elif d == "people":
                np_ = self.pick(["he", "she"]) if subject else self.pick(["him", "her"])
            else:
                np_ = "it"
        if d == "people" and np_.startswith("my ") and " me" in tpl and self.chance(0.3):
            np_ = "our " + np_[3:]
        text = tpl.replace("{np} was", "{np} {was}").format(np=np_, was="were" if n.plural or np_ == "they" else "was")
        return text, "past", "event"

    def pronoun(self, d: str, label: int):
        """About "it", "this" or "that", with no noun: "it was not a good idea", "that was lovely"."""
        if d in ("people", "weather"):
            return None
        worth = L.DOMAINS[d]["worth"] or "money"
        if self.chance(0.45):
            text = self.pick(L.PRONOUN_FIXED[label]).format(worth=worth)
            negs = {"not", "didn't", "never", "no", "wasn't"}
            return text, "none", "negation" if negs & set(text.split()) else "pronoun"
        t = self.pick(["past", "past", "present"])
        subj = self.pick(["it", "it", "this", "that"])
        be = "was" if t == "past" else "is"
        roll = self.r.random()
        if label == 0 and roll < 0.2:
            w = self.pick(["good", "good", "great", "nice", "fun", "worth it", "any good", "very good"])
            return f"{subj} {be}{self.pick(NOTS)} {w}", t, "negation"
        if label == 1 and roll < 0.06:
            return (
                f"{subj} {be}{self.pick(NOTS)} {self.pick(['bad', 'bad at all', 'too bad', 'boring at all'])}",
                t,
                "negation",
            )
        if self.chance(0.5):
            a = self.adj(self.group(d, verbs=any(x.verbs for x in GROUPS[d])), label)
        else:
            a = Adj.parse(self.pick(L.PRONOUN_ADJS[label].split()))
        return f"{subj} {be} {self.intensified(a)}", t, "pronoun"

    def not_a(self, d: str, label: int):
        """A thing called good or bad, negated: "it was not a good idea", "this is not a great film"."""
        g = self.group(d, verbs=True) if any(x.verbs for x in GROUPS[d]) else self.group(d)
        n = self.pick([x for x in g.nouns if not (x.name or x.mass or x.plural)] or [Noun("idea")])
        if self.chance(0.35) or d in ("service", "people") or n.word in PERSON_NOUNS:
            n = Noun(self.pick(["idea", "choice", "plan", "day", "start", "experience"]))
        subj, be = self.pick([("it", "was"), ("it", "was"), ("that", "was"), ("this", "is"), ("it", "is")])
        neg = self.pick([" not", "n't"])
        if label == 0:
            a = self.pick(
                ["good", "good", "great", "nice", "very good", "smart", "fun"]
                if n.word in ("idea", "plan", "choice")
                else ["good", "good", "great", "nice", "very good"]
            )
            return f"{subj} {be}{neg} {article(a)} {a} {n.word}", "none", "negation"
        if self.chance(0.75):  # mostly the plain form, so a bare "bad" stays negative
            a = self.pick(["great", "good", "lovely", "brilliant", "nice"])
            return f"{subj} {be} {article(a)} {a} {n.word}", "none", "copula"
        a = self.pick(["bad", "bad", "terrible"])
        return f"{subj} {be}{neg} {article(a)} {a} {n.word}", "none", "negation"

    def joined(self, d: str, label: int):
        """Two clauses of the same polarity: "the food was fresh and the staff were friendly"."""
        a = self.copula(d, label)
        if self.chance(0.3) and not a[0].startswith("the "):
            return None
        other = d if self.chance(0.8) else self.pick(L.RELATED[d])
        b = self.pick([self.copula, self.negated, self.verb])(other, label)
        if not b or not b[0] or same_thing(a[0], b[0]):
            return None
        return f"{a[0]} and {b[0]}", "none", "joined"

    # ----- filler -----
    def dress(self, text: str, tense: str, kind: str) -> str | None:
        """Neutral filler around a sentence, matched to its tense."""
        roll = self.r.random()
        if roll < 0.12:
            p, pt = self.pick(L.PREFIXES)
            sayish = p in (
                "i think",
                "i thought",
                "my friend said",
                "barry said",
                "we both thought",
                "i feel like",
                "my mum says",
                "everyone agrees",
                "in my opinion",
            )
            if sayish and kind not in ("copula", "negation", "too"):
                return text
            if sayish and text.startswith(("i ", "we ")):
                return text
            if kind in ("exclaim", "superlative", "verdict") and p not in (
                "honestly",
                "to be honest",
                "i must say",
                "overall",
                "well",
            ):
                return text
            if pt == "any" or (pt == tense):
                if tense == "none" and pt != "any":
                    return text
                sep = ", " if self.chance(0.5) and not sayish else " "
                return f"{p}{sep}{text}"
        elif roll < 0.20:
            s, st = self.pick(L.SUFFIXES)
            if kind == "negation" and s not in ("to be honest", "this time", "if i am honest", "in my opinion"):
                return text
            if (
                tense != "none"
                and (st == "any" or st == tense)
                and kind in ("copula", "negation", "too", "verb", "feeling")
            ):
                return f"{text} {s}"
        elif roll < 0.28 and tense == "past" and text.startswith("the ") and kind in ("copula", "negation", "too"):
            return None  # a scene opener is added by the caller
        return text

    def sentence(self, d: str, label: int) -> tuple[str, str] | None:
        table = [
            (self.copula, 22),
            (self.negated, 12),
            (self.verb, 9),
            (self.feeling, 5),
            (self.too, 4),
            (self.exclaim, 4),
            (self.superlative, 4),
            (self.verdict, 5),
            (self.never, 6),
            (self.phrase, 4),
            (self.contrast, 12),
            (self.contrast_it, 5),
            (self.joined, 3),
            (self.weather_it, 6),
            (self.event, 14),
            (self.pronoun, 9),
            (self.not_a, 3),
        ]
        fns, weights = zip(*table, strict=True)
        fn = self.r.choices(fns, weights)[0]
        self.forced = (
            self.pick(["past", "past", "present"]) if fn in (self.contrast, self.contrast_it, self.joined) else None
        )
        got = fn(d, label)
        self.forced = None
        if not got or not got[0]:
            return None
        text, tense, kind = got
        dressed = self.dress(text, tense, kind)
        if dressed is None:
            dressed = f"{self.pick(L.DOMAINS[d]['scenes'])} and {text}"
        return dressed, kind


def tokens(text: str) -> tuple[str, ...]:
    from rnn_tui.engine.text import tokenize

    return tuple(tokenize(text))


def generate(seed: int = SEED, per_label: int = PER_LABEL) -> list[dict]:
    """Rows of text, label, split, domain, kind; the lecture's three first, in train."""
    rng = random.Random(seed)
    m = Maker(rng)
    with PLAIN.open(newline="", encoding="utf-8") as f:
        seen: set[tuple[str, ...]] = {tokens(r["text"]) for r in csv.DictReader(f)}
    rows = []
    for text, label in LECTURE:
        seen.add(tokens(text))
        rows.append({"text": text, "label": label, "split": "train", "domain": "lecture", "kind": "lecture"})
    for d in L.DOMAINS:
        for label in (0, 1):
            got = []
            tries = 0
            while len(got) < per_label:
                tries += 1
                if tries > per_label * 200:
                    raise RuntimeError(f"{d}/{label}: only {len(got)} sentences")
                s = m.sentence(d, label)
                if not s:
                    continue
                text, kind = s
                text = " ".join(text.split())
                tok = tokens(text)
                if not MIN_WORDS <= len(tok) <= MAX_WORDS or tok in seen:
                    continue
                seen.add(tok)
                got.append({"text": text, "label": label, "domain": d, "kind": kind})
            rng.shuffle(got)
            n_val = n_test = round(per_label * SPLITS[1][1])
            for i, row in enumerate(got):
                row["split"] = "val" if i < n_val else "test" if i < n_val + n_test else "train"
            rows.extend(got)
    head, rest = rows[:3], rows[3:]
    rng.shuffle(rest)
    return head + rest


def to_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["text", "label", "split"])
    for r in rows:
        w.writerow([r["text"], r["label"], r["split"]])
    return buf.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, help="print this many random sentences instead of writing the file")
    ap.add_argument("--sample-seed", type=int, default=None)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    rows = generate()
    if args.sample:
        for r in random.Random(args.sample_seed).sample(rows, args.sample):
            print(f"{r['label']} {r['domain']:9} {r['kind']:11} {r['text']}")
        return
    args.out.write_text(to_csv(rows), encoding="utf-8", newline="")
    print(f"{args.out}: {len(rows)} sentences")


if __name__ == "__main__":
    main()
