"""Train the shipped English-to-French encoder-decoder, rnn_tui/engine/data/translation.npz
("translation-en-fr"), on rnn_tui/engine/data/translation_en_fr.csv. Seeded: the same run gives
the same weights. Run from the project root:

    python scripts/train_translation.py              # train with the shipped recipe and write the file
    python scripts/train_translation.py --no-save --hidden 128 --epochs 10   # try another recipe
    python scripts/train_translation.py --no-save --plain   # the plain encoder-decoder, for comparison

Prints each epoch's losses and validation exact match, then the exact match on train, val and
test (greedy decoding, word for word as the reference) and the lecture's three sentences.
"""

from __future__ import annotations

import os

# One BLAS thread: the matrices are small (a batch of 16 by H), and a second thread only contends.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import time  # noqa: E402

from rnn_tui.engine import weights  # noqa: E402
from rnn_tui.engine.models import BUILTIN, TRANSLATION, data_path  # noqa: E402
from rnn_tui.engine.seq2seq import Pair, Seq2SeqTrainer, build_vocabularies, exact_match, load_pairs, to_pair, translate  # noqa: E402
from rnn_tui.engine.text import tokenize  # noqa: E402
from rnn_tui.engine.train import Config  # noqa: E402

# The shipped recipe.
RECIPE = {"hidden": 256, "epochs": 40, "lr": 0.002, "batch_size": 16, "seed": 0, "patience": 5, "clip": 5.0,
          "lr_decay": 0.93}
LECTURE = (("Hi my name is Barry", "Salut je m'appelle Barry"),
           ("I love AI", "J'adore l'IA"),
           ("Barry is my name", "Barry est mon nom"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for key, value in RECIPE.items():
        ap.add_argument(f"--{key.replace('_', '-')}", type=type(value), default=value)
    ap.add_argument("--forwards", action="store_true", help="read the source in order (the default reverses it)")
    ap.add_argument("--plain", action="store_true",
                    help="the decoder reads only the words (the default also feeds it the encoder's last state)")
    ap.add_argument("--no-save", action="store_true", help="report only; do not write the .npz")
    ap.add_argument("--out", default=str(data_path(BUILTIN[TRANSLATION])))
    args = ap.parse_args()

    corpus = load_pairs(str(data_path("translation_en_fr.csv")))
    splits = {name: corpus.split(name) for name in ("train", "val", "test")}
    source, target, labels = build_vocabularies(splits["train"])

    def pairs(name: str) -> list[Pair]:
        return [to_pair(source, target, labels, s, t) for s, t in splits[name]]

    config = Config(hidden=args.hidden, epochs=args.epochs, lr=args.lr, batch_size=args.batch_size,
                    seed=args.seed, patience=args.patience, clip=args.clip)
    trainer = Seq2SeqTrainer(source, target, labels, pairs("train"), pairs("val"), config,
                             reverse_source=not args.forwards, context_every_step=not args.plain,
                             lr_decay=args.lr_decay)
    print(f"{len(splits['train'])} train / {len(splits['val'])} val / {len(splits['test'])} test pairs; "
          f"Vs={source.size}, Vt={target.size}, O={len(labels)}; {config}; "
          f"source {'in order' if args.forwards else 'reversed'}"
          f"{'; context at every decoder step' if not args.plain else ''}; lr x{args.lr_decay:g} per epoch", flush=True)
    start = time.perf_counter()
    while not trainer.finished:
        loss, val = trainer.epoch()
        em = exact_match(trainer.model(best=False), splits["val"])
        print(f"epoch {len(trainer.history):3d}  train loss {loss:.4f}  val loss {val:.4f}  val exact {em:.1%}  "
              f"({time.perf_counter() - start:.0f} s)", flush=True)
    seconds = time.perf_counter() - start
    model = trainer.model(TRANSLATION)
    print(f"trained in {seconds:.0f} s; kept epoch {trainer.best_epoch} (lowest val loss)")
    for name, split in splits.items():
        print(f"exact match {name}: {exact_match(model, split):.1%} of {len(split)}")
    for en, fr in LECTURE:
        written = " ".join(translate(model, tokenize(en)).output)
        print(f"{en!r} -> {written!r} ({'exact' if written == ' '.join(tokenize(fr)) else 'WRONG'})")
    if not args.no_save:
        print(f"wrote {weights.save_seq2seq(model, args.out, overwrite=True)}")


if __name__ == "__main__":
    main()
