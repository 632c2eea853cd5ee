"""Train the sentiment model on rnn_tui/engine/data/everyday_sentiment.csv with the project's
engine and report accuracy on its test split and on the hand-written held-out sentences in
tests/data/plain_sentences.csv (negations and contrasts separately).

The recipe: a vocabulary from the training split only (words seen fewer than --min-count times
read as <unk>), a share --unk-drop of training words replaced by <unk> afresh each epoch (so one
unknown word does not decide a label), Adam, and early stopping on the validation loss (the best
epoch's weights are kept). Run from the project root, gently, on a shared machine:

    nice python scripts/eval_sentiment.py                  # one seed
    nice python scripts/eval_sentiment.py --seeds 0 1 2 3 4
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from collections import Counter
from pathlib import Path

import numpy as np

from rnn_tui.engine.corpus import Corpus, Sentence
from rnn_tui.engine.rnn import Params
from rnn_tui.engine.text import UNK, Vocabulary
from rnn_tui.engine.train import Config, Example, Trainer, loss_and_grads, make_task

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "rnn_tui" / "engine" / "data" / "everyday_sentiment.csv"
PLAIN = ROOT / "tests" / "data" / "plain_sentences.csv"
NEGATORS = {"not", "t", "never", "no", "nobody", "nothing", "longer"}  # "t": didn't, wasn't (the tokenizer splits them)
CONTRAST = {"but", "although", "though", "however", "yet"}


def read_rows(path: Path, split_default: str = "train") -> list[Sentence]:
    """The csv module, not load_corpus: the loader may not accept a val split yet."""
    with path.open(newline="", encoding="utf-8") as f:
        return [Sentence(r["text"], int(r["label"]), r.get("split") or split_default) for r in csv.DictReader(f)]


def build_vocab(train: list[Sentence], min_count: int) -> Vocabulary:
    counts = Counter(w for s in train for w in s.words)
    return Vocabulary.build([[w for w in s.words if counts[w] >= min_count] for s in train])


def dropped(examples: list[Example], unk: int, share: float, rng: np.random.Generator) -> list[Example]:
    """Each word replaced by <unk> with probability `share`; at least one word is kept."""
    out = []
    for ex in examples:
        x = list(ex.x)
        hit = rng.random(len(x)) < share
        if hit.all():
            hit[rng.integers(len(x))] = False
        out.append(Example(tuple(unk if h else i for i, h in zip(x, hit)), ex.targets))
    return out


def accuracy(p: Params, examples: list[Example]) -> float:
    return sum(loss_and_grads(p, ex).correct for ex in examples) / len(examples)


def predict(p: Params, ex: Example) -> int:
    h = np.zeros(p.hidden_size)
    for i in ex.x:
        h = np.tanh((p.W_ih[:, i] if i is not None else 0.0) + p.b_ih + p.W_hh @ h + p.b_hh)
    return int(np.argmax(p.W_out @ h + p.b_out))


def run(seed: int, args, sentences: list[Sentence], plain: list[Sentence], verbose: bool) -> dict:
    train = [s for s in sentences if s.split == "train"]
    val = [s for s in sentences if s.split == "val"]
    test = [s for s in sentences if s.split == "test"]
    vocab = build_vocab(train, args.min_count)
    task = make_task("sentiment", Corpus(tuple(train), "everyday"), vocab)
    ex = lambda ss: task.examples(Corpus(tuple(ss), "everyday"))
    train_ex, val_ex, test_ex, plain_ex = ex(train), ex(val), ex(test), ex(plain)
    config = Config(hidden=args.hidden, epochs=args.epochs, lr=args.lr, seed=seed, batch_size=args.batch)
    trainer = Trainer(task, train_ex, val_ex, config)
    rng = np.random.default_rng(seed + 1000)
    unk = vocab.index(UNK)
    best, best_loss, best_epoch, since = trainer.params, float("inf"), 0, 0
    t0 = time.time()
    for epoch in range(1, args.epochs + 1):
        if args.unk_drop > 0:
            trainer.train_set = dropped(train_ex, unk, args.unk_drop, rng)
        s = trainer.epoch()
        if s.heldout_loss < best_loss - 1e-4:
            best, best_loss, best_epoch, since = trainer.params, s.heldout_loss, epoch, 0
        else:
            since += 1
        if verbose:
            print(f"  epoch {epoch:2d}: loss {s.loss:.3f} acc {s.accuracy:.1%}  val loss {s.heldout_loss:.3f} "
                  f"acc {s.heldout_accuracy:.1%}  ({time.time() - t0:.0f} s)", flush=True)
        if since >= args.patience:
            break
    neg = [e for e, s in zip(plain_ex, plain) if NEGATORS & set(s.words)]
    con = [e for e, s in zip(plain_ex, plain) if CONTRAST & set(s.words)]
    unk_plain = [e for e, s in zip(plain_ex, plain) if any(w not in vocab for w in s.words)]
    result = {
        "seed": seed, "best_epoch": best_epoch, "val_loss": best_loss, "V": vocab.size,
        "test": accuracy(best, test_ex), "plain": accuracy(best, plain_ex),
        "plain_neg": accuracy(best, neg), "plain_contrast": accuracy(best, con), "plain_unk": accuracy(best, unk_plain),
        "n_neg": len(neg), "n_con": len(con), "n_unk": len(unk_plain), "seconds": time.time() - t0,
    }
    if verbose:
        wrong = [(s.text, s.label) for e, s in zip(plain_ex, plain) if predict(best, e) != s.label]
        print(f"  plain sentences wrong ({len(wrong)}):")
        for text, label in wrong:
            print(f"    [{label}] {text}   (read as: {' '.join(vocab.shown(w) for w in Sentence(text).words)})")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[0])
    ap.add_argument("--hidden", type=int, default=32)
    ap.add_argument("--epochs", type=int, default=25)
    ap.add_argument("--lr", type=float, default=0.005)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--patience", type=int, default=4, help="epochs without a better validation loss before stopping")
    ap.add_argument("--unk-drop", type=float, default=0.05, help="share of training words read as <unk>, per epoch")
    ap.add_argument("--min-count", type=int, default=2, help="words seen fewer times in train read as <unk>")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--plain", type=Path, default=PLAIN)
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args()
    sentences = read_rows(args.data)
    plain = read_rows(args.plain, "test")
    print(f"{args.data.name}: {len(sentences)} sentences; plain held-out: {len(plain)}; "
          f"H={args.hidden} lr={args.lr} batch={args.batch} epochs<={args.epochs} patience={args.patience} "
          f"unk-drop={args.unk_drop} min-count={args.min_count}", flush=True)
    results = []
    for seed in args.seeds:
        r = run(seed, args, sentences, plain, verbose=not args.quiet)
        results.append(r)
        print(f"seed {seed}: best epoch {r['best_epoch']}, V={r['V']}, test {r['test']:.1%}, plain {r['plain']:.1%} "
              f"(negations {r['plain_neg']:.1%} of {r['n_neg']}, contrast {r['plain_contrast']:.1%} of {r['n_con']}, "
              f"with unknown words {r['plain_unk']:.1%} of {r['n_unk']}), {r['seconds']:.0f} s", flush=True)
    if len(results) > 1:
        for key in ("test", "plain", "plain_neg", "plain_contrast", "plain_unk"):
            vals = [r[key] for r in results]
            print(f"{key:15s} mean {statistics.mean(vals):.1%}  sd {statistics.stdev(vals):.1%}  "
                  f"min {min(vals):.1%}  max {max(vals):.1%}")


if __name__ == "__main__":
    main()
