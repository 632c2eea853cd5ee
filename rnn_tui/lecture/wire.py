"""The sockets under lecture mode, in plain asyncio (the app runs them in Textual's own loop).

`Broadcast` is the presenter's side: it listens, sends every follower the assets and the latest
position when it connects and each new position after, and reads nothing from a follower but
answers. A write never waits for a follower: one that falls too far behind is dropped.
`follow` is a follower's side: it connects, hands each valid message on, and when the presenter
goes it says so and tries again, for as long as the app runs.
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
    Position,
    decode_from_follower,
    decode_from_presenter,
    encode,
)

MAX_FOLLOWERS = 1000           # connections beyond this are closed at once
BEHIND_BYTES = 32 * 1024 * 1024  # unsent bytes a follower may be behind before it is dropped
JUNK_LINES = 20                # lines a follower may send that are not counted answers, before it is dropped
RETRY_SECONDS = 1.0


@dataclass
class Connection:
    id: int
    writer: asyncio.StreamWriter
    junk: int = 0


@dataclass
class Broadcast:
    on_answer: Callable[[int, Answer], bool] = lambda follower, answer: True   # whether it was counted
    on_change: Callable[[int], None] = lambda followers: None     # how many are connected now
    connections: dict[int, Connection] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)           # sha256 -> the encoded asset line
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

    def _drop(self, conn: Connection) -> None:
        if self.connections.pop(conn.id, None) is not None:
            conn.writer.close()
            self.on_change(len(self.connections))

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if len(self.connections) >= MAX_FOLLOWERS:
            writer.close()
            return
        conn = Connection(next(self._ids), writer)
        self.connections[conn.id] = conn
        self.on_change(len(self.connections))
        for line in self.assets.values():
            self._send(conn, line)
        if self.last is not None:
            self._send(conn, self.last)
        try:
            while conn.id in self.connections:
                line = await reader.readline()
                if not line:
                    break
                answer = decode_from_follower(line)
                if answer is None or not self.on_answer(conn.id, answer):  # junk, or a second answer
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


@dataclass
class Follow:
    """A follower's connection. `run()` loops until cancelled; `answer()` sends one answer."""

    host: str
    port: int
    on_message: Callable[[Position | Asset], None]
    on_status: Callable[[str], None]          # "connected", "unreachable", "lost"
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
            self.on_status("connected")
            try:
                while True:
                    line = await reader.readline()
                    if not line:
                        break
                    message = decode_from_presenter(line)
                    if message is not None:
                        self.on_message(message)
            except (ValueError, ConnectionError, OSError):  # a line over the limit: a broken presenter
                pass
            finally:
                self.writer = None
                writer.close()
            self.on_status("lost")
            await self.sleep(self.retry)

    def answer(self, answer: Answer) -> bool:
        if self.writer is None or self.writer.transport.is_closing():
            return False
        self.writer.write(encode(answer))
        return True
