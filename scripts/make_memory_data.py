"""Make rnn_tui/engine/data/memory.csv: the memory task, written for this project. Each sentence
opens with a word that decides its label (positive or negative), then 20 to 40 neutral filler
words follow, so a model must carry one early word across the whole sentence to answer at the
end. The trained Elman cell forgets it (its gradient vanishes long before it gets back there);
the GRU and the LSTM keep it. Seeded; run from the project root:

    python scripts/make_memory_data.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "rnn_tui" / "engine" / "data" / "memory.csv"
SEED = 13
SPLITS = {"train": 2000, "val": 300, "test": 600}
FILLERS = (20, 40)   # how many neutral words follow the deciding one, inclusive

POSITIVE = ("great", "wonderful", "lovely", "excellent", "brilliant", "superb", "delightful", "fantastic",
            "good", "charming", "perfect", "pleasant")
NEGATIVE = ("awful", "terrible", "horrible", "dreadful", "poor", "boring", "bad", "dismal", "painful",
            "miserable", "ugly", "unpleasant")
OPENERS = ("it was", "that was", "honestly it was", "the day was", "the trip was", "our meal was")
NEUTRAL = ("and", "then", "we", "walked", "to", "the", "station", "after", "lunch", "with", "a", "friend",
           "who", "talked", "about", "trains", "maps", "weather", "in", "town", "while", "it", "got", "late",
           "so", "they", "took", "bus", "home", "past", "shops", "river", "bridge", "near", "park", "on",
           "tuesday", "morning", "some", "people", "waited", "for", "tea", "at", "corner", "table")


def sentence(rng: np.random.Generator, label: int) -> str:
    word = rng.choice(POSITIVE if label else NEGATIVE)
    n = int(rng.integers(FILLERS[0], FILLERS[1] + 1))
    return " ".join([str(rng.choice(OPENERS)), str(word), *(str(w) for w in rng.choice(NEUTRAL, size=n))])


def main(out: Path = OUT) -> None:
    rng = np.random.default_rng(SEED)
    rows = []
    for split, n in SPLITS.items():
        labels = rng.permutation(np.arange(n) % 2)   # balanced: half positive
        rows += [(sentence(rng, int(label)), int(label), split) for label in labels]
    with out.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["text", "label", "split"])
        w.writerows(rows)
    print(f"wrote {out} ({len(rows)} sentences: {SPLITS})")


if __name__ == "__main__":
    main()
