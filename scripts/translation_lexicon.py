"""The bilingual lexicon behind rnn_tui/engine/data/translation_en_fr.csv (English to French).

Read by scripts/make_translation_data.py. Every English word has one French translation in a
given context, so each source sentence has exactly one right answer and exact match is a
fair score. Where English leaves something open, one choice is made once for the whole corpus:

  * "you" is always "tu" (informal singular); "they" is always "ils".
  * "I", "you" and "we" with an adjective take the masculine ("Je suis fatigué").
  * "like" is "aimer" and "love" is "adorer" (so "I love AI" is "J'adore l'IA").
  * "his" and "her" are both son / sa / ses: the French possessive agrees with the thing owned.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- nouns ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Noun:
    en: str                   # English singular
    en_pl: str | None         # English plural; None for a mass noun (water, bread)
    fr: str                   # French singular
    fr_pl: str | None         # French plural
    gender: str               # "m" or "f"
    kind: str                 # person, animal, object, food, drink, readable, place, thing
    count: bool = True        # takes a / an and a plural
    # What "a" / "the" may come with in English; mass drinks such as coffee may also be countable
    # ("a coffee") when `cup` is set.
    cup: bool = False
    colours: tuple[str, ...] = ()   # colour adjectives that make sense for it (English)
    sizes: tuple[str, ...] = ()     # other attributive adjectives that make sense for it (English)


PEOPLE = (
    Noun("man", "men", "homme", "hommes", "m", "person"),
    Noun("woman", "women", "femme", "femmes", "f", "person"),
    Noun("boy", "boys", "garçon", "garçons", "m", "person"),
    Noun("girl", "girls", "fille", "filles", "f", "person"),
    Noun("child", "children", "enfant", "enfants", "m", "person"),
)

# "my fathers" is not something people say: father and mother have no plural here.
FAMILY = (
    Noun("father", None, "père", None, "m", "person"),
    Noun("mother", None, "mère", None, "f", "person"),
    Noun("brother", "brothers", "frère", "frères", "m", "person"),
    Noun("sister", "sisters", "sœur", "sœurs", "f", "person"),
)

ANIMALS = (
    Noun("dog", "dogs", "chien", "chiens", "m", "animal", colours=("black", "white"), sizes=("big", "small", "old")),
    Noun("cat", "cats", "chat", "chats", "m", "animal", colours=("black", "white"), sizes=("big", "small", "old")),
    Noun("bird", "birds", "oiseau", "oiseaux", "m", "animal", colours=("blue", "red", "green"), sizes=("small", "beautiful")),
    Noun("horse", "horses", "cheval", "chevaux", "m", "animal", colours=("black", "white"), sizes=("big", "old", "beautiful")),
)

OBJECTS = (
    Noun("car", "cars", "voiture", "voitures", "f", "object", colours=("red", "blue", "black", "white", "green"), sizes=("big", "small", "new", "old", "beautiful")),
    Noun("house", "houses", "maison", "maisons", "f", "object", colours=("white", "blue"), sizes=("big", "small", "new", "old", "beautiful")),
    Noun("bike", "bikes", "vélo", "vélos", "m", "object", colours=("red", "blue", "black", "green"), sizes=("new", "old")),
    Noun("phone", "phones", "téléphone", "téléphones", "m", "object", colours=("black", "white"), sizes=("new", "old")),
    Noun("computer", "computers", "ordinateur", "ordinateurs", "m", "object", colours=("black", "white"), sizes=("new", "old", "small")),
    Noun("hat", "hats", "chapeau", "chapeaux", "m", "object", colours=("red", "black", "green", "blue"), sizes=("big", "small", "new", "beautiful")),
    Noun("bag", "bags", "sac", "sacs", "m", "object", colours=("red", "black", "blue"), sizes=("big", "small", "new")),
    Noun("key", "keys", "clé", "clés", "f", "object", sizes=("small", "new")),
    Noun("book", "books", "livre", "livres", "m", "object", colours=("red", "blue"), sizes=("good", "new", "old", "small")),
)
TABLE = Noun("table", "tables", "table", "tables", "f", "object")  # only as a place: on / under the table

FOODS = (
    Noun("apple", "apples", "pomme", "pommes", "f", "food", colours=("red", "green"), sizes=("small", "good")),
    Noun("orange", "oranges", "orange", "oranges", "f", "food", sizes=("small", "good")),
    Noun("cake", "cakes", "gâteau", "gâteaux", "m", "food", sizes=("small", "good")),
    Noun("bread", None, "pain", None, "m", "food", count=False),
    Noun("cheese", None, "fromage", None, "m", "food", count=False),
)

DRINKS = (
    Noun("water", None, "eau", None, "f", "drink", count=False),
    Noun("coffee", None, "café", None, "m", "drink", count=False, cup=True),
    Noun("tea", None, "thé", None, "m", "drink", count=False, cup=True),
    Noun("milk", None, "lait", None, "m", "drink", count=False),
)

# Places: English "to" / "at" phrase (with or without "the"), and French noun and gender.
# `the` False: "to school", "at school" (French keeps its article: "à l'école").
@dataclass(frozen=True)
class Place:
    en: str
    fr: str
    gender: str
    the: bool = True
    city: bool = False       # a city: "to Paris", "in Paris" -> "à Paris", no article


PLACES = (
    Place("park", "parc", "m"),
    Place("beach", "plage", "f"),
    Place("school", "école", "f", the=False),
    Place("cinema", "cinéma", "m"),
    Place("market", "marché", "m"),
    Place("hospital", "hôpital", "m"),
)

CITIES = (
    Place("Paris", "Paris", "m", city=True),
    Place("London", "Londres", "m", city=True),
)

# Where someone or something is: "in the garden" -> "dans le jardin".
ROOMS = (
    Noun("garden", "gardens", "jardin", "jardins", "m", "place"),
    Noun("kitchen", "kitchens", "cuisine", "cuisines", "f", "place"),
)

LANGUAGES = (("French", "français"), ("English", "anglais"), ("Spanish", "espagnol"))

# Things one likes or talks about that are neither animals nor objects: "the" in French.
TOPICS = (
    Noun("AI", None, "IA", None, "f", "thing", count=False),
    Noun("music", None, "musique", None, "f", "thing", count=False),
)
FILMS = (
    Noun("film", "films", "film", "films", "m", "film", sizes=("good", "new", "old")),
)


# --- names ---------------------------------------------------------------------------------

NAMES = (("Barry", "m"), ("Paul", "m"), ("Anna", "f"), ("Marie", "f"))


# --- adjectives ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Adj:
    en: str
    ms: str                 # masculine singular
    fs: str                 # feminine singular
    mp: str                 # masculine plural
    fp: str                 # feminine plural
    before: bool = False    # goes before the noun in French ("un grand chien")
    ms_vowel: str | None = None  # masculine singular before a vowel ("un vieil homme")
    predicate: bool = True  # may follow "is" ("the car is red"); "new" may not ("neuve", not "nouvelle")

    def form(self, gender: str, plural: bool) -> str:
        return {("m", False): self.ms, ("f", False): self.fs, ("m", True): self.mp, ("f", True): self.fp}[gender, plural]


ADJECTIVES = {a.en: a for a in (
    # before the noun
    Adj("big", "grand", "grande", "grands", "grandes", before=True),
    Adj("tall", "grand", "grande", "grands", "grandes", before=True),
    Adj("small", "petit", "petite", "petits", "petites", before=True),
    Adj("good", "bon", "bonne", "bons", "bonnes", before=True),
    Adj("new", "nouveau", "nouvelle", "nouveaux", "nouvelles", before=True, ms_vowel="nouvel", predicate=False),
    Adj("old", "vieux", "vieille", "vieux", "vieilles", before=True, ms_vowel="vieil"),
    Adj("beautiful", "beau", "belle", "beaux", "belles", before=True, ms_vowel="bel"),
    # after the noun
    Adj("red", "rouge", "rouge", "rouges", "rouges"),
    Adj("blue", "bleu", "bleue", "bleus", "bleues"),
    Adj("black", "noir", "noire", "noirs", "noires"),
    Adj("white", "blanc", "blanche", "blancs", "blanches"),
    Adj("green", "vert", "verte", "verts", "vertes"),
    Adj("hot", "chaud", "chaude", "chauds", "chaudes"),
    Adj("cold", "froid", "froide", "froids", "froides"),
    # said of people (predicate only in this corpus)
    Adj("tired", "fatigué", "fatiguée", "fatigués", "fatiguées"),
    Adj("happy", "heureux", "heureuse", "heureux", "heureuses"),
)}

PERSON_ADJECTIVES = ("tall", "old", "tired", "happy")
FOOD_ADJECTIVES = ("hot", "cold", "good")
THING_PREDICATES = ("big", "small", "old", "beautiful")  # besides colours: "the house is old"


# --- subjects and verbs ----------------------------------------------------------------------

# Persons: 1s, 2s, 3s, 1p, 3p. English present: base form except "s" in the third singular.
@dataclass(frozen=True)
class Pronoun:
    en: str
    fr: str
    person: str
    gender: str = "m"


PRONOUNS = (
    Pronoun("I", "je", "1s"),
    Pronoun("you", "tu", "2s"),
    Pronoun("he", "il", "3s"),
    Pronoun("she", "elle", "3s", "f"),
    Pronoun("we", "nous", "1p"),
    Pronoun("they", "ils", "3p"),
)

# Possessive determiners per owner (English, then French m sg / f sg / pl).
POSSESSIVES = {
    "my": ("mon", "ma", "mes"),
    "your": ("ton", "ta", "tes"),
    "his": ("son", "sa", "ses"),
    "her": ("son", "sa", "ses"),
    "our": ("notre", "notre", "nos"),
    "their": ("leur", "leur", "leurs"),
}


@dataclass(frozen=True)
class Verb:
    en: str                 # base form ("like")
    en_s: str               # third person singular ("likes")
    fr: tuple[str, str, str, str, str]  # je, tu, il/elle, nous, ils/elles

    def fr_form(self, person: str) -> str:
        return self.fr[("1s", "2s", "3s", "1p", "3p").index(person)]


VERBS = {v.en: v for v in (
    Verb("like", "likes", ("aime", "aimes", "aime", "aimons", "aiment")),
    Verb("love", "loves", ("adore", "adores", "adore", "adorons", "adorent")),
    Verb("have", "has", ("ai", "as", "a", "avons", "ont")),
    Verb("want", "wants", ("veux", "veux", "veut", "voulons", "veulent")),
    Verb("eat", "eats", ("mange", "manges", "mange", "mangeons", "mangent")),
    Verb("drink", "drinks", ("bois", "bois", "boit", "buvons", "boivent")),
    Verb("see", "sees", ("vois", "vois", "voit", "voyons", "voient")),
    Verb("speak", "speaks", ("parle", "parles", "parle", "parlons", "parlent")),
    Verb("talk", "talks", ("parle", "parles", "parle", "parlons", "parlent")),
    Verb("live", "lives", ("habite", "habites", "habite", "habitons", "habitent")),
    Verb("go", "goes", ("vais", "vas", "va", "allons", "vont")),
    Verb("be", "is", ("suis", "es", "est", "sommes", "sont")),
)}

EN_BE = {"1s": "am", "2s": "are", "3s": "is", "1p": "are", "3p": "are"}

# "I am hungry" is "J'ai faim": English "be" with these is French "avoir" with a noun.
HUNGER = (("hungry", "faim"), ("thirsty", "soif"))

NUMBERS = (("two", "deux"),)

# Words that begin with a vowel sound in French although they begin with h (h muet).
H_MUET = frozenset({"homme", "hommes", "hôpital", "habite", "habites", "habitons", "habitent"})
