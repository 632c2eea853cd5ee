"""The speaker notes reach the notes terminal only: a follower's connection never receives a byte
of them (nor their hash), a notes client without the token or with a wrong one gets none and is
closed, and the right token (compared in constant time) gets them. The token lives in a file
only its user can read, keyed by port. And a follower that reconnects still has one answer per
prompt. Sockets on 127.0.0.1; no Textual."""

from __future__ import annotations

import asyncio
import os
import stat

from rnn_tui.lecture.guess import Tally
from rnn_tui.lecture.protocol import Answer, Asset, Hello, NotesLogin, Position, decode_from_presenter, encode
from rnn_tui.lecture.token import new_token, read_token, remove_token, token_path, write_token
from rnn_tui.lecture.wire import Broadcast

HOST = "127.0.0.1"
SECRET = b"## unroll\nSECRET: the exam asks about t=3, do not tell them\n"
NOTES = Asset("notes", "lecture.md", SECRET)


async def everything(reader: asyncio.StreamReader, seconds: float = 0.5) -> bytes:
    """What a connection receives in `seconds` (or until it is closed)."""
    got = b""
    try:
        while True:
            chunk = await asyncio.wait_for(reader.read(1 << 16), seconds)
            if not chunk:
                return got + b"<closed>"
            got += chunk
    except asyncio.TimeoutError:
        return got


def test_only_a_connection_with_the_token_receives_the_notes() -> None:
    token = new_token()

    async def main() -> None:
        presenter = Broadcast(token=token)
        await presenter.start(HOST, 0)
        presenter.add_notes(NOTES)
        presenter.add_asset(Asset("corpus", "class.csv", b"text,label\nhi there,1\n"))
        presenter.publish(Position(seq=1, elapsed=0.0, scene="unroll", step=2))

        writers = []   # kept: a writer garbage-collected closes its connection

        async def connect(first: Hello | NotesLogin | None) -> asyncio.StreamReader:
            reader, writer = await asyncio.open_connection(HOST, presenter.port)
            writers.append(writer)
            if first is not None:
                writer.write(encode(first))
            return reader

        follower = await connect(Hello("ab" * 16))
        silent = await connect(None)
        wrong = await connect(NotesLogin(token[:-1] + ("A" if token[-1] != "A" else "B")))
        notes = await connect(NotesLogin(token))
        presenter.publish(Position(seq=2, elapsed=1.0, scene="unroll", step=3))
        names = ("follower", "silent", "wrong", "notes")
        seen = dict(zip(names, await asyncio.gather(*(everything(r) for r in (follower, silent, wrong, notes))),
                        strict=True))
        for name in ("follower", "silent", "wrong"):
            assert b"SECRET" not in seen[name] and NOTES.sha256.encode() not in seen[name], name
            assert b'"kind":"notes"' not in seen[name], name
        assert seen["wrong"].endswith(b"<closed>")              # no second guess on that connection
        assert b'"step":3' in seen["follower"] and b'"kind":"corpus"' in seen["follower"]   # the rest arrives
        got = [decode_from_presenter(line + b"\n") for line in seen["notes"].split(b"\n") if line]
        assert NOTES in got                                     # the notes terminal gets them, once
        assert sum(isinstance(m, Asset) and m.kind == "notes" for m in got) == 1
        await presenter.close()
    asyncio.run(main())


def test_a_presenter_without_a_token_sends_the_notes_to_no_one() -> None:
    async def main() -> None:
        presenter = Broadcast()
        await presenter.start(HOST, 0)
        presenter.add_notes(NOTES)
        reader, writer = await asyncio.open_connection(HOST, presenter.port)
        writer.write(encode(NotesLogin("x" * 43)))
        assert await everything(reader) == b"<closed>"
        await presenter.close()
    asyncio.run(main())


def test_a_follower_that_reconnects_still_has_one_answer_per_prompt() -> None:
    """The tally counts under the id the follower's process sends in each connection's hello:
    a reconnect's answer replaces the first rather than adding a second; without a hello, no
    answer counts."""
    tally = Tally()
    tally.open(9, 3)

    async def main() -> None:
        presenter = Broadcast(on_answer=lambda follower, a: tally.take(follower, a.prompt, a.choice))
        await presenter.start(HOST, 0)
        me, other = "12" * 16, "34" * 16
        for hello, choice in ((me, 0), (other, 1), (me, 2), (None, 0)):   # me twice: a reconnect
            _, writer = await asyncio.open_connection(HOST, presenter.port)
            if hello is not None:
                writer.write(encode(Hello(hello)))
            writer.write(encode(Answer(9, choice)))
            await writer.drain()
            for _ in range(100):
                if hello is None or tally.by_follower.get(hello) == choice:
                    break
                await asyncio.sleep(0.01)
            writer.close()
        await asyncio.sleep(0.1)
        await presenter.close()
    asyncio.run(main())
    assert tally.total == 2 and tally.counts == [0, 1, 1]


def test_the_token_file_is_the_users_alone_and_goes_with_its_presenter(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    os.umask(0o022)
    token = new_token()
    assert len(token) >= 43 and new_token() != token
    path = write_token(8470, token)
    assert path == token_path(8470) == tmp_path / "rnn-tui" / "notes-8470.token"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert read_token(8470) == token and read_token(8471) is None
    path.chmod(0o644)                      # readable by others: not trusted
    assert read_token(8470) is None
    write_token(8470, token)               # written again: 0600 again
    remove_token(8470, "another presenter's")
    assert path.exists()
    remove_token(8470, token)
    assert not path.exists()
