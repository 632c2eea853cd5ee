"""`rnn-tui serve` on a shared machine: a token in the address, the Origin checked, a cap on
sessions, idle sessions closed, window sizes clamped. The server runs in this process on a
loopback port; the app processes are stand-ins that record what they were asked (no traffic
leaves 127.0.0.1)."""

from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("textual_serve")

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402

from rnn_tui import serve_guard  # noqa: E402
from rnn_tui.serve_guard import GuardedServer  # noqa: E402

TOKEN = "s3cret-token"


class StandIn:
    """An AppService that starts no process: it records the sizes it was given."""

    started: list[StandIn] = []

    def __init__(self, command, write_bytes, write_str, close, download_manager, debug=False):
        self.sizes: list[tuple[int, int]] = []
        self.stopped = False
        StandIn.started.append(self)

    async def start(self, width, height):
        self.sizes.append((width, height))

    async def set_terminal_size(self, width, height):
        self.sizes.append((width, height))

    async def send_bytes(self, data):
        return True

    async def stop(self):
        self.stopped = True

    async def blur(self):
        pass

    async def focus(self):
        pass


def serving(script, **options):
    """Run `await script(base_url, server)` against a GuardedServer on a free loopback port."""
    async def main():
        StandIn.started = []
        runner = None
        try:
            server = GuardedServer("true", host="127.0.0.1", port=0, title="rnn-tui", token=TOKEN,
                                   max_sessions=options.get("max_sessions", 8),
                                   idle_minutes=options.get("idle_minutes", 30.0),
                                   public_url="http://127.0.0.1:1")
            runner = web.AppRunner(await server._make_app())
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            server.public_url = f"http://127.0.0.1:{port}"
            server.origins = {f"http://127.0.0.1:{port}", f"http://localhost:{port}"}
            async with aiohttp.ClientSession() as session:
                await script(session, server.public_url, server)
        finally:
            if runner is not None:
                await runner.cleanup()
    asyncio.run(main())


@pytest.fixture(autouse=True)
def stand_in(monkeypatch):
    monkeypatch.setattr(serve_guard, "AppService", StandIn)


def test_the_page_needs_the_token():
    async def script(session, base, server):
        for query in ("", "?token=", "?token=guess"):
            async with session.get(f"{base}/{query}") as r:
                assert r.status == 403
                assert "needs its token" in await r.text()
        async with session.get(f"{base}/?token={TOKEN}") as r:
            assert r.status == 200
            assert f"/ws/{TOKEN}" in await r.text()
        for path in ("/ws", "/ws/guess"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(f"{base}{path}")
            assert refused.value.status == 403
        assert StandIn.started == []
    serving(script)


def test_another_sites_page_cannot_drive_the_app():
    async def script(session, base, server):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(f"{base}/ws/{TOKEN}", headers={"Origin": "http://evil.example"})
        assert refused.value.status == 403
        assert StandIn.started == []
        ws = await session.ws_connect(f"{base}/ws/{TOKEN}", headers={"Origin": base})
        await ws.close()
        assert len(StandIn.started) == 1
    serving(script)


def test_sessions_are_capped_and_the_next_visitor_is_told():
    async def script(session, base, server):
        first = await session.ws_connect(f"{base}/ws/{TOKEN}")
        await asyncio.sleep(0.1)
        async with session.get(f"{base}/?token={TOKEN}") as r:
            assert r.status == 503
            assert "full" in await r.text()
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(f"{base}/ws/{TOKEN}")
        assert refused.value.status == 503
        await first.close()
        await asyncio.sleep(0.1)
        async with session.get(f"{base}/?token={TOKEN}") as r:
            assert r.status == 200  # a place is free again
    serving(script, max_sessions=1)


def test_an_idle_session_is_closed_and_its_app_stopped():
    async def script(session, base, server):
        ws = await session.ws_connect(f"{base}/ws/{TOKEN}")
        message = await asyncio.wait_for(ws.receive(), timeout=10)  # 0.6 s of nothing, then closed
        assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING)
        await asyncio.sleep(0.1)
        assert StandIn.started[0].stopped
    serving(script, idle_minutes=0.01)


def test_a_huge_window_is_clamped():
    async def script(session, base, server):
        ws = await session.ws_connect(f"{base}/ws/{TOKEN}?width=8000&height=4000")
        await ws.send_json(["resize", {"width": 100000, "height": -5}])
        await asyncio.sleep(0.2)
        await ws.close()
        assert StandIn.started[0].sizes == [serve_guard.MAX_SIZE, (serve_guard.MAX_SIZE[0], serve_guard.MIN_SIZE[1])]
    serving(script)
