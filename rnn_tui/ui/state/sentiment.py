"""Scene 8's state: a many-to-one sentiment model reads a sentence word by word, on a map (PCA)
of every hidden state of the data set's test split, whose sentences `n` walks. The model is the
one trained in the app when there is one, else the shipped one."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from rnn_tui.engine.corpus import Corpus
from rnn_tui.engine.model_code import LANGUAGES, model_code
from rnn_tui.engine.models import load_model, sentiment_corpus, sentiment_split
from rnn_tui.engine.projection import SentenceReading, SentimentMap, sentiment_map
from rnn_tui.engine.rnn import Model
from rnn_tui.engine.text import typed_sentence
from rnn_tui.ui.state.lesson import Stepping
from rnn_tui.ui.state.unroll import STOPPED_HERE
from rnn_tui.ui.state.wording import percent

TRAINED_HERE = "trained in the app"   # how a title line names the model trained in Train
SHORT = {"negative": "neg", "positive": "pos"}  # as the words board says them


@lru_cache(maxsize=1)
def shipped_model() -> Model:
    """The shipped sentiment model, loaded once per process."""
    return load_model("sentiment")


@lru_cache(maxsize=1)
def shipped_data() -> Corpus:
    """The shipped sentiment data set, read once per process."""
    return sentiment_corpus()


@lru_cache(maxsize=1)
def shipped_tests() -> Corpus:
    """The data set's test split (about 1,080 sentences): the sentences shown, and what the map is
    fitted on. The model never trained on them."""
    return sentiment_split("test")


@lru_cache(maxsize=1)
def shipped_map() -> SentimentMap:
    """The shipped model's map: every hidden state of the test split and their PCA, once per process."""
    return sentiment_map(shipped_model(), shipped_tests())


@dataclass(frozen=True, eq=False)
class SentimentState(Stepping):
    demo: SentimentMap
    reading: SentenceReading        # the sentence on screen, read once; stepping only moves `step`
    typed: tuple[str, ...] = ()     # sentences typed here, after the data set's test sentences
    index: int = 0                  # into `sentences`
    trained_here: bool = False      # the model was trained in the app
    step: int = 0
    code: str | None = None         # "keras" or "pytorch": the code that builds the model, shown instead

    @property
    def sentences(self) -> tuple[str, ...]:
        return self.demo.tests + self.typed

    @property
    def text(self) -> str:
        return self.sentences[self.index]

    @property
    def last_step(self) -> int:
        return len(self.reading)

    def with_sentence(self, index: int) -> SentimentState:
        """Sentence `index` (modulo their number), read from its start."""
        index %= len(self.sentences)
        return replace(self, index=index, reading=self.demo.read(self.sentences[index]), step=0)

    def next_code(self) -> SentimentState:
        """The model's code in Keras, then in PyTorch, then the demo again."""
        order = (None, *LANGUAGES)
        return replace(self, code=order[(order.index(self.code) + 1) % len(order)])

    @property
    def code_text(self) -> str:
        """The code that builds the model on screen, from its real sizes."""
        return model_code(self.demo.model, self.code) if self.code else ""

    def next_sentence(self, delta: int = 1) -> SentimentState:
        return self.with_sentence(self.index + delta)

    def with_typed(self, text: str) -> tuple[SentimentState, str | None]:
        """A typed sentence, selected (a sentence already here is selected again, not added), and a
        note when it was cut. Raises InputError when it has no words."""
        text, note = typed_sentence(text)
        if text in self.sentences:
            return self.with_sentence(self.sentences.index(text)), note
        state = replace(self, typed=self.typed + (text,))
        return state.with_sentence(len(state.sentences) - 1), note

    @property
    def where(self) -> str:
        tests = len(self.demo.tests)
        if self.index < tests:
            label = self.demo.label_of(self.text)
            return f"test {self.index + 1:,}/{tests:,}" + (f", labelled {label}" if label else "")
        return f"typed sentence {self.index - tests + 1:,}"

    @property
    def subtitle(self) -> str:
        """At most 40 characters, so that the title line keeps its step count at 80 columns (the
        longest: "test 1,080/1,080, labelled negative", or with a model trained in the app
        "test 1,080/1,080 neg, trained in the app")."""
        if not self.trained_here:
            return self.where
        # shorter, so that the model's name fits the title line at 80 columns
        tests = len(self.demo.tests)
        if self.index < tests:
            label = self.demo.label_of(self.text)
            where = f"test {self.index + 1:,}/{tests:,}" + (f" {SHORT.get(label, label)}" if label else "")
        else:
            where = f"typed {self.index - tests + 1:,}"
        return f"{where}, {TRAINED_HERE}"

    @property
    def caption(self) -> str:
        if self.code:
            sizes = self.demo.model.params
            other = "PyTorch" if self.code == "keras" else "the demo again"
            name = "Keras" if self.code == "keras" else "PyTorch"
            return (f"The model on screen in {name}, from its real sizes: V = {sizes.input_size:,}, "
                    f"H = {sizes.hidden_size:,}, O = {sizes.output_size:,}. c: {other}.")
        r, t = self.reading, self.step
        if t == 0:
            return (f"Before any word h₀ = 0, so only the bias speaks: {percent(r.p_positive(0))} positive. "
                    "→ reads it word by word; n: next sentence; e: type your own.")
        s = r.trace.steps[t - 1]
        word = f"'{s.typed}'" + (" (unknown, read as <unk>)" if s.typed != s.input_token else "")
        before = "before any word" if t == 1 else f"after '{r.trace.steps[t - 2].input_token}'"
        p, p_before = r.p_positive(t), r.p_positive(t - 1)
        if t < len(r.trace):
            # Trained to answer at the last word only: before it, the read-out is what the model would
            # say had the sentence stopped here, not a prediction the word "pushes" (issue 11).
            return f"{before}: {percent(p_before)} positive; with {word}, {STOPPED_HERE}: {percent(p)}"
        text = f"{before}: {percent(p_before)} positive; with {word}, the last word: {percent(p)}"
        if s.predicted is not None and s.confidence is not None:  # many-to-one: the answer
            label = r.trace.model.labels[s.predicted]
            text += f". The model's answer: {label} ({percent(s.confidence)})"
            truth = self.demo.label_of(r.text)
            if truth:
                text += f"; labelled {truth}"
        return text


def make_state(trained: Model | None, previous: SentimentState | None) -> SentimentState:
    """On the model trained in the app if there is one, else the shipped one; the typed sentences
    and the place are kept, and kept on the same model; a new model reads the sentence again."""
    if trained is None:
        demo = shipped_map()
    elif previous is not None and previous.demo.model is trained:
        demo = previous.demo
    else:
        demo = sentiment_map(trained, shipped_tests())
    if previous is not None and previous.demo is demo:
        return previous
    if previous is None:
        return SentimentState(demo, demo.read(demo.tests[0]), trained_here=trained is not None)
    moved = replace(previous, demo=demo, trained_here=trained is not None).with_sentence(previous.index)
    return replace(moved, step=min(previous.step, moved.last_step))
