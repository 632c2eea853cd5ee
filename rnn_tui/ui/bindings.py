"""Every key, declared once, each with an id so a keymap (`App.set_keymap`) can remap it. The
Footer shows them; the help screen and the command palette list the ones in force on a screen
through `active_keys`, which reads Textual's public `Screen.active_bindings`."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

# Keys of the stepping scene.
SCENE_KEYS: list[Binding] = [
    Binding("right,space,l", "next_step", "Step", key_display="→", id="unroll.next_step"),
    Binding("left,h", "prev_step", "Back", key_display="←", id="unroll.prev_step"),
    Binding("down", "next_substep", "Sub-step", key_display="↓", id="unroll.next_substep"),
    Binding("up", "prev_substep", "Sub-step back", key_display="↑", show=False, id="unroll.prev_substep"),
    Binding("home", "first", "First step", show=False, id="unroll.first"),
    Binding("end", "last", "Last step", show=False, id="unroll.last"),
    Binding("p", "play", "Play", id="unroll.play"),
    Binding("plus,equals_sign", "speed(1)", "Faster", key_display="+", show=False, id="unroll.faster"),
    Binding("minus", "speed(-1)", "Slower", key_display="-", show=False, id="unroll.slower"),
    Binding("1", "topology('one-to-one')", "One to one", show=False, id="unroll.one_to_one"),
    Binding("2", "topology('one-to-many')", "One to many", show=False, id="unroll.one_to_many"),
    Binding("3", "topology('many-to-one')", "Many to one", show=False, id="unroll.many_to_one"),
    Binding("4", "topology('many-to-many')", "Many to many (synced)", show=False, id="unroll.many_to_many"),
    Binding("5", "topology('encoder-decoder')", "Encoder-decoder", show=False, id="unroll.encoder_decoder"),
    Binding("n", "sentence(1)", "Next sentence", show=False, id="unroll.next_sentence"),
    Binding("N", "sentence(-1)", "Previous sentence", key_display="N", show=False, id="unroll.prev_sentence"),
    Binding("e", "type_sentence", "Type", id="unroll.type_sentence"),
    Binding("f", "fold", "Fold", id="unroll.fold"),
    Binding("g", "guess", "Guess", show=False, id="unroll.guess"),
    Binding("r", "reveal", "Reveal", show=False, id="unroll.reveal"),
    Binding("i", "inspect", "Unit", show=False, id="unroll.inspect"),
    Binding("c", "cell", "Cell", show=False, id="unroll.cell",
            tooltip="the same sentence through another cell: Elman, GRU, LSTM"),
    Binding("T", "temperature", "Temperature", key_display="T", show=False, id="unroll.temperature",
            tooltip="one-to-many: greedy, then sample at T = 0.5, 1, 2"),
    Binding("R", "resample", "Resample", key_display="R", show=False, id="unroll.resample",
            tooltip="one-to-many, sampling: draw again with the next seed"),
    Binding("ctrl+down", "scroll_panes(1)", "Scroll panes down", show=False, id="unroll.scroll_down"),
    Binding("ctrl+up", "scroll_panes(-1)", "Scroll panes up", show=False, id="unroll.scroll_up"),
]

# Keys that work everywhere.
APP_KEYS: list[Binding] = [
    Binding("pagedown", "scene(1)", "Scene", key_display="PgDn", id="app.next_scene"),
    Binding("pageup", "scene(-1)", "Previous scene", key_display="PgUp", show=False, id="app.prev_scene"),
    # Not a digit: 1-5 choose the topology in Unroll and Topologies. Free in every scene.
    Binding("j", "jump", "Jump", id="app.jump"),
    # Out of the Footer, which 80 columns fill: help and the palette list it, and --theme sets it.
    Binding("t", "toggle_theme", "Theme", show=False, id="app.toggle_theme"),
    Binding("S", "screenshot", "Screenshot", key_display="S", show=False, id="app.screenshot"),
    Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
    Binding("q", "quit", "Quit", id="app.quit"),
    # A terminal program quits on ctrl+c; Textual would only say "press ctrl+q".
    Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="app.quit_ctrl_c"),
    # ctrl+z: back to the shell (fg returns), as terminal programs do; nothing in a browser.
    Binding("ctrl+z", "suspend_process", "Suspend", show=False, id="app.suspend"),
]

# What the help screen says about keys whose description is too short to explain them.
EXPLAIN = {
    "scene(1)": "next scene, in the lecture's order",
    "scene(-1)": "previous scene",
    "next_substep": "walk the sub-steps of one step: W_ih x, + W_hh h, + b, tanh, W_out h, softmax "
                    "(a GRU: r, z, n, h; an LSTM: f, i, g, c, o, h)",
    "play": "play/pause; + and - change the speed",
    "type_sentence": "type a sentence of your own (unknown words read as <unk>)",
    "fold": "fold the unrolled chain back into one cell with its loop, and unfold it",
    "guess": "predict, then reveal: hide each step's results until space or r",
    "cell": "the same sentence through another cell: Elman, then GRU, then LSTM (shipped models only)",
    "inspect": "inspect a hidden unit: its W_hh row, its W_ih weights by word, h_j over time",
    "jump": "jump to a scene by its number: 1-9, 0 for the tenth",
    "toggle_theme": "light/dark theme (light suits a projector); from another theme: its light or dark twin, "
                    "else textual-light/dark, and back",
    "screenshot": "save the screen as an SVG: in Downloads, else in this folder; never over a file",
    "command_palette": "command palette: every key of this scene, each scene by name, and every theme",
    "toggle_training": "train, or pause after the epoch running now",
    "use": "make these weights the session's model: Unroll, Sentiment and Gradients use them",
    "write": "write the weights to an .npz in this folder (never over a file)",
    "temperature": "one-to-many: greedy, then sample its words at a temperature of 0.5, 1, 2",
    "resample": "one-to-many, sampling: draw the words again with the next seed",
}


KEY_NAMES = {
    "right": "→", "left": "←", "down": "↓", "up": "↑", "plus": "+", "equals_sign": "=", "minus": "-",
    "question_mark": "?", "greater_than_sign": ">", "full_stop": ".", "less_than_sign": "<", "comma": ",",
    "pagedown": "PgDn", "pageup": "PgUp", "ctrl+down": "ctrl+↓", "ctrl+up": "ctrl+↑", "escape": "esc",
}


def key_text(b: Binding) -> str:
    """The binding's keys as a person reads them: "→ space l"."""
    return " ".join(KEY_NAMES.get(k, k) for k in b.key.split(","))


def _textual_keys() -> set[tuple[str, str]]:
    """(key, action) of Textual's own bindings (focus, copy, ctrl+q, the palette's ctrl+p),
    which the help screen and the palette leave out."""
    own = {(App.COMMAND_PALETTE_BINDING, "command_palette")}
    for b in [*App.BINDINGS, *Screen.BINDINGS]:
        if isinstance(b, Binding):
            own.update((key.strip(), b.action) for key in b.key.split(","))
    return own


TEXTUAL_KEYS = _textual_keys()


def _declared(node: object) -> list[Binding]:
    """The bindings `node`'s classes declare, base classes first (public `BINDINGS` only)."""
    return [b for cls in reversed(type(node).__mro__) for b in vars(cls).get("BINDINGS", [])
            if isinstance(b, Binding)]


def active_keys(screen: Screen[Any]) -> tuple[list[Binding], list[Binding]]:
    """The keys in force on `screen`, read with Textual's public `Screen.active_bindings`:
    (the screen's own, the app's). Textual lists one binding per key; they are joined back
    into one per id (or action, for a binding without one) with all its keys, in the order
    declared. A key that `check_action` hides (False) is not in force, so not listed."""
    groups: dict[tuple[bool, str], list[Binding]] = {}
    for key, active in screen.active_bindings.items():
        b = active.binding
        if b.id is None and (key, b.action) in TEXTUAL_KEYS:
            continue
        groups.setdefault((active.node is screen.app, b.id or b.action), []).append(b)
    joined = {k: replace(bs[0], key=",".join(b.key for b in bs)) for k, bs in groups.items()}

    def in_order(node: object, is_app: bool) -> list[Binding]:
        order = {b.id or b.action: i for i, b in reversed(list(enumerate(_declared(node))))}
        found = [(name, b) for (app, name), b in joined.items() if app == is_app]
        return [b for name, b in sorted(found, key=lambda nb: order.get(nb[0], len(order)))]

    return in_order(screen, False), in_order(screen.app, True)
