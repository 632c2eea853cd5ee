"""Train the sentiment model on rnn_tui/engine/data/everyday_sentiment.csv with the project's
engine and report accuracy on its test split and on the hand-written held-out sentences in
tests/data/plain_sentences.csv (negations, contrasts and sentences with unknown words apart).

The recipe, all in the engine: a vocabulary from the training split only (words seen fewer than
--min-count times read as <unk>: Vocabulary.build(min_count)), a share --unk-rate of training
words read as <unk> afresh each epoch (Config.unk_rate), Adam, and early stopping on the
validation loss (Config.patience; the best epoch's weights, trainer.model(best=True), are the
ones scored). Run from the project root, gently, on a shared machine:

    nice python scripts/eval_sentiment.py                      # one seed, with the plain failures
    nice python scripts/eval_sentiment.py --seeds 0 1 2 3 4 -q
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from rnn_tui.engine.corpus import Corpus, load_corpus
from rnn_tui.engine.text import Vocabulary
from rnn_tui.engine.train import SHIPPED_CONFIG, SHIPPED_MODEL, Config, Trainer, evaluate, make_task, score

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "rnn_tui" / "engine" / "data" / "everyday_sentiment.csv"
PLAIN = ROOT / "tests" / "data" / "plain_sentences.csv"
NEGATORS = {"not", "t", "never", "no", "nobody", "nothing", "longer"}  # "t": didn't, wasn't (the tokenizer splits them)
CONTRAST = {"but", "although", "though", "however", "yet"}

# The recipe: what the shipped model is trained with (scripts/train_shipped.py), from the one place
# that says so. H = 32, lr 0.003, batch 16, at most 40 epochs, patience 6, unk-rate 0.05, min-count 2.
_SHIPPED = SHIPPED_CONFIG["sentiment"]
RECIPE = {"hidden": SHIPPED_MODEL["sentiment"]["hidden"], "lr": _SHIPPED["lr"], "batch": _SHIPPED["batch_size"],
          "epochs": _SHIPPED["epochs"], "patience": _SHIPPED["patience"], "unk_rate": _SHIPPED["unk_rate"],
          "min_count": SHIPPED_MODEL["sentiment"]["min_count"]}


def run(seed: int, args, data: Corpus, plain: Corpus, verbose: bool) -> dict:
    train, val, test = data.split("train"), data.split("val"), data.split("test")
    vocab = Vocabulary.build((s.words for s in train.sentences), min_count=args.min_count)
    task = make_task("sentiment", train, vocab)
    train_ex, val_ex, test_ex, plain_ex = (task.examples(c) for c in (train, val, test, plain))
    config = Config(
        hidden=args.hidden,
        epochs=args.epochs,
        lr=args.lr,
        seed=seed,
        batch_size=args.batch,
        patience=args.patience,
        unk_rate=args.unk_rate,
        clip=_SHIPPED["clip"],
    )
    trainer = Trainer(task, train_ex, val_ex, config)
    t0 = time.time()
    while not trainer.finished:
        s = trainer.epoch()
        if verbose:
            print(
                f"  epoch {s.epoch:2d}: loss {s.loss:.3f} acc {s.accuracy:.1%}  val loss {s.heldout_loss:.3f} "
                f"acc {s.heldout_accuracy:.1%}{' *' if s.best else ''}  ({time.time() - t0:.0f} s)",
                flush=True,
            )
    best = trainer.model(best=True).params
    ps = plain.sentences
    right = [score(best, e).correct == 1 for e in plain_ex]

    def share(keep) -> tuple[float, int]:
        got = [r for r, s in zip(right, ps, strict=True) if keep(s)]
        return (sum(got) / len(got) if got else float("nan")), len(got)

    result = {
        "seed": seed,
        "best_epoch": trainer.best_epoch,
        "epochs": len(trainer.history),
        "V": vocab.size,
        "val_loss": trainer.history[trainer.best_epoch - 1].heldout_loss,
        "test": evaluate(best, test_ex)[1],
        "plain": sum(right) / len(right),
        "seconds": time.time() - t0,
    }
    for key, keep in (
        ("neg", lambda s: NEGATORS & set(s.words)),
        ("contrast", lambda s: CONTRAST & set(s.words)),
        ("unk", lambda s: any(w not in vocab for w in s.words)),
    ):
        result[f"plain_{key}"], result[f"n_{key}"] = share(keep)
    result["wrong"] = [
        (s.text, s.label, " ".join(vocab.shown(w) for w in s.words)) for r, s in zip(right, ps, strict=True) if not r
    ]
    if verbose:
        print(f"  plain sentences wrong ({len(result['wrong'])}):")
        for text, label, shown in result["wrong"]:
            print(f"    [{label}] {text}   (read as: {shown})")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[0])
    ap.add_argument("--hidden", type=int, default=RECIPE["hidden"])
    ap.add_argument("--epochs", type=int, default=RECIPE["epochs"], help="at most this many epochs")
    ap.add_argument("--lr", type=float, default=RECIPE["lr"])
    ap.add_argument("--batch", type=int, default=RECIPE["batch"])
    ap.add_argument(
        "--patience",
        type=int,
        default=RECIPE["patience"],
        help="epochs without a better validation loss before stopping",
    )
    ap.add_argument(
        "--unk-rate", type=float, default=RECIPE["unk_rate"], help="share of training words read as <unk>, per epoch"
    )
    ap.add_argument(
        "--min-count", type=int, default=RECIPE["min_count"], help="words seen fewer times in train read as <unk>"
    )
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--plain", type=Path, default=PLAIN)
    ap.add_argument(
        "-q", "--quiet", action="store_true", help="no epoch lines; the plain failures once, counted over seeds"
    )
    args = ap.parse_args()
    data, plain = load_corpus(args.data), load_corpus(args.plain)
    print(
        f"{args.data.name}: {len(data.sentences)} sentences; plain held-out: {len(plain.sentences)}; "
        f"H={args.hidden} lr={args.lr} batch={args.batch} epochs<={args.epochs} patience={args.patience} "
        f"unk-rate={args.unk_rate} min-count={args.min_count}",
        flush=True,
    )
    results = []
    for seed in args.seeds:
        r = run(seed, args, data, plain, verbose=not args.quiet)
        results.append(r)
        print(
            f"seed {seed}: best epoch {r['best_epoch']} of {r['epochs']}, val loss {r['val_loss']:.3f}, V={r['V']}, "
            f"test {r['test']:.1%}, plain {r['plain']:.1%} (negations {r['plain_neg']:.1%} of {r['n_neg']}, "
            f"contrast {r['plain_contrast']:.1%} of {r['n_contrast']}, with unknown words {r['plain_unk']:.1%} "
            f"of {r['n_unk']}), {r['seconds']:.0f} s",
            flush=True,
        )
    if len(results) > 1:
        for key in ("test", "plain", "plain_neg", "plain_contrast", "plain_unk"):
            vals = [r[key] for r in results]
            print(
                f"{key:15s} mean {statistics.mean(vals):.1%}  sd {statistics.stdev(vals):.1%}  "
                f"min {min(vals):.1%}  max {max(vals):.1%}"
            )
        if args.quiet:
            counts: dict[tuple[str, int, str], int] = {}
            for r in results:
                for w in r["wrong"]:
                    counts[w] = counts.get(w, 0) + 1
            print(f"plain sentences wrong (in how many of {len(results)} seeds):")
            for (text, label, shown), n in sorted(counts.items(), key=lambda kv: -kv[1]):
                print(f"  {n}  [{label}] {text}   (read as: {shown})")


if __name__ == "__main__":
    main()
