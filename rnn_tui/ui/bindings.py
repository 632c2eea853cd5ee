"""Every key, declared once: the Footer, the command palette and the help screen read these."""

from __future__ import annotations

from textual.binding import Binding

# Keys of the stepping scene.
SCENE_KEYS: list[Binding] = [
    Binding("right,space,l", "next_step", "Step", key_display="→"),
    Binding("left,h", "prev_step", "Back", key_display="←"),
    Binding("down", "next_substep", "Sub-step", key_display="↓"),
    Binding("up", "prev_substep", "Sub-step back", key_display="↑", show=False),
    Binding("home", "first", "First step", show=False),
    Binding("end", "last", "Last step", show=False),
    Binding("p", "play", "Play"),
    Binding("plus,equals_sign", "speed(1)", "Faster", key_display="+", show=False),
    Binding("minus", "speed(-1)", "Slower", key_display="-", show=False),
    Binding("1", "topology('one-to-one')", "One to one", show=False),
    Binding("2", "topology('one-to-many')", "One to many", show=False),
    Binding("3", "topology('many-to-one')", "Many to one", show=False),
    Binding("4", "topology('many-to-many')", "Many to many (synced)", show=False),
    Binding("5", "topology('encoder-decoder')", "Encoder-decoder", show=False),
    Binding("n", "sentence(1)", "Next sentence", show=False),
    Binding("N", "sentence(-1)", "Previous sentence", key_display="N", show=False),
    Binding("e", "type_sentence", "Type"),
    Binding("f", "fold", "Fold"),
    Binding("g", "guess", "Guess", show=False),
    Binding("r", "reveal", "Reveal", show=False),
    Binding("i", "inspect", "Unit", show=False),
    Binding("ctrl+down", "scroll_panes(1)", "Scroll panes down", show=False),
    Binding("ctrl+up", "scroll_panes(-1)", "Scroll panes up", show=False),
]

# Keys that work everywhere.
APP_KEYS: list[Binding] = [
    Binding("pagedown", "scene(1)", "Scene", key_display="PgDn"),
    Binding("pageup", "scene(-1)", "Previous scene", key_display="PgUp", show=False),
    Binding("t", "toggle_theme", "Theme"),
    Binding("question_mark", "help", "Help", key_display="?"),
    Binding("q", "quit", "Quit"),
    # A terminal program quits on ctrl+c; Textual would only say "press ctrl+q".
    Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
]

# What the help screen says about keys whose description is too short to explain them.
EXPLAIN = {
    "scene(1)": "next scene, in the lecture's order",
    "scene(-1)": "previous scene",
    "next_substep": "walk the sub-steps of one step: W_ih x, + W_hh h, + b, tanh, W_out h, softmax",
    "play": "play/pause; + and - change the speed",
    "type_sentence": "type a sentence of your own (unknown words read as <unk>)",
    "fold": "fold the unrolled chain back into one cell with its loop, and unfold it",
    "guess": "predict, then reveal: hide each step's results until space or r",
    "inspect": "inspect a hidden unit: its W_hh row, its W_ih weights by word, h_j over time",
    "toggle_theme": "light/dark theme (light suits a projector)",
}


KEY_NAMES = {
    "right": "→", "left": "←", "down": "↓", "up": "↑", "plus": "+", "equals_sign": "=", "minus": "-",
    "question_mark": "?", "greater_than_sign": ">", "full_stop": ".", "less_than_sign": "<", "comma": ",", "pagedown": "PgDn", "pageup": "PgUp", "ctrl+down": "ctrl+↓", "ctrl+up": "ctrl+↑", "escape": "esc",
}


def key_text(b: Binding) -> str:
    """The binding's keys as a person reads them: "→ space l"."""
    return " ".join(KEY_NAMES.get(k, k) for k in b.key.split(","))
