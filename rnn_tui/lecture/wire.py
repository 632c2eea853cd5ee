"""The sockets under lecture mode, in plain asyncio (the app runs them in Textual's own loop).

`Broadcast` is the presenter's side: it listens, sends every connection the public assets and the
latest position when it connects and each new position after, and reads nothing from it but a
follower's hello and answers, or the notes terminal's token. The notes go only to a connection
that sent the token (compared in constant time); a wrong token closes the connection. A write
never waits for a follower: one that falls too far behind is dropped.
`Follow` is a follower's (and the notes terminal's) side: it connects, says hello, hands each valid
message on (of positions received together, only the newest), and when the presenter goes it says
so and tries again, for as long as the app runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from rnn_tui.lecture.protocol import (
    ANSWER_LINE_MAX,
    PRESENTER_LINE_MAX,
    Answer,
    Asset,
    Hello,
    NotesLogin,
    Position,
    decode_from_follower,
    decode_from_presenter,
    encode,
)
from rnn_tui.lecture.token import same_token

MAX_FOLLOWERS = 1000           # connections beyond this are closed at once
BEHIND_BYTES = 32 * 1024 * 1024  # unsent bytes a follower may be behind before it is dropped
JUNK_LINES = 20                # lines a follower may send that are not counted answers, before it is dropped
RETRY_SECONDS = 1.0
REFUSED_RETRY_SECONDS = 5.0    # after a wrong notes token: the presenter restarted with a new one, maybe


@dataclass
class Connection:
    id: int
    writer: asyncio.StreamWriter
    junk: int = 0
    follower: str | None = None    # the id its hello gave: answers count under it
    notes: bool = False            # it sent the notes token


@dataclass
class Broadcast:
    on_answer: Callable[[str, Answer], bool] = lambda follower, answer: True   # whether it was a first answer
    on_change: Callable[[int], None] = lambda followers: None     # how many follow now (the notes terminal aside)
    token: str | None = None       # the notes terminal's secret; None: the notes go to no one
    connections: dict[int, Connection] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)           # sha256 -> the encoded asset line
    private: dict[str, bytes] = field(default_factory=dict)          # the same, for the notes terminal only
    last: bytes | None = None
    server: asyncio.Server | None = None
    _ids: itertools.count[int] = field(default_factory=itertools.count)

    async def start(self, host: str, port: int) -> None:
        self.server = await asyncio.start_server(self._serve, host, port, limit=ANSWER_LINE_MAX,
                                                 reuse_address=True)

    @property
    def port(self) -> int:
        assert self.server is not None
        return int(self.server.sockets[0].getsockname()[1])

    def add_asset(self, asset: Asset) -> None:
        """Sent to every follower connected now and to each one that connects later."""
        if asset.sha256 not in self.assets:
            line = encode(asset)
            self.assets[asset.sha256] = line
            self._send_all(line)

    def retire_asset(self, sha256: str) -> None:
        """No longer sent to followers that connect from now on (a model replaced since)."""
        self.assets.pop(sha256, None)

    def add_notes(self, asset: Asset) -> None:
        """Sent only to connections that gave the token, now and later."""
        if asset.sha256 not in self.private:
            line = encode(asset)
            self.private[asset.sha256] = line
            for conn in list(self.connections.values()):
                if conn.notes:
                    self._send(conn, line)

    def publish(self, position: Position) -> None:
        self.last = encode(position)
        self._send_all(self.last)

    def _send_all(self, line: bytes) -> None:
        for conn in list(self.connections.values()):
            self._send(conn, line)

    def _send(self, conn: Connection, line: bytes) -> None:
        transport = conn.writer.transport
        if transport.is_closing() or transport.get_write_buffer_size() > BEHIND_BYTES:
            self._drop(conn)
            return
        conn.writer.write(line)

    @property
    def followers(self) -> int:
        return sum(not conn.notes for conn in self.connections.values())

    def _drop(self, conn: Connection) -> None:
        if self.connections.pop(conn.id, None) is not None:
            conn.writer.close()
            self.on_change(self.followers)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if len(self.connections) >= MAX_FOLLOWERS:
            writer.close()
            return
        conn = Connection(next(self._ids), writer)
        self.connections[conn.id] = conn
        self.on_change(self.followers)
        for line in self.assets.values():
            self._send(conn, line)
        if self.last is not None:
            self._send(conn, self.last)
        try:
            while conn.id in self.connections:
                line = await reader.readline()
                if not line:
                    break
                message = decode_from_follower(line)
                if isinstance(message, NotesLogin) and not conn.notes and conn.follower is None:
                    if self.token is None or not same_token(message.token, self.token):
                        break   # a wrong token: no notes, and no second guess on this connection
                    conn.notes = True
                    self.on_change(self.followers)
                    for private in self.private.values():
                        self._send(conn, private)
                elif isinstance(message, Hello) and conn.follower is None and not conn.notes:
                    conn.follower = message.id
                elif not (isinstance(message, Answer) and conn.follower is not None
                          and self.on_answer(conn.follower, message)):   # junk, no hello, or a second answer
                    conn.junk += 1
                    if conn.junk > JUNK_LINES:
                        break
        except (ValueError, ConnectionError, OSError):  # a line over the limit, a reset: drop it
            pass
        finally:
            self._drop(conn)

    async def close(self) -> None:
        for conn in list(self.connections.values()):
            self._drop(conn)
        if self.server is not None:
            self.server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.server.wait_closed(), 1)


def line_waiting(reader: asyncio.StreamReader) -> bool:
    """Whether a whole line more has been received and not yet read. A follower then hands on only
    the newest of the positions that came together (a held key, or steps that arrived while it was
    drawing, as when 20 followers share 2 cores): each applied costs a repaint's worth of work. The
    reader keeps what it has received in `_buffer` (CPython since 3.4); without it, none is skipped."""
    return b"\n" in getattr(reader, "_buffer", b"")


@dataclass
class Follow:
    """A follower's connection. `run()` loops until cancelled; `answer()` sends one answer."""

    host: str
    port: int
    on_message: Callable[[Position | Asset], None]
    on_status: Callable[[str], None]          # "connected", "unreachable", "lost", "refused"
    hello: Callable[[], Hello | NotesLogin | None] = lambda: None   # said first on each connection
    retry: float = RETRY_SECONDS
    writer: asyncio.StreamWriter | None = None
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    async def run(self) -> None:
        was_connected = False
        while True:
            try:
                reader, writer = await asyncio.open_connection(self.host, self.port, limit=PRESENTER_LINE_MAX)
            except (OSError, ValueError):
                self.on_status("lost" if was_connected else "unreachable")
                await self.sleep(self.retry)
                continue
            self.writer, was_connected = writer, True
            first = self.hello()
            if first is not None:
                writer.write(encode(first))
            self.on_status("connected")
            refused, got_notes = False, False
            held: Position | None = None   # a position with a whole line more already here: maybe a newer one
            try:
                while True:
                    line = await reader.readline()
                    if not line:
                        refused = isinstance(first, NotesLogin) and not got_notes
                        break
                    message = decode_from_presenter(line)
                    got_notes = got_notes or (isinstance(message, Asset) and message.kind == "notes")
                    if isinstance(message, Position):
                        held = message
                    elif message is not None:
                        self.on_message(message)
                    if held is not None and not line_waiting(reader):
                        message, held = held, None
                        self.on_message(message)
            except (ValueError, ConnectionError, OSError):  # a line over the limit: a broken presenter
                pass
            finally:
                self.writer = None
                writer.close()
            if held is not None:   # the lines after it broke off
                self.on_message(held)
            # A notes terminal closed before its notes came: the token was wrong (or the presenter went).
            self.on_status("refused" if refused else "lost")
            await self.sleep(REFUSED_RETRY_SECONDS if refused else self.retry)

    def answer(self, answer: Answer) -> bool:
        if self.writer is None or self.writer.transport.is_closing():
            return False
        self.writer.write(encode(answer))
        return True
