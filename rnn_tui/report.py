"""Rich output for the non-interactive commands. User text goes in as rich.text.Text, never markup."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

import numpy as np
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from rnn_tui.engine.topologies import only_had_it_stopped
from rnn_tui.engine.trace import Step, Trace
from rnn_tui.engine.train import Trainer
from rnn_tui.ui.safe import user_text
from rnn_tui.ui.state.wording import percent, signed


def _floats(a: np.ndarray) -> list[float | None]:
    """Every value at full float64 precision: JSON's shortest round-trip repr reads back equal.
    A value that overflowed is null: JSON has no NaN or Infinity."""
    return [float(v) if np.isfinite(v) else None for v in a]


def _step_json(s: Step) -> dict[str, Any]:
    return {
        "t": s.t,
        "input_token": s.input_token,
        "x_index": s.x_index,
        "h": _floats(s.h),
        "y": None if s.y is None else _floats(s.y),
    }


def trace_json(trace: Trace) -> dict[str, Any]:
    return {
        "topology": trace.topology.name,
        "vocab": list(trace.model.vocab.tokens),
        "labels": list(trace.model.labels),
        "tokens": list(trace.tokens),
        "steps": [_step_json(s) for s in trace.steps],
        "output": trace.output,
    }


def write_trace_json(trace: Trace, out: TextIO) -> None:
    """`json.dumps(trace_json(trace), indent=1)`, to the letter, written a step at a time: every
    step's probabilities (a float for each output) are never in memory at once."""

    def dumps(value: object, level: int) -> str:  # JSON escapes a newline in a string: each "\n" is a line break
        return json.dumps(value, indent=1, allow_nan=False).replace("\n", "\n" + " " * level)

    out.write("{\n")
    for key, value in (("topology", trace.topology.name), ("vocab", list(trace.model.vocab.tokens)),
                       ("labels", list(trace.model.labels)), ("tokens", list(trace.tokens))):
        out.write(f" {json.dumps(key)}: {dumps(value, 1)},\n")
    out.write(' "steps": [')
    for i, s in enumerate(trace.steps):
        out.write(("," if i else "") + "\n  " + dumps(_step_json(s), 2))
    out.write("\n ],\n" if trace.steps else "],\n")
    out.write(f' "output": {dumps(trace.output, 1)}\n}}\n')


def _vector(a: np.ndarray, width: int = 4) -> str:
    shown = " ".join(signed(float(v)) for v in a[:width])  # the screens' rule: " 0.00", never "-0.00"
    return shown + (f" … ({len(a)})" if len(a) > width else "")


def print_trace_table(trace: Trace, console: Console | None = None) -> None:
    console = console or Console()
    m = trace.model
    # Words, labels and the model's name come from files and the command line: user text.
    title = Text.assemble(f"{trace.topology.title}: ", user_text(" ".join(trace.words)),
                          user_text(f"  (model: {m.name})"))
    table = Table(title=title, title_justify="left")
    # x is the hot index; out of thousands of words, the count says where it sits
    x_head = "x" if m.vocab.size <= 99 else f"x of {m.vocab.size:,}"
    for col in ("t", "input", x_head, "h_t", "output"):
        table.add_column(col, justify="right" if col in ("t", x_head) else "left")
    stopped = False
    for s in trace.steps:
        predicted = s.predicted
        if predicted is None or s.confidence is None:
            cell = Text("-", style="dim")
        else:
            cell = user_text(f"{m.labels[predicted]} ({percent(s.confidence)})")
            if only_had_it_stopped(m, s.source, s.t, len(trace.words)):
                cell.append("*")
                stopped = True
        x = "-" if s.x_index is None else f"{s.x_index:,}"
        table.add_row(str(s.t), user_text(s.input_token or "(no input)"), x, _vector(s.h), cell)
    console.print(table)
    if stopped:
        console.print(user_text(f"* had the sentence stopped here: {m.name} was trained to answer at the last "
                                "word only"), soft_wrap=True)
    output = trace.output
    words = output if isinstance(output, str) else " ".join(output)
    console.print(Text.assemble("output: ", user_text(words, style="bold")), soft_wrap=True)


def train_with_progress(trainer: Trainer, epochs: int, console: Console | None = None) -> None:
    console = console or Console(stderr=True)
    with Progress(TextColumn("epoch"), MofNCompleteColumn(), BarColumn(), TextColumn("{task.fields[status]}"),
                  TimeElapsedColumn(), console=console, transient=False) as progress:
        job = progress.add_task("train", total=epochs, status="")
        for _ in range(epochs):
            s = trainer.epoch()
            held = "" if s.heldout_accuracy is None else f"  held-out acc {percent(s.heldout_accuracy, 1)}"
            progress.update(job, advance=1, status=f"loss {s.loss:.4f}  acc {percent(s.accuracy, 1)}{held}")


def print_training_summary(trainer: Trainer, out: Path, console: Console | None = None) -> None:
    console = console or Console()
    s = trainer.history[-1]
    line = f"final loss {s.loss:.4f}, train accuracy {percent(s.accuracy, 1)}"
    if s.heldout_accuracy is not None:
        line += f", held-out accuracy {percent(s.heldout_accuracy, 1)} (loss {s.heldout_loss:.4f})"
    console.print(Text(line), soft_wrap=True)
    # soft_wrap: a long path stays on one line, whole, for a terminal (or a script) to use
    console.print(user_text(f"wrote {out} (load it with --weights {out})"), soft_wrap=True)
