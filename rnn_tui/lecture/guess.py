"""Predict, then reveal, for a whole class: the prompt a hidden step asks, and the tally of the
followers' answers. The presenter's engine decides the question, the choices and the true answer;
followers only pick a choice, once per prompt."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from rnn_tui.lecture.protocol import CHOICES_MAX, Prompt
from rnn_tui.ui.state.unroll import UnrollState
from rnn_tui.ui.state.wording import sub

KEYS = "12345678"[:CHOICES_MAX]   # a follower answers choice i with KEYS[i] (digits: a keypad, a phone)


@dataclass(frozen=True)
class Question:
    text: str
    choices: tuple[str, ...]
    answer: int


def question(state: UnrollState) -> Question | None:
    """What the class is asked at a hidden step (guess mode, before the reveal), else None.
    Where the step has an output: which word (or label) the model gives, among at most six of
    its outputs in the model's own order (so the first is not always the answer). Where it has
    none: whether the hidden unit that moves most rises or falls."""
    if not state.hidden:
        return None
    step, trace = state.step, state.trace
    t = f"t={step.t}"
    if step.y is not None:
        answer = step.chosen if step.chosen is not None else int(np.argmax(step.y))
        labels = trace.model.labels
        best = [int(i) for i in np.argsort(-step.y, kind="stable")[:6]]
        if answer not in best:
            best[-1] = answer
        shown = sorted(best)
        words = all(label in trace.model.vocab.tokens or label.startswith("<") for label in labels)
        what = "Which word comes next" if words and len(labels) > 3 else "Which label does the model give"
        return Question(f"{t}: {what}?", tuple(labels[i] for i in shown), shown.index(answer))
    moved = step.h - step.h_prev
    j = int(np.argmax(np.abs(moved)))
    return Question(f"{t}: does unit h{sub(step.t)}[{j + 1}] rise or fall from h{sub(step.t - 1)}?",
                    ("rises", "falls"), 0 if moved[j] >= 0 else 1)


MAX_ANSWERS = 10_000   # followers counted per prompt: a peer inventing ids fills no more memory than this


@dataclass
class Tally:
    """The answers to the prompt on screen: one per follower id (the id its process keeps across
    reconnects), the last one it gave replacing any earlier one, never adding to the count."""

    prompt: int = -1
    choices: int = 0
    by_follower: dict[str, int] = field(default_factory=dict)   # follower id -> choice

    def open(self, prompt: int, choices: int) -> None:
        """A new prompt: the old answers go."""
        if prompt != self.prompt:
            self.prompt, self.choices, self.by_follower = prompt, choices, {}

    def take(self, follower: str, prompt: int, choice: int) -> bool:
        """Keeps an answer if it is for the prompt open now and a choice it offers (a follower's
        later answer replaces its earlier one); returns whether it was this follower's first."""
        if prompt != self.prompt or not 0 <= choice < self.choices:
            return False
        first = follower not in self.by_follower
        if first and len(self.by_follower) >= MAX_ANSWERS:
            return False
        self.by_follower[follower] = choice
        return first

    @property
    def counts(self) -> list[int]:
        c = Counter(self.by_follower.values())
        return [c.get(i, 0) for i in range(self.choices)]

    @property
    def total(self) -> int:
        return len(self.by_follower)


def tally_line(prompt: Prompt, counts: list[int], followers: int) -> str:
    """One line for the presenter's screen: "answers 7 of 9: 1 name 5 · 2 is 2 ✓"."""
    parts = []
    for i, (choice, n) in enumerate(zip(prompt.choices, counts, strict=True)):
        mark = " ✓" if prompt.answer == i else ""
        parts.append(f"{KEYS[i]} {choice} {n}{mark}")
    return f"answers {sum(counts)} of {followers}: " + " · ".join(parts)


def follower_line(prompt: Prompt, mine: int | None) -> str:
    """One line for a follower: the question and its keys; after the reveal, the answer and its guess."""
    if prompt.answer is None:
        keys = " ".join(f"{KEYS[i]}:{c}" for i, c in enumerate(prompt.choices))
        if mine is not None:
            return f"{prompt.question} you said {prompt.choices[mine]}; wait for the reveal"
        return f"{prompt.question} {keys}"
    truth = prompt.choices[prompt.answer]
    if mine is None:
        return f"{prompt.question} answer: {truth} (you did not guess)"
    verdict = "right" if mine == prompt.answer else "not this time"
    return f"{prompt.question} answer: {truth}; you said {prompt.choices[mine]}: {verdict}"
