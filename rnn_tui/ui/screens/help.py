"""The help screen under `?`: every key in force on the scene underneath, read from its active
bindings (see `bindings.active_keys`), so it cannot drift from what the keys do."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from rnn_tui.ui.bindings import APP_KEYS, EXPLAIN, SCENE_KEYS, key_text
from rnn_tui.ui.safe import user_text
from rnn_tui.ui.screens.once import ClosesOnce

# Textual's own key, which the app's bindings do not hold.
PALETTE_KEY = Binding("ctrl+p", "command_palette", "Commands", id="help.palette")

# What each scene shows, said first in its own help (by the scene's NAME).
ABOUT = {
    "sequences": "Sequences are everywhere: text, time series, speech, DNA. Then which network fits which "
                 "data, each with the board's example: an ANN for a table (a passenger's Gender and Fare in, "
                 "Survived out), a CNN for a fixed grid of pixels, the RNN (1980s) for sequences of any length. "
                 "Last, our corpus and its sentences' lengths.",
    "onehot": "The corpus read one token at a time: a new word gets the next index, a word seen before keeps "
              "its own. Its one-hot vector has V numbers, a 1 in the word's column (columns count from 0). A "
              "vocabulary too wide for the screen shows the hot word among its neighbours and where it sits "
              "(word k of V). With --weights, each word is looked up in the model's vocabulary.",
    "flatten": "Each sentence flattened: its T one-hot vectors end to end, T × V numbers. A dense layer built "
               "for sentence 1 takes exactly that many, so a sentence of another length is an input size "
               "error. The board's V = 12 counted tokens; the true V is the unique words plus <unk>.",
    "padding": "Every sentence padded with zero rows to the longest fixes the size. Most zeros are one-hot's "
               "own (V − 1 per word, padding or not); padding adds its rows. The bill: the dense layer's "
               "multiply-adds spent on padding, and its weights growing with T_max while an RNN's stay put.",
    "order": "Two orders of the same words, fed three ways: a bag of words (the one-hots summed) loses the "
             "order; flattened and padded keeps it, but every slot has weights of its own and the input grows "
             "with T; the RNN reads word by word with one set of weights and ends in different hidden states.",
    "unroll": "The top line says where you are. The timeline is the RNN unrolled in time: inputs below, "
              "outputs above, h carried along the arrows. Click a cell to jump to it.",
    "topologies": "The five ways to wire an RNN, from one-to-one to encoder-decoder, stepped side by side with "
                  "real values: which steps take an input and which give an output. A model that cannot run "
                  "a topology is refused there, with the reason.",
    "sentiment": "The sentiment model reads a sentence word by word: after each word, what it would answer if "
                 "the sentence stopped there, and where h_t sits on a map (PCA) of every hidden state of the "
                 "test split. c shows the code that builds this model in Keras, then PyTorch, from its real "
                 "sizes.",
    "train": "Train the sentiment or next-word model live on a sample, with an Elman, GRU or LSTM cell (c): "
             "train and validation loss charted, the best validation epoch marked, early stopping. u puts the "
             "weights to use in the other scenes; w writes them to a file.",
    "gradients": "Backpropagation through time on a long sentence: how much of a gradient entering the last "
                 "hidden state survives each step back, on a log axis and in words. x scales W_hh to show "
                 "vanishing and exploding gradients. c sets Elman, GRU and LSTM side by side on a memory-task "
                 "sentence whose first words decide its label: how much gradient reaches each word in each, "
                 "their test accuracies, and the LSTM's forget gate under its curve.",
}


def keys_table(bindings: list[Binding]) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    table.add_column("keys", style="bold", no_wrap=True)
    table.add_column("what")
    for b in bindings:
        table.add_row(key_text(b), EXPLAIN.get(b.action, b.description))
    return table


def details_table(details: list[tuple[str, str]]) -> Table:
    """(what, text) rows; the text is user data (a sentence, a model's name): never markup."""
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    table.add_column("what", style="bold", no_wrap=True)
    table.add_column("text")
    for what, text in details:
        table.add_row(what, user_text(text))
    return table


class HelpScreen(ModalScreen[None], ClosesOnce):
    """What the scene underneath shows, its keys (every scene has its own), then the app's."""

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close"),
        Binding("j", "app.jump", "Jump", id="help.jump"),  # a modal screen holds back the app's own keys
    ]

    def __init__(self, scene_title: str = "Unroll", scene_keys: list[Binding] | None = None,
                 app_keys: list[Binding] | None = None, scene_name: str = "unroll",
                 details: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.details = details or []  # what the scene shows, whole: a narrow screen may cut it with "…"
        self.scene_title = scene_title
        self.scene_name = scene_name
        self.scene_keys = SCENE_KEYS if scene_keys is None else scene_keys
        self.app_keys = APP_KEYS if app_keys is None else app_keys

    def compose(self) -> ComposeResult:
        # What the scene shows comes first, so it is in view without scrolling at 80x24; then
        # what its title line may cut; then its keys; the keys every scene shares last.
        with VerticalScroll(id="help"):
            about = ABOUT.get(self.scene_name, "")
            yield Static(Text(f"The {self.scene_title} scene", style="bold"))
            yield Static(Text(f"{about} Escape closes this screen." if about else "Escape closes this screen."),
                         id="help-about")
            if self.details:
                yield Static(Text(f"On screen in {self.scene_title}, whole", style="bold"))
                yield Static(details_table(self.details))
            yield Static(Text(f"rnn-tui: keys of the {self.scene_title} scene", style="bold"))
            yield Static(keys_table(self.scene_keys))
            yield Static(Text("keys of every scene", style="bold"))
            yield Static(keys_table([*self.app_keys, PALETTE_KEY]))
