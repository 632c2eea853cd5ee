"""Turn the CLI's options into an app: every file is read and checked before the screen opens."""

from __future__ import annotations

import argparse
import warnings
from typing import TYPE_CHECKING

from rnn_tui.engine.errors import InputError
from rnn_tui.ui import quiet_gc

if TYPE_CHECKING:
    from rnn_tui.ui.session import Session


def build_session(args: argparse.Namespace) -> Session:
    from rnn_tui.cli import opening_topology
    from rnn_tui.engine.corpus import LECTURE_CORPUS, load_corpus
    from rnn_tui.engine.models import load_model
    from rnn_tui.engine.topologies import topology_by_name
    from rnn_tui.ui.session import Session

    corpus = load_corpus(args.corpus) if args.corpus else LECTURE_CORPUS
    weights = load_model(args.weights) if args.weights else None
    if args.sentence > len(corpus.sentences):
        raise InputError(f"--sentence {args.sentence}: the corpus has {len(corpus.sentences)} sentences")
    topology = topology_by_name(opening_topology(args.topology, weights, "many-to-many"))
    session = Session(corpus=corpus, weights=weights, topology=topology, index=args.sentence - 1)
    session.trace()  # compute the first trace now, so a bad model fails here, not on screen
    return session


def launch(args: argparse.Namespace) -> int:
    quiet_gc.pause()  # until the first frame (see quiet_gc)
    try:
        session = build_session(args)
        from rnn_tui.ui.app import RnnApp
        from rnn_tui.ui.scenes import NAMES

        if args.scene not in NAMES:
            raise InputError(f"unknown scene {args.scene!r}; expected one of: {', '.join(NAMES)}")
        app = RnnApp(session, theme=args.theme, scene=args.scene)
        # NumPy's overflow warnings would be printed over the screen (from any thread): the panes show the values
        warnings.filterwarnings("ignore", category=RuntimeWarning)
        app.run(mouse=not args.no_mouse)
    finally:
        quiet_gc.resume()  # the app resumed it at its first frame, unless it never drew one
    return app.return_code or 0
