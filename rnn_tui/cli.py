"""Entry points. Every bad input becomes one line on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rnn_tui.engine.errors import InputError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing for --help
if TYPE_CHECKING:
    from typing import Any, NoReturn

    from rnn_tui.engine.rnn import Model
    from rnn_tui.engine.train import Config

EXIT_BAD_INPUT = 2
MAX_TRACE_BYTES = 2**30  # what `trace` may hold in memory for one sentence


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size() finds it (COLUMNS, else the terminal,
    else 80), without importing shutil (and with it bz2 and lzma) only to print --help."""
    import os

    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0 and sys.__stdout__ is not None:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class _Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:  # argparse's own two-line error, made one line
        raise InputError(f"{message} (see {self.prog} --help)")


class _Version(argparse.Action):
    """--version: the installed package's version, read from its metadata only when asked."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        from rnn_tui import __version__
        print(f"{parser.prog} {__version__}")
        parser.exit()


@contextmanager
def _option(flag: str) -> Iterator[None]:
    """An engine error about a value the command line passed in, said with the flag that gave it."""
    try:
        yield
    except InputError as e:
        if flag in str(e):
            raise
        raise InputError(f"{flag}: {e}") from None


def _count(name: str, low: int = 1) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"takes a whole number (got {text!r})") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low} (got {value})")
        return value
    return parse


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"takes a number (got {text!r})") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number (got {text})")
    return value


def _size(text: str) -> tuple[int, int]:
    """--max-size: COLSxROWS, at least the app's 80x24."""
    cols, _, rows = text.lower().partition("x")
    if not (cols.isascii() and cols.isdigit() and rows.isascii() and rows.isdigit()):
        raise argparse.ArgumentTypeError(f"takes COLSxROWS, such as 300x100 (got {text!r})")
    if int(cols) < 80 or int(rows) < 24:
        raise argparse.ArgumentTypeError(f"must be at least 80x24, the app's smallest size (got {text})")
    return int(cols), int(rows)


def _scene(text: str) -> str:
    """--scene: a scene's number in the lecture's order (from 1) or its name."""
    from rnn_tui.ui.scenes import NAMES, numbered, scene_by_number_or_name  # names only, no Textual

    name = scene_by_number_or_name(text.strip().lower())
    if name is None:
        raise argparse.ArgumentTypeError(f"unknown scene {text!r}; give a number 1-{len(NAMES)} or a name: "
                                         f"{numbered()}")
    return name


THEME_NAMES = {"dark": "textual-dark", "light": "textual-light"}


def _theme(text: str) -> str:
    """--theme: dark, light or any Textual theme's name (Textual is imported only for another name)."""
    if text in THEME_NAMES:
        return text
    from textual.theme import BUILTIN_THEMES

    if text in BUILTIN_THEMES:
        return text
    raise argparse.ArgumentTypeError(f"unknown theme {text!r}; try light, dark, solarized-light, atom-one-light, "
                                     f"catppuccin-latte, nord or dracula ({len(BUILTIN_THEMES)} Textual themes "
                                     "in all: ctrl+p, then \"Choose a theme\", lists them in the app)")


def _follow_address(text: str) -> str:
    from rnn_tui.lecture.protocol import parse_address

    try:
        parse_address(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return text


def build_parser() -> argparse.ArgumentParser:
    from rnn_tui.engine.topology_names import TOPOLOGY_NAMES  # names only: not the topologies, for --help
    from rnn_tui.ui.scenes import numbered  # names only: Textual is not imported for --help

    topologies = list(TOPOLOGY_NAMES)
    p = _Parser(prog="rnn-tui", description="Step through a recurrent neural network, one key press at a time.")
    p.add_argument("--version", action=_Version)
    p.add_argument("--corpus", metavar="FILE",
                   help="CSV/TSV with a text column (and label), or text one sentence a line")
    p.add_argument("--weights", metavar="FILE", help="an .npz model (PyTorch nn.RNN, nn.GRU or nn.LSTM names), "
                   "or a built-in: sentiment, lecture-next-word, lecture-labels, sentiment-gru, sentiment-lstm, "
                   "memory-elman, memory-gru, memory-lstm")
    p.add_argument("--topology", choices=topologies, default=None, metavar="T",
                   help=f"the topology to open on: {', '.join(topologies)} (default: the one --weights was "
                   "trained for, else many-to-many)")
    p.add_argument("--sentence", type=_count("sentence"), default=1, metavar="N", help="open on sentence N (from 1)")
    p.add_argument("--scene", type=_scene, default="unroll", metavar="N|NAME",
                   help=f"the scene to open on, by number or name: {numbered()} (default: unroll; in the app "
                   "j jumps to one, PageDown/PageUp move between them)")
    p.add_argument("--theme", type=_theme, default="dark", metavar="THEME",
                   help="dark, light (suits a projector) or any Textual theme, such as solarized-light or nord; "
                   "t in the app toggles light and dark")
    p.add_argument("--no-mouse", action="store_true", help="turn off mouse tracking (slow SSH links)")
    sub = p.add_subparsers(dest="command", metavar="{trace,train,serve,present,follow,notes}",
                           parser_class=_Parser)

    t = sub.add_parser("trace", help="print the per-step trace of one sentence")
    t.add_argument("--text", required=True, help="the sentence to run")
    # SUPPRESS: given before `trace` (rnn-tui --weights sentiment trace ...) they count too.
    t.add_argument("--topology", choices=topologies, default=argparse.SUPPRESS, metavar="T",
                   help=f"one of: {', '.join(topologies)}")
    t.add_argument("--weights", metavar="FILE", default=argparse.SUPPRESS, help="an .npz model or a built-in name")
    t.add_argument("--gen-steps", type=_count("gen-steps"), default=15, metavar="N",
                   help="outputs to generate for one-to-many and encoder-decoder (fewer if <eos> comes first)")
    t.add_argument("--format", choices=["json", "table"], default=None,
                   help="table on a terminal, JSON when piped")

    r = sub.add_parser("train", help="train a model and write its weights")
    r.add_argument("--task", choices=["sentiment", "next-word"], required=True)
    r.add_argument("--corpus", metavar="FILE", default=argparse.SUPPRESS,
                   help="default: the shipped sentiment set, or the lecture corpus for next-word")
    r.add_argument("--hidden", type=_count("hidden"), default=16, metavar="N")
    r.add_argument("--epochs", type=_count("epochs"), default=None, metavar="N")
    r.add_argument("--lr", type=_positive_float, default=None, metavar="RATE")
    r.add_argument("--seed", type=_count("seed", 0), default=0, metavar="S")
    r.add_argument("--optimizer", choices=["adam", "sgd"], default="adam")
    r.add_argument("--cell", choices=["elman", "gru", "lstm"], default="elman",
                   help="the recurrent cell: elman (nn.RNN, tanh), gru (nn.GRU) or lstm (nn.LSTM); default elman")
    r.add_argument("--out", required=True, metavar="FILE.npz")
    r.add_argument("--force", action="store_true", help="overwrite --out if it exists")

    s = sub.add_parser("serve", help="serve the app to web browsers (one process per visitor; needs rnn-tui[web])")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)")
    s.add_argument("--port", type=_count("port"), default=8000, metavar="N", help="port to listen on (default 8000)")
    s.add_argument("--public", action="store_true",
                   help="allow an address other machines can reach (the token is the only password; no TLS: "
                   "see docs/ssh.md)")
    s.add_argument("--token", metavar="TEXT", default=None,
                   help="the secret the address must carry (?token=TEXT); default: a new random one, printed")
    s.add_argument("--max-sessions", type=_count("max-sessions"), default=8, metavar="N",
                   help="app processes at once (default 8); the next visitor is told it is full")
    s.add_argument("--idle-minutes", type=_positive_float, default=30.0, metavar="M",
                   help="close a session with no key, click or resize for M minutes (default 30)")
    s.add_argument("--max-size", type=_size, default=(300, 100), metavar="COLSxROWS",
                   help="the largest terminal a browser may ask for (default 300x100)")
    s.add_argument("--public-url", metavar="URL",
                   help="the address browsers use, if not http://HOST:PORT (a tunnel to another local port)")
    # Passed to every visitor's app; given before `serve` they count too (SUPPRESS keeps them).
    s.add_argument("--corpus", metavar="FILE", default=argparse.SUPPRESS, help="as for rnn-tui")
    s.add_argument("--weights", metavar="FILE", default=argparse.SUPPRESS, help="as for rnn-tui")
    s.add_argument("--topology", choices=topologies, metavar="T", default=argparse.SUPPRESS, help="as for rnn-tui")
    s.add_argument("--scene", type=_scene, metavar="N|NAME", default=argparse.SUPPRESS, help="as for rnn-tui")
    s.add_argument("--theme", type=_theme, metavar="THEME", default=argparse.SUPPRESS, help="as for rnn-tui")
    s.add_argument("--follow", type=_follow_address, metavar="[HOST:]PORT",
                   help="every visitor follows this presenter (rnn-tui present)")

    from rnn_tui.ui.lecture.commands import add_commands  # present, follow, notes: lecture mode
    add_commands(sub, lambda q: _app_options(q, topologies))
    return p


def _app_options(p: argparse.ArgumentParser, topologies: list[str]) -> None:
    """The app's options on a subcommand that runs the app; given before the subcommand they count too."""
    p.add_argument("--corpus", metavar="FILE", default=argparse.SUPPRESS, help="as for rnn-tui")
    p.add_argument("--weights", metavar="FILE", default=argparse.SUPPRESS, help="as for rnn-tui")
    p.add_argument("--topology", choices=topologies, metavar="T", default=argparse.SUPPRESS, help="as for rnn-tui")
    p.add_argument("--sentence", type=_count("sentence"), metavar="N", default=argparse.SUPPRESS, help="as for rnn-tui")
    p.add_argument("--scene", type=_scene, metavar="N|NAME", default=argparse.SUPPRESS, help="as for rnn-tui")
    p.add_argument("--theme", type=_theme, metavar="THEME", default=argparse.SUPPRESS, help="as for rnn-tui")
    p.add_argument("--no-mouse", action="store_true", default=argparse.SUPPRESS, help="as for rnn-tui")


def _one_blas_thread() -> None:
    """NumPy's BLAS (OpenBLAS) runs a large product on a thread per core. The app's products are
    one sentence's, a vector at a time: on 2 cores with other work (a shared class server, the UI
    thread itself) the threads wait on each other, and a 1,000-word trace at H=1024 took 2-5 s
    instead of 0.5-0.7 s on one thread. One thread, unless the user set a number; before NumPy loads."""
    import os

    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def main(argv: list[str] | None = None) -> int:
    _one_blas_thread()
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        _refuse_unused_app_options(parser, args)
        if args.command == "trace":
            return _trace(args)
        if args.command == "train":
            return _train(args)
        if args.command == "serve":
            return _serve(args)
        if args.command in ("present", "follow", "notes"):
            from rnn_tui.ui.lecture.commands import run
            return run(args)
        return _app(args)
    except InputError as e:  # it may quote a file's words or a path: shown through the safe path
        from rnn_tui.ui.safe import printable
        print(f"rnn-tui: error: {printable(str(e))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except MemoryError:  # a size no check foresaw: still one line, not a traceback
        print("rnn-tui: error: not enough memory for this input (try a smaller corpus, model or --text)",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `rnn-tui trace ... | head`: the reader left; say nothing
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


# The app's options that `trace` and `train` have no use for (the ones they use are their own too).
_UNUSED_BY = {"trace": ("corpus", "sentence", "scene", "theme", "no_mouse"),
              "train": ("weights", "topology", "sentence", "scene", "theme", "no_mouse")}


def _refuse_unused_app_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """`rnn-tui --scene 3 trace ...` would otherwise drop --scene without a word."""
    for dest in _UNUSED_BY.get(args.command or "", ()):
        if getattr(args, dest) != parser.get_default(dest):
            flag = "--" + dest.replace("_", "-")
            raise InputError(f"{flag} is an option of the app; `rnn-tui {args.command}` does not use it")


def opening_topology(asked: str | None, model: Model | None, default: str) -> str:
    """The topology asked for; without one, the one the model was trained for; else `default`."""
    from rnn_tui.engine.topologies import TOPOLOGIES

    if asked:
        return asked
    trained = model.trained_for if model is not None else None
    return trained if trained in {t.name for t in TOPOLOGIES} else default


def _trace(args: argparse.Namespace) -> int:

    from rnn_tui import report
    from rnn_tui.engine import run, tokenize, topology_by_name
    from rnn_tui.engine.models import default_model, load_model
    from rnn_tui.engine.rnn import GATES

    words = tokenize(args.text)
    if not words:
        raise InputError(f"--text {args.text!r} has no words")
    loaded = load_model(args.weights) if args.weights else None
    top = topology_by_name(opening_topology(args.topology, loaded, "many-to-one"))
    model = loaded or default_model(top.name)
    # Every step keeps its cell's record, a few vectors of H per gate (its outputs are computed a
    # step at a time as they are written): refuse what would not fit, before it fails.
    steps = len(words) + args.gen_steps
    needs = steps * 8 * (4 * GATES[model.cell] + 2) * model.hidden_size
    if needs > MAX_TRACE_BYTES:
        raise InputError(f"--text: {steps:,} steps at H={model.hidden_size:,} would take about "
                         f"{needs / 2**30:.1f} GB; the limit is {MAX_TRACE_BYTES / 2**30:.0f} GB "
                         "(a shorter --text, or a smaller model)")
    trace = run(model, words, top, gen_steps=args.gen_steps)
    fmt = args.format or ("table" if sys.stdout.isatty() else "json")
    if fmt == "json":
        report.write_trace_json(trace, sys.stdout)
    else:
        report.print_trace_table(trace)
    return 0


def _training_config(args: argparse.Namespace) -> Config:
    """The training settings from the flags (the shipped ones where a flag is not given).
    Each value is checked alone first, so an error names the flag that gave it."""
    from rnn_tui.engine.train import SHIPPED_CONFIG, Config

    defaults = SHIPPED_CONFIG[args.task]
    values = {"hidden": args.hidden, "epochs": args.epochs or defaults["epochs"], "lr": args.lr or defaults["lr"],
              "seed": args.seed, "optimizer": args.optimizer, "cell": args.cell}
    for name, value in values.items():
        with _option(f"--{name}"):
            Config(**{name: value})
    return Config(**values)


def _train(args: argparse.Namespace) -> int:
    from rnn_tui import report
    from rnn_tui.engine import safe_write, weights
    from rnn_tui.engine.corpus import LECTURE_CORPUS, load_corpus
    from rnn_tui.engine.models import sentiment_corpus
    from rnn_tui.engine.train import Trainer, TrainingDiverged, make_task

    out = Path(args.out)
    safe_write.check_destination(out, args.force)  # before the corpus is even read
    if args.corpus:
        corpus = load_corpus(args.corpus)
    else:
        corpus = sentiment_corpus() if args.task == "sentiment" else LECTURE_CORPUS
    train_set, heldout = corpus.split("train"), corpus.split("test")
    config = _training_config(args)
    task = make_task(args.task, corpus, corpus.vocab)  # labels from every split: a test-only label still has a row
    # Checked again with the file's size, now known, before the minutes of training it would waste.
    safe_write.check_destination(out, args.force, weights.file_bytes(task.vocab.size, config.hidden, len(task.labels)))
    trainer = Trainer(task, task.examples(train_set), task.examples(heldout), config)
    try:
        report.train_with_progress(trainer, config.epochs)
    except TrainingDiverged as e:  # the engine says "the learning rate"; here it is a flag
        raise TrainingDiverged(str(e).replace("lower the learning rate", "lower --lr")) from None
    model = trainer.model(name=f"{args.task} (trained, seed {args.seed})")
    try:
        weights.save(model, out, overwrite=args.force)
    except OSError as e:  # a disk filled or a folder changed while training: keep the model
        raise safe_write.keep_elsewhere(out, lambda kept: weights.save(model, kept, overwrite=True), e) from None
    report.print_training_summary(trainer, out)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from rnn_tui.serve import serve  # textual-serve is optional: serve says how to install it
    return serve(args)


def _app(args: argparse.Namespace) -> int:
    from rnn_tui.ui.launch import launch
    return launch(args)


if __name__ == "__main__":
    raise SystemExit(main())
