"""The wire between a presenter and its followers: newline-delimited JSON, one message a line,
versioned, size-capped and validated field by field.

presenter -> followers:  `position` (where the presenter is) and `asset` (a corpus or weights
                         file, content-addressed: its SHA-256 and its bytes, sent once)
follower  -> presenter:  `hello` (its id, once a connection: its answers are counted under it, so a
                         follower that reconnects still has one answer per prompt), then `answer`s
                         (a choice for the guess prompt on screen), and nothing else
notes     -> presenter:  `notes` (the presenter's secret token, once a connection): only then is
                         the notes file sent, to that connection alone; a wrong token closes it

A message that is too long, truncated, not JSON, of another version, of a kind the receiver does
not take, or with a field of the wrong type or out of range is dropped (`None`), never raised:
a hostile or broken peer costs a line, not the app. Text in a message stays data: it is shown
through `rnn_tui.ui.safe` like any user text.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from dataclasses import asdict, dataclass, fields
from typing import Any

from rnn_tui.engine.topologies import TOPOLOGIES
from rnn_tui.lecture.defaults import DEFAULT_HOST

VERSION = 1

ANSWER_LINE_MAX = 256                 # bytes of one follower line: an answer is about 50
POSITION_LINE_MAX = 192 * 1024        # a position with a 10,000-character sentence, escaped, and a run's epochs
ASSET_MAX_BYTES = 8 * 1024 * 1024     # a corpus or weights file that travels (raw bytes)
PRESENTER_LINE_MAX = ASSET_MAX_BYTES * 4 // 3 + 4096   # base64 and the envelope
SENTENCE_MAX = 10_000                 # characters: a corpus line's own limit
NAME_MAX = 200                        # a file's name, a scene's or a cell's
QUESTION_MAX = 300
CHOICES_MAX = 8
CHOICE_MAX = 60
STEP_MAX = 1_000_000
TRAINED_TASKS = ("sentiment", "next-word")   # what the Train scene trains (ui.state.train.TASKS)
CELLS = ("elman", "gru", "lstm")
EPOCHS_MAX = 1000                     # a run's epochs sent (the Train scene's runs have 30 or 200)
HIDDEN_MAX = 4096
SEQ_MAX = 2**53                       # exact in every JSON reader
ASSET_KINDS = ("corpus", "weights", "notes")
FOLLOWER_ID_CHARS = 32                # a follower's id: 128 random bits in hex, never sent to anyone else
TOKEN_MIN, TOKEN_MAX = 16, 128        # the notes token's length (the presenter's has 43 characters)
TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")  # URL-safe base64
HEX = frozenset("0123456789abcdef")
ASSET_SUFFIXES = (".csv", ".tsv", ".txt", ".npz", ".md")  # what a travelled file is saved as, to be loaded
TOPOLOGY_NAMES = tuple(t.name for t in TOPOLOGIES)


class Invalid(ValueError):
    """Why a message was dropped (for the log and the tests; never shown as a crash)."""


@dataclass(frozen=True)
class AssetRef:
    """A file the presenter loaded, by content: followers ask their store for `sha256`."""

    sha256: str
    name: str          # the presenter's file name (no folder), for the status line and its suffix


@dataclass(frozen=True)
class Prompt:
    """A guess prompt: the question, its choices (each answered with a key), and the true answer
    once revealed (None before: followers must not learn it early)."""

    id: int
    question: str
    choices: tuple[str, ...]
    answer: int | None = None


@dataclass(frozen=True)
class Training:
    """The Train scene's run, live: its settings, each epoch's figures (loss, accuracy, validation
    loss and accuracy, gradient norm, whether it was the best so far), and the weights it keeps,
    which travel once the run pauses or ends (not every epoch: 30 followers x 0.3 MB a second)."""

    task: str
    cell: str
    hidden: int
    lr: float
    seed: int
    epochs: int
    patience: int | None
    running: bool = False
    used: bool = False
    error: str = ""
    try_text: str = ""
    history: tuple[tuple[float, float, float | None, float | None, float, bool], ...] = ()
    model: AssetRef | None = None


@dataclass(frozen=True)
class Position:
    """Where the presenter is: enough for a follower to show the same screen."""

    seq: int                      # counts up; a follower ignores one older than the last it applied
    elapsed: float                # seconds since the presenter started (the notes terminal's clock)
    scene: str
    step: int = 0                 # Unroll: the cursor (0-based); other scenes: their step
    substep: int = -1             # Unroll: the sub-step (-1: the whole step)
    topology: str = "many-to-many"
    sentence: str = ""
    item: int = -1                # Sentiment: the test sentence shown; Gradients: the held-out one (-1: the long one)
    scale: int = 0                # Gradients: which scale of W_hh
    compared: bool = False        # Gradients: the three cells side by side (an older follower ignores it)
    cell: str = "elman"
    guessing: bool = False
    hidden: bool = False
    folded: bool = False
    temperature: float | None = None   # one-to-many's sampling
    seed: int = 0
    corpus: AssetRef | None = None      # None: the lecture's corpus
    weights: AssetRef | str | None = None  # a file, a built-in model's name, or None (the defaults)
    prompt: Prompt | None = None
    typed: str = ""               # Sentiment: the sentence typed there, when it is the one shown
    trained: tuple[tuple[str, AssetRef], ...] = ()   # models trained in the app and put to use: (task, weights)
    training: Training | None = None   # Train: the run on screen

    def same_place(self, other: Position | None) -> bool:
        """Whether `other` shows the same screen (its sequence number and clock aside)."""
        if other is None:
            return False
        mine, theirs = asdict(self), asdict(other)
        for key in ("seq", "elapsed", "prompt", "trained", "training"):
            mine.pop(key), theirs.pop(key)
        return mine == theirs


@dataclass(frozen=True)
class Asset:
    kind: str
    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return sha256(self.data)

    @property
    def ref(self) -> AssetRef:
        return AssetRef(self.sha256, self.name)


@dataclass(frozen=True)
class Answer:
    prompt: int
    choice: int


@dataclass(frozen=True)
class Hello:
    """A follower's first line on each connection: the id its process keeps (see FollowerApp)."""

    id: str


@dataclass(frozen=True, repr=False)
class NotesLogin:
    """The notes terminal's first line: the token `rnn-tui present` made (kept out of reprs and logs)."""

    token: str

    def __repr__(self) -> str:
        return "NotesLogin(token=...)"


Message = Position | Asset | Answer | Hello | NotesLogin
FromFollower = Answer | Hello | NotesLogin


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---- encoding ------------------------------------------------------------------------------

def encode(message: Message) -> bytes:
    """One line of JSON, ending in a newline (ASCII only: escapes for everything else)."""
    if isinstance(message, Position):
        body: dict[str, Any] = {"t": "position", **asdict(message)}
        if message.prompt is not None:
            body["prompt"]["choices"] = list(message.prompt.choices)
    elif isinstance(message, Asset):
        body = {"t": "asset", "kind": message.kind, "name": message.name, "sha256": message.sha256,
                "data": base64.b64encode(message.data).decode("ascii")}
    elif isinstance(message, Hello):
        body = {"t": "hello", "id": message.id}
    elif isinstance(message, NotesLogin):
        body = {"t": "notes", "token": message.token}
    else:
        body = {"t": "answer", "prompt": message.prompt, "choice": message.choice}
    return (json.dumps({"v": VERSION, **body}, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
            + "\n").encode("ascii")


# ---- decoding: every field checked ---------------------------------------------------------

def decode_from_presenter(line: bytes) -> Position | Asset | None:
    """A follower's reader: a position or an asset, or None (dropped)."""
    try:
        return _from_presenter(line)
    except Invalid:
        return None


def _from_presenter(line: bytes) -> Position | Asset:
    body = _load(line, PRESENTER_LINE_MAX)
    kind = body.get("t")
    if kind == "position":
        if len(line) > POSITION_LINE_MAX:
            raise Invalid(f"a position of {len(line)} bytes; the limit is {POSITION_LINE_MAX}")
        return _position(body)
    if kind == "asset":
        return _asset(body)
    raise Invalid(f"a follower takes no {str(kind)[:20]!r} message")


def decode_from_follower(line: bytes) -> FromFollower | None:
    """The presenter's reader: an answer, a follower's hello or the notes terminal's token, or None
    (dropped). Nothing else is taken from a connection."""
    try:
        body = _load(line, ANSWER_LINE_MAX)
        kind = body.get("t")
        if kind == "answer" and set(body) == {"v", "t", "prompt", "choice"}:
            return Answer(_int(body, "prompt", 0, SEQ_MAX), _int(body, "choice", 0, CHOICES_MAX - 1))
        if kind == "hello" and set(body) == {"v", "t", "id"}:
            value = body["id"]
            if not isinstance(value, str) or len(value) != FOLLOWER_ID_CHARS or not set(value) <= HEX:
                raise Invalid("id: not 32 hex digits")
            return Hello(value)
        if kind == "notes" and set(body) == {"v", "t", "token"}:
            value = body["token"]
            if not isinstance(value, str) or not TOKEN_MIN <= len(value) <= TOKEN_MAX or not set(value) <= TOKEN_CHARS:
                raise Invalid("token: not a notes token")
            return NotesLogin(value)
        raise Invalid("a follower may only say hello and answer")
    except Invalid:
        return None


def why_invalid(line: bytes, from_presenter: bool = True) -> str | None:
    """For tests and logs: why `line` would be dropped, or None if it would be taken."""
    try:
        if from_presenter:
            _from_presenter(line)
        elif decode_from_follower(line) is None:
            return "not an answer, a hello or a notes token"
    except Invalid as e:
        return str(e)
    return None


def _reject_constant(name: str) -> None:
    raise Invalid(f"{name} is not a number JSON allows")


def _load(line: bytes, limit: int) -> dict[str, Any]:
    if len(line) > limit:
        raise Invalid(f"line of {len(line)} bytes; the limit is {limit}")
    if not line.endswith(b"\n"):
        raise Invalid("truncated: no newline at the end")
    try:
        body = json.loads(line.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError) as e:
        raise Invalid(f"not JSON: {type(e).__name__}") from None
    if not isinstance(body, dict):
        raise Invalid("not a JSON object")
    if body.get("v") != VERSION or type(body.get("v")) is not int:
        raise Invalid(f"version {str(body.get('v'))[:20]!r}; this rnn-tui speaks version {VERSION}")
    return body


def _int(body: dict[str, Any], key: str, low: int, high: int) -> int:
    value = body.get(key)
    if type(value) is not int or not low <= value <= high:
        raise Invalid(f"{key}: not a whole number from {low} to {high}")
    return value


def _bool(body: dict[str, Any], key: str) -> bool:
    value = body.get(key, False)
    if type(value) is not bool:
        raise Invalid(f"{key}: not true or false")
    return value


def _text(value: Any, key: str, limit: int, empty: bool = False) -> str:
    if not isinstance(value, str) or len(value) > limit or (not empty and not value):
        raise Invalid(f"{key}: not a string of 1 to {limit} characters")
    return value


def _choice(value: Any, key: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed or not isinstance(value, str):
        raise Invalid(f"{key}: not one of {', '.join(allowed)}")
    return value


def _hash(value: Any, key: str) -> str:
    if not isinstance(value, str) or len(value) != 64 or not set(value) <= HEX:
        raise Invalid(f"{key}: not a SHA-256 in hex")
    return value


def _file_name(value: Any, key: str) -> str:
    name = _text(value, key, NAME_MAX)
    if "/" in name or "\\" in name or "\x00" in name or name in (".", ".."):
        raise Invalid(f"{key}: a file name, not a path")
    return name


def _ref(value: Any, key: str) -> AssetRef | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"sha256", "name"}:
        raise Invalid(f"{key}: not a file reference")
    return AssetRef(_hash(value["sha256"], key), _file_name(value["name"], key))


def _prompt(value: Any) -> Prompt | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"id", "question", "choices", "answer"}:
        raise Invalid("prompt: not a prompt")
    choices = value["choices"]
    if not isinstance(choices, list) or not 2 <= len(choices) <= CHOICES_MAX:
        raise Invalid(f"prompt: 2 to {CHOICES_MAX} choices")
    answer = value["answer"]
    if answer is not None:
        answer = _int(value, "answer", 0, len(choices) - 1)
    return Prompt(_int(value, "id", 0, SEQ_MAX), _text(value["question"], "question", QUESTION_MAX),
                  tuple(_text(c, "choice", CHOICE_MAX) for c in choices), answer)


def _trained(value: Any) -> tuple[tuple[str, AssetRef], ...]:
    if not isinstance(value, list) or len(value) > len(TRAINED_TASKS):
        raise Invalid(f"trained: not a list of at most {len(TRAINED_TASKS)} models")
    pairs = []
    for pair in value:
        if not isinstance(pair, list) or len(pair) != 2:
            raise Invalid("trained: not a [task, weights] pair")
        ref = _ref(pair[1], "trained")
        if ref is None:
            raise Invalid("trained: a model without its weights")
        pairs.append((_choice(pair[0], "trained", TRAINED_TASKS), ref))
    if len({task for task, _ in pairs}) != len(pairs):
        raise Invalid("trained: a task twice")
    return tuple(pairs)


def _number(value: Any, key: str, low: float, high: float, none: bool = False) -> Any:
    if value is None and none:
        return None
    if type(value) not in (int, float) or not math.isfinite(value) or not low <= value <= high:
        raise Invalid(f"{key}: not a number from {low} to {high}")
    return float(value)


def _training(value: Any) -> Training | None:
    if value is None:
        return None
    keys = {f.name for f in fields(Training)}
    if not isinstance(value, dict) or set(value) != keys:
        raise Invalid("training: not a run")
    history = value["history"]
    if not isinstance(history, list) or len(history) > EPOCHS_MAX:
        raise Invalid(f"training: not a list of at most {EPOCHS_MAX} epochs")
    rows = []
    for row in history:
        if not isinstance(row, list) or len(row) != 6 or type(row[5]) is not bool:
            raise Invalid("training: an epoch is [loss, accuracy, val loss, val accuracy, gradient norm, best]")
        rows.append((_number(row[0], "loss", 0, 1e9), _number(row[1], "accuracy", 0, 1),
                     _number(row[2], "val loss", 0, 1e9, none=True), _number(row[3], "val accuracy", 0, 1, none=True),
                     _number(row[4], "gradient norm", 0, 1e12), row[5]))
    patience = value["patience"]
    return Training(
        task=_choice(value["task"], "task", TRAINED_TASKS), cell=_choice(value["cell"], "cell", CELLS),
        hidden=_int(value, "hidden", 1, HIDDEN_MAX), lr=_number(value["lr"], "lr", 1e-9, 100),
        seed=_int(value, "seed", 0, SEQ_MAX), epochs=_int(value, "epochs", 1, EPOCHS_MAX),
        patience=None if patience is None else _int(value, "patience", 1, EPOCHS_MAX),
        running=_bool(value, "running"), used=_bool(value, "used"),
        error=_text(value["error"], "error", QUESTION_MAX, empty=True),
        try_text=_text(value["try_text"], "try_text", SENTENCE_MAX, empty=True),
        history=tuple(rows), model=_ref(value["model"], "model"))


def _position(body: dict[str, Any]) -> Position:
    from rnn_tui.ui.scenes import NAMES  # names only, no Textual

    elapsed: Any = body.get("elapsed")
    if type(elapsed) not in (int, float) or not 0 <= elapsed < 10**7 or not math.isfinite(elapsed):
        raise Invalid("elapsed: not a number of seconds")
    temperature: Any = body.get("temperature")
    if temperature is not None and (type(temperature) not in (int, float) or not 0 < temperature <= 100):
        raise Invalid("temperature: not a number from 0 to 100")
    weights = body.get("weights")
    if isinstance(weights, str):
        from rnn_tui.engine.models import BUILTIN
        weights = _choice(weights, "weights", tuple(BUILTIN))
    else:
        weights = _ref(weights, "weights")
    return Position(
        seq=_int(body, "seq", 0, SEQ_MAX), elapsed=float(elapsed),
        scene=_choice(body.get("scene"), "scene", tuple(NAMES)),
        step=_int(body, "step", 0, STEP_MAX), substep=_int(body, "substep", -1, 16),
        topology=_choice(body.get("topology"), "topology", TOPOLOGY_NAMES),
        sentence=_text(body.get("sentence"), "sentence", SENTENCE_MAX, empty=True),
        item=_int(body, "item", -1, STEP_MAX), scale=_int(body, "scale", 0, 16),
        cell=_text(body.get("cell"), "cell", NAME_MAX),
        guessing=_bool(body, "guessing"), hidden=_bool(body, "hidden"), folded=_bool(body, "folded"),
        compared=_bool(body, "compared"),
        temperature=None if temperature is None else float(temperature), seed=_int(body, "seed", 0, SEQ_MAX),
        corpus=_ref(body.get("corpus"), "corpus"), weights=weights, prompt=_prompt(body.get("prompt")),
        typed=_text(body.get("typed", ""), "typed", SENTENCE_MAX, empty=True),
        trained=_trained(body.get("trained", [])), training=_training(body.get("training")),
    )


def _asset(body: dict[str, Any]) -> Asset:
    kind = _choice(body.get("kind"), "kind", ASSET_KINDS)
    name = _file_name(body.get("name"), "name")
    data_text = body.get("data")
    if not isinstance(data_text, str) or len(data_text) > PRESENTER_LINE_MAX:
        raise Invalid("data: not base64 text")
    try:
        data = base64.b64decode(data_text, validate=True)
    except ValueError:
        raise Invalid("data: not base64") from None
    if len(data) > ASSET_MAX_BYTES:
        raise Invalid(f"data: {len(data)} bytes; the limit is {ASSET_MAX_BYTES}")
    if sha256(data) != _hash(body.get("sha256"), "sha256"):
        raise Invalid("data: its SHA-256 is not the one announced")
    return Asset(kind, name, data)


def parse_address(text: str, default_host: str = DEFAULT_HOST) -> tuple[str, int]:
    """`[HOST:]PORT` (an IPv6 host in brackets: `[::1]:8470`) as (host, port). Raises ValueError."""
    text = text.strip()
    host, _, port_text = text.rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise ValueError(f"{text!r}: give a port from 1 to 65535, or HOST:PORT")
    if ":" in host and not text.startswith("["):
        raise ValueError(f"{text!r}: write an IPv6 address in brackets, as [::1]:{port_text}")
    return host or default_host, int(port_text)
