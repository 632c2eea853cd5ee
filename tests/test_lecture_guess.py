"""Predict, then reveal, for a class: the question a hidden step asks (from the presenter's
trace), and the tally: one answer per follower per prompt, the first one counted."""

from __future__ import annotations

from rnn_tui.lecture.guess import Tally, follower_line, question, tally_line
from rnn_tui.lecture.protocol import Prompt
from rnn_tui.ui.session import Session
from rnn_tui.ui.state.unroll import UnrollState


def hidden_state(topology: str, steps: int = 1, text: str | None = None) -> UnrollState:
    session = Session()
    session.set_topology(topology)
    if text:
        session.add_sentence(text)
    state = UnrollState(session.trace())
    for _ in range(steps - 1):
        state = state.next_step()
    return state.toggle_guess().next_step()   # guess mode hides the step it moves to


def test_a_next_word_step_asks_which_word_comes_next_with_the_models_answer_among_the_choices() -> None:
    state = hidden_state("many-to-many", 2)   # t=3 of "hi my name is barry": reads "name"
    q = question(state)
    assert q is not None and q.text == "t=3: Which word comes next?"
    assert q.choices[q.answer] == "is"
    assert 2 <= len(q.choices) <= 6 and len(set(q.choices)) == len(q.choices)
    assert question(state.reveal()) is None   # asked only before the reveal


def test_a_classifier_asks_which_label_and_a_step_without_output_whether_a_unit_rises() -> None:
    state = hidden_state("many-to-one", 2, "I love AI")   # t=3, the last word: the label
    q = question(state)
    assert q is not None and q.text == "t=3: Which label does the model give?"
    assert q.choices[q.answer] == state.trace.model.labels[state.step.predicted]
    early = question(hidden_state("many-to-one", 1))       # t=2: no output there
    assert early is not None and early.choices == ("rises", "falls") and "rise or fall" in early.text
    step = hidden_state("many-to-one", 1).step
    moved = step.h - step.h_prev
    j = abs(moved).argmax()
    assert early.text.startswith(f"t=2: does unit h₂[{j + 1}]")
    assert early.answer == (0 if moved[j] >= 0 else 1)


def test_one_answer_per_follower_per_prompt_the_last_replacing_the_first() -> None:
    tally = Tally()
    tally.open(5, 3)
    assert tally.take("a", 5, 2) and tally.take("b", 5, 2) and tally.take("c", 5, 0)
    assert not tally.take("a", 5, 0)      # a second answer from follower a (say, after a reconnect): it replaces
    assert not tally.take("d", 4, 0)      # an old prompt
    assert not tally.take("d", 5, 3)      # a choice it does not offer
    assert tally.counts == [2, 0, 1] and tally.total == 3
    tally.open(5, 3)                      # the same prompt again: answers kept
    assert tally.total == 3
    tally.open(6, 2)                      # a new one: a fresh count
    assert tally.counts == [0, 0]


def test_the_lines_the_presenter_and_a_follower_read() -> None:
    prompt = Prompt(5, "t=3: Which word comes next?", ("is", "my", "name"))
    assert tally_line(prompt, [2, 0, 1], 4) == "answers 3 of 4: 1 is 2 · 2 my 0 · 3 name 1"
    assert follower_line(prompt, None) == "t=3: Which word comes next? 1:is 2:my 3:name"
    assert "you said name" in follower_line(prompt, 2)
    revealed = Prompt(5, prompt.question, prompt.choices, answer=0)
    assert tally_line(revealed, [2, 0, 1], 4).startswith("answers 3 of 4: 1 is 2 ✓")
    assert follower_line(revealed, 0).endswith("answer: is; you said is: right")
    assert follower_line(revealed, 2).endswith("answer: is; you said name: not this time")
    assert follower_line(revealed, None).endswith("answer: is (you did not guess)")
