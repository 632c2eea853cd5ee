"""Lecture mode's wire: every message round-trips, and junk, truncated or hostile lines are
dropped (None), never raised, whatever the bytes. No sockets here (test_lecture_apps.py has them)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given, strategies as st

from rnn_tui.lecture.protocol import (
    ANSWER_LINE_MAX,
    ASSET_MAX_BYTES,
    POSITION_LINE_MAX,
    Answer,
    Asset,
    AssetRef,
    Hello,
    NotesLogin,
    Position,
    Prompt,
    decode_from_follower,
    decode_from_presenter,
    encode,
    parse_address,
    why_invalid,
)

HOSTILE = "[bold red]x[/] \x1b[2J\x1b]0;pwned\x07 \u202eevil \x00 𝔘𝔫𝔦 🙂"
POSITION = Position(seq=7, elapsed=12.5, scene="unroll", step=2, substep=3, topology="one-to-many",
                    sentence="the cat sat", item=4, scale=2, compared=True, guessing=True, hidden=True,
                    temperature=0.5, seed=3,
                    corpus=AssetRef("a" * 64, "class.csv"), weights="sentiment",
                    prompt=Prompt(4, "t=3: Which word comes next?", ("cat", "sat", "mat"), None))


def body(position: Position = POSITION) -> dict:
    return json.loads(encode(position))


def line(obj: object) -> bytes:
    return (json.dumps(obj) + "\n").encode()


def test_a_position_round_trips_with_every_field() -> None:
    assert decode_from_presenter(encode(POSITION)) == POSITION
    revealed = replace(POSITION, prompt=replace(POSITION.prompt, answer=2), weights=AssetRef("c" * 64, "m.npz"))
    assert decode_from_presenter(encode(revealed)) == revealed


def test_an_asset_round_trips_and_must_match_its_hash() -> None:
    asset = Asset("corpus", "class.csv", b"text,label\nhi there,1\n")
    assert decode_from_presenter(encode(asset)) == asset
    forged = json.loads(encode(asset))
    forged["data"] = "aGVsbG8="   # "hello": not the bytes the hash names
    assert decode_from_presenter(line(forged)) is None
    assert "SHA-256" in why_invalid(line(forged))


def test_hostile_text_is_kept_as_data_not_refused() -> None:
    """Markup and escapes in a sentence or a question arrive as the same characters: the screen
    shows them through ui.safe (test_lecture_apps checks the screen)."""
    p = replace(POSITION, sentence=HOSTILE, prompt=replace(POSITION.prompt, question=HOSTILE[:100]))
    assert decode_from_presenter(encode(p)).sentence == HOSTILE
    assert b"\x1b" not in encode(p)   # escaped on the wire too (ASCII JSON)


@pytest.mark.parametrize("change, why", [
    ({"v": 2}, "version"),
    ({"v": True}, "version"),
    ({"t": "answer"}, "a follower takes no"),
    ({"scene": "nope"}, "scene"),
    ({"scene": None}, "scene"),
    ({"topology": "many-to-all"}, "topology"),
    ({"step": -1}, "step"),
    ({"step": 10**30}, "step"),
    ({"step": 2.5}, "step"),
    ({"step": True}, "step"),
    ({"substep": 99}, "substep"),
    ({"item": -2}, "item"),
    ({"scale": 17}, "scale"),
    ({"seq": "7"}, "seq"),
    ({"elapsed": -1}, "elapsed"),
    ({"temperature": 0}, "temperature"),
    ({"sentence": "x" * 10_001}, "sentence"),
    ({"guessing": "yes"}, "guessing"),
    ({"compared": 1}, "compared"),
    ({"weights": "../../etc/passwd"}, "weights"),
    ({"corpus": {"sha256": "a" * 64, "name": "../x.csv"}}, "corpus"),
    ({"corpus": {"sha256": "A" * 64, "name": "x.csv"}}, "corpus"),
    ({"prompt": {"id": 1, "question": "q", "choices": ["only one"], "answer": None}}, "choices"),
    ({"prompt": {"id": 1, "question": "q", "choices": ["a", "b"], "answer": 2}}, "answer"),
    ({"prompt": {"id": 1, "question": "q", "choices": ["a", "b"] * 5, "answer": None}}, "choices"),
])
def test_a_position_with_a_bad_field_is_dropped_naming_it(change: dict, why: str) -> None:
    bad = line({**body(), **change})
    assert decode_from_presenter(bad) is None
    assert why in why_invalid(bad)


@pytest.mark.parametrize("raw, why", [
    (b"", "truncated"),
    (encode(POSITION)[:-20], "truncated"),
    (encode(POSITION)[:-1], "truncated"),
    (b"not json\n", "not JSON"),
    (b"[1, 2]\n", "not a JSON object"),
    (b'{"v": 1, "t": "position", "elapsed": NaN}\n', "not JSON"),
    (b'{"v": 1, "step": Infinity}\n', "not JSON"),
    (b"[" * 100_000 + b"\n", "not JSON"),
    (b"[" * 20_000 + b"]" * 20_000 + b"\n", "not JSON"),
    (b'{"v": 1, "seq": ' + b"9" * 5000 + b"}\n", "not JSON"),
    (b"\xff\xfe\n", "not JSON"),
], ids=["empty", "cut", "no-newline", "words", "array", "nan", "infinity", "deep", "deep-closed", "huge-int",
        "not-utf8"])
def test_junk_and_truncated_lines_are_dropped(raw: bytes, why: str) -> None:
    assert decode_from_presenter(raw) is None
    assert why in why_invalid(raw)


def test_a_position_over_its_size_cap_is_dropped() -> None:
    big = line({**body(), "padding": "x" * POSITION_LINE_MAX})
    assert decode_from_presenter(big) is None


def test_the_presenter_takes_an_answer_a_hello_or_a_notes_token_and_nothing_else() -> None:
    assert decode_from_follower(encode(Answer(4, 1))) == Answer(4, 1)
    assert decode_from_follower(encode(Hello("0f" * 16))) == Hello("0f" * 16)
    token = "Ab-_" * 11
    assert decode_from_follower(encode(NotesLogin(token))) == NotesLogin(token)
    assert token not in repr(NotesLogin(token))         # a token never lands in a log by its repr
    for junk in [encode(POSITION), encode(Asset("notes", "n.md", b"## unroll\n")),
                 line({"v": 1, "t": "hello", "id": "0F" * 16}),           # upper-case hex: not an id we make
                 line({"v": 1, "t": "hello", "id": "0f" * 17}),
                 line({"v": 1, "t": "hello", "id": 7}),
                 line({"v": 1, "t": "notes", "token": "short"}),
                 line({"v": 1, "t": "notes", "token": "x" * 40 + "\x1b[2J"}),
                 line({"v": 1, "t": "notes", "token": token, "id": "0f" * 16}),
                 line({"v": 1, "t": "answer", "prompt": 4, "choice": 1, "extra": "x"}),
                 line({"v": 1, "t": "answer", "prompt": 4, "choice": 8}),
                 line({"v": 1, "t": "answer", "prompt": -1, "choice": 0}),
                 line({"v": 1, "t": "command", "run": "rm -rf /"}),
                 b"x" * (ANSWER_LINE_MAX + 1) + b"\n"]:
        assert decode_from_follower(junk) is None, junk[:60]


def test_an_asset_over_the_cap_is_dropped() -> None:
    huge = Asset("corpus", "big.txt", b"a" * (ASSET_MAX_BYTES + 1))
    assert decode_from_presenter(encode(huge)) is None


@given(st.binary(max_size=400))
def test_random_bytes_never_raise(raw: bytes) -> None:
    for candidate in (raw, raw + b"\n"):
        assert decode_from_presenter(candidate) is None or candidate.endswith(b"\n")
        decode_from_follower(candidate)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                 max_size=4), max_leaves=12)


@given(st.sampled_from(sorted(body())), JSON)
def test_any_value_in_any_field_is_taken_valid_or_dropped(key: str, value: object) -> None:
    """A position with one field replaced by anything JSON can hold: decoded to a valid
    Position or dropped, never an exception."""
    message = decode_from_presenter(line({**body(), key: value}))
    assert message is None or isinstance(message, Position)


@pytest.mark.parametrize("text, expected", [
    ("8470", ("127.0.0.1", 8470)), ("server:9000", ("server", 9000)), ("[::1]:8470", ("::1", 8470)),
    ("10.0.0.2:1", ("10.0.0.2", 1)),
])
def test_addresses(text: str, expected: tuple[str, int]) -> None:
    assert parse_address(text) == expected


@pytest.mark.parametrize("text", ["", "host", "host:0", "host:70000", "::1:8470", "port"])
def test_bad_addresses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_address(text)


def test_a_position_carries_nothing_of_the_notes() -> None:
    """The notes' bytes go only to the notes terminal; a position names no notes file, not even by hash."""
    assert "notes" not in body()
    assert decode_from_presenter(line({**body(), "notes": "b" * 64})) == POSITION   # an older presenter's: ignored


def test_same_place_ignores_the_clock_and_the_prompt() -> None:
    assert POSITION.same_place(replace(POSITION, seq=99, elapsed=1.0, prompt=None))
    assert not POSITION.same_place(replace(POSITION, step=3))
    assert not POSITION.same_place(replace(POSITION, sentence="another"))
