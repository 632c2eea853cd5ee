"""Turn the CLI's options into an app: every file is read and checked before the screen opens."""

from __future__ import annotations


def launch(args) -> int:
    from rnn_tui.engine.corpus import LECTURE_CORPUS, load_corpus
    from rnn_tui.engine import run, topology_by_name
    from rnn_tui.engine.models import default_model, load_model
    from rnn_tui import report

    corpus = load_corpus(args.corpus) if args.corpus else LECTURE_CORPUS
    top = topology_by_name(args.topology)
    model = load_model(args.weights) if args.weights else default_model(top.name, corpus)
    for s in corpus.sentences:
        report.print_trace_table(run(model, s.words, top))
    return 0
