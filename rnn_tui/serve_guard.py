"""textual-serve's Server with the guards a shared machine needs. textual-serve has no login and
does not check where a page comes from, starts a process for every connection, keeps an idle
one for ever and takes the window size a browser asks for. Here:

- a secret token in the address (printed at start, as Jupyter does): the page and its websocket
  answer only to it, and the websocket only to a page from this server (its Origin);
- at most `max_sessions` app processes at once; the next visitor gets a page saying it is full;
- a session with no key, click or resize for `idle_minutes` is closed;
- the terminal size a browser asks for is clamped to `max_size` (columns, rows).
"""

from __future__ import annotations

import asyncio
import hmac
import html
import time
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, log, to_int

MAX_SIZE = (300, 100)   # columns, rows: a 4K screen at a small font; 8000x4000 cost 313 MB a process
MIN_SIZE = (10, 5)


def clamp_size(width: int, height: int, largest: tuple[int, int] = MAX_SIZE) -> tuple[int, int]:
    return (min(max(width, MIN_SIZE[0]), largest[0]), min(max(height, MIN_SIZE[1]), largest[1]))


def _page(status: int, title: str, text: str) -> web.Response:
    body = (f"<!doctype html><html><head><meta charset='utf-8'><title>rnn-tui: {html.escape(title)}</title></head>"
            f"<body style='font-family:sans-serif;max-width:40em;margin:4em auto'><h1>{html.escape(title)}</h1>"
            f"<p>{html.escape(text)}</p></body></html>")
    return web.Response(status=status, text=body, content_type="text/html")


class GuardedServer(Server):
    def __init__(self, command: str, *, token: str, max_sessions: int, idle_minutes: float,
                 max_size: tuple[int, int] = MAX_SIZE, **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.max_size = max_size
        self.token = token
        self.max_sessions = max_sessions
        self.idle_seconds = idle_minutes * 60
        self.sessions = 0
        split = urlsplit(self.public_url)
        self.origins = {f"{split.scheme}://{split.netloc}".lower()}
        if split.hostname in ("127.0.0.1", "localhost", "::1"):  # the same machine, by any of its names
            port = f":{split.port}" if split.port else ""
            self.origins |= {f"{split.scheme}://{name}{port}" for name in ("127.0.0.1", "localhost", "[::1]")}

    @property
    def address(self) -> str:
        """The address to open: the page, with the token."""
        return f"{self.public_url}/?token={self.token}"

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(f"rnn-tui: serving on {self.address}", highlight=False, soft_wrap=True)
        self.console.print(f"  Open that address (the token is the password; share it only with the class). "
                           f"At most {self.max_sessions} sessions; one idle for {self.idle_seconds / 60:g} minutes "
                           "is closed. Ctrl+C stops the server.", highlight=False)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/ws/{token}", self.handle_websocket, name="guarded-websocket")
        return app

    def _token_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())

    async def handle_index(self, request: web.Request) -> Any:
        if not self._token_ok(request.query.get("token")):
            return _page(403, "This address needs its token",
                         "Open the full address that `rnn-tui serve` printed when it started "
                         "(it ends in ?token=...).")
        if self.sessions >= self.max_sessions:
            return _page(503, "rnn-tui is full",
                         f"All {self.max_sessions} sessions are in use. Try again when someone leaves, or ask "
                         "the lecturer to start the server with a larger --max-sessions.")
        response = await super().handle_index(request)
        assert isinstance(response, web.Response)
        # The page's terminal connects to /ws/TOKEN (its script adds ?width=..&height=.. after it).
        response.text = (response.text or "").replace('/ws"', f'/ws/{self.token}"')
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self._token_ok(request.match_info.get("token")):
            raise web.HTTPForbidden(text="this address needs its token")
        origin = request.headers.get("Origin")
        if origin is not None and origin.lower() not in self.origins:  # another site's page, in a visitor's browser
            log.warning("refused a websocket from origin %r", origin)
            raise web.HTTPForbidden(text="this page does not come from this server")
        if self.sessions >= self.max_sessions:
            raise web.HTTPServiceUnavailable(text=f"all {self.max_sessions} sessions are in use")
        width, height = clamp_size(to_int(request.query.get("width", "80"), 80),
                                   to_int(request.query.get("height", "24"), 24), self.max_size)
        websocket = web.WebSocketResponse(heartbeat=15)
        app_service: AppService | None = None
        self.sessions += 1
        try:
            await websocket.prepare(request)
            app_service = AppService(self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                     close=websocket.close,  # type: ignore[arg-type]  # as textual-serve
                                     download_manager=self.download_manager,
                                     debug=self.debug)
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - as textual-serve does: logged, the server goes on
            log.exception(error)
        finally:
            self.sessions -= 1
            if app_service is not None:
                await app_service.stop()
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """textual-serve's loop, with sizes clamped and a watchdog that closes an idle session."""
        last_input = time.monotonic()

        async def watch() -> None:
            while True:
                await asyncio.sleep(min(30.0, self.idle_seconds / 4))
                if time.monotonic() - last_input > self.idle_seconds:
                    log.info("closing a session idle for %.0f minutes", self.idle_seconds / 60)
                    await websocket.close(message=b"idle")
                    return

        watchdog = asyncio.create_task(watch())
        try:
            async for message in websocket:
                if message.type != WSMsgType.TEXT:
                    continue
                envelope = message.json()
                if not isinstance(envelope, list) or not envelope:
                    continue
                kind = envelope[0]
                if kind == "stdin" and isinstance(envelope[1], str):
                    last_input = time.monotonic()
                    await app_service.send_bytes(envelope[1].encode("utf-8"))
                elif kind == "resize" and isinstance(envelope[1], dict):
                    last_input = time.monotonic()
                    size = envelope[1]
                    await app_service.set_terminal_size(*clamp_size(to_int(str(size.get("width")), 80),
                                                                    to_int(str(size.get("height")), 24), self.max_size))
                elif kind == "ping":
                    await websocket.send_json(["pong", envelope[1]])
                elif kind == "blur":
                    await app_service.blur()
                elif kind == "focus":
                    await app_service.focus()
        finally:
            watchdog.cancel()
