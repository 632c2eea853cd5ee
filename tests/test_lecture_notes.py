"""Speaker notes: the shipped notes speak to every scene, a notes file is read by its headings,
and a bad one is one line naming the line and what is wrong (exit 2 from `rnn-tui present`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rnn_tui.engine.errors import InputError
from rnn_tui.lecture.notes import load_notes, parse_notes, shown_step
from rnn_tui.ui.scenes import NAMES

from helpers import assert_one_line_error

GOOD = """# My lecture
## unroll
Everything about the chain.
### step 2
Ask which word comes next.
#### a sub-heading stays text

## onehot
One-hot vectors.
"""


def test_the_shipped_notes_cover_every_scene_in_the_lectures_words() -> None:
    notes, data = load_notes()
    assert set(notes.scenes) == set(NAMES)
    assert all(notes.scenes[name].intro for name in NAMES)
    assert "input size error" in notes.at("flatten", 0)
    assert "one-hot" in notes.at("onehot", 0).lower()
    assert "t=3" in notes.at("unroll", 3)  # a step's own section at that step
    assert "t=3" not in notes.at("unroll", 2)
    assert data.startswith(b"# ")


def test_a_step_section_adds_to_the_scenes_notes_at_that_step_only() -> None:
    notes = parse_notes(GOOD, "mine.md")
    assert notes.at("unroll", 2) == ("Everything about the chain.\n\nAsk which word comes next.\n"
                                     "#### a sub-heading stays text")
    assert notes.at("unroll", 1) == "Everything about the chain."
    assert notes.at("onehot", 0) == "One-hot vectors."
    assert notes.at("gradients", 0) == ""


def test_unroll_steps_are_counted_as_its_status_line_counts_them() -> None:
    assert shown_step("unroll", 0) == 1 and shown_step("flatten", 0) == 0


@pytest.mark.parametrize("text, where, what", [
    ("## nope\n", ":1:", "unknown scene 'nope'"),
    ("# title\nhello\n## unroll\n", ":2:", "text before the first"),
    ("### step 1\n", ":1:", "before any '## scene'"),
    ("## unroll\n### step one\n", ":2:", "'### step N'"),
    ("## unroll\n### step 1\n### step 1\n", ":3:", "second section"),
    ("## unroll\n## unroll\n", ":2:", "second '## unroll'"),
    ("## unroll\nbad \x1b[2J escape\n", ":2:", "control character"),
    ("# only a title\n", "", "no '## scene' heading"),
])
def test_a_bad_notes_file_names_the_line_and_the_problem(text: str, where: str, what: str) -> None:
    with pytest.raises(InputError) as e:
        parse_notes(text, "mine.md")
    assert f"mine.md{where}" in str(e.value) and what in str(e.value)


def test_a_notes_file_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    f = tmp_path / "n.md"
    f.write_bytes(b"## unroll\nok\n\xff\n")
    with pytest.raises(InputError, match=r"n.md:3: not UTF-8"):
        load_notes(f)


def test_present_with_bad_notes_exits_2_with_one_line(cli, tmp_path: Path) -> None:
    f = tmp_path / "notes.md"
    f.write_text("## unroll\n### step x\n")
    run = cli("present", "--notes", str(f), "--port", "1")
    assert_one_line_error(run.code, run.err, "--notes", "notes.md:2:", "'### step N'")
    run = cli("present", "--notes", str(tmp_path / "missing.md"))
    assert_one_line_error(run.code, run.err, "missing.md: no such file")


def test_follow_and_notes_name_a_bad_address(cli) -> None:
    for command in ("follow", "notes"):
        run = cli(command, "localhost:99999")
        assert_one_line_error(run.code, run.err, "65535")


def test_notes_names_a_token_that_cannot_be_one(cli) -> None:
    run = cli("notes", "8470", "--token", "abc\x1b[2J")
    assert_one_line_error(run.code, run.err, "--token", "not a notes token")


def test_present_says_how_to_open_the_notes_with_its_token(tmp_path) -> None:
    from rnn_tui.ui.lecture.commands import notes_howto

    said = notes_howto("127.0.0.1", 8470, "T0KEN-abc_123456789", tmp_path / "notes-8470.token")
    assert "`rnn-tui notes 8470` in another terminal on this machine" in said
    assert "`rnn-tui notes 8470 --token T0KEN-abc_123456789` through `ssh -N -L 8470:localhost:8470" in said
    assert "`rnn-tui notes 10.0.0.2:8470 --token T0KEN" in notes_howto("10.0.0.2", 8470, "T0KEN-abc_123456789",
                                                                         tmp_path / "x")


def test_present_on_a_port_in_use_exits_2_with_one_line(cli) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = cli("present", "--port", str(port))
    assert_one_line_error(run.code, run.err, f"cannot present on 127.0.0.1:{port}", "--port")


def test_present_on_another_address_warns_as_serve_public_does(cli) -> None:
    run = cli("present", "--host", "192.0.2.10", "--port", "18470")   # TEST-NET: never this machine's
    warning, error = run.err.splitlines()
    assert warning.startswith("rnn-tui: warning: presenting on 192.0.2.10:18470 to anyone who can reach it")
    assert "no password, no TLS" in warning
    assert run.code == 2 and error.startswith("rnn-tui: error: cannot present on 192.0.2.10:18470")
