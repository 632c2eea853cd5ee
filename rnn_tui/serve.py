"""`rnn-tui serve`: the app in a browser through textual-serve, one app process per visitor.

Loopback by default: a class reaches it through an SSH tunnel (docs/ssh.md). textual-serve has
no login and no TLS, and every page load starts a new process, so a non-loopback address is
refused unless the lecturer passes --public and reads the warning; and whatever the address,
serve_guard adds a token in the URL, an Origin check, a cap on sessions, an idle timeout and a
clamp on the window size.
"""

from __future__ import annotations

import argparse
import ipaddress
import secrets
import shlex
import socket
import sys
from pathlib import Path

from rnn_tui.engine.errors import InputError

INSTALL = "pip install 'rnn-tui[web]'"
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000


def is_loopback(host: str) -> bool:
    """Whether every address `host` names is on this machine only (127.0.0.0/8, ::1)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise InputError(f"--host {host!r}: not an address, nor a name this machine can resolve") from None
    return bool(infos) and all(ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_loopback for info in infos)


def exposure_warning(host: str, port: int) -> str:
    return (f"rnn-tui: warning: serving on {host}:{port} to anyone who can reach it and has the token: no TLS, "
            f"and every page load starts an rnn-tui process on this machine (tens of MB each, CPU while "
            f"it trains, its files written here); prefer 127.0.0.1 and an SSH tunnel (docs/ssh.md)")


def app_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each visitor: this Python, this package, the
    options passed through (files made absolute, since the app may start elsewhere)."""
    parts = [sys.executable, "-m", "rnn_tui"]
    if getattr(args, "follow", None):  # every visitor follows a presenter (rnn-tui present)
        return "exec " + shlex.join(parts + ["follow", args.follow] + (["--theme", args.theme] if args.theme else []))
    if args.corpus:
        parts += ["--corpus", str(Path(args.corpus).resolve())]
    if args.weights:
        from rnn_tui.engine.models import BUILTIN
        builtin = args.weights in BUILTIN
        parts += ["--weights", args.weights if builtin else str(Path(args.weights).resolve())]
    if args.topology:
        parts += ["--topology", args.topology]
    if args.scene:
        parts += ["--scene", args.scene]
    if args.theme:
        parts += ["--theme", args.theme]
    return "exec " + shlex.join(parts)  # exec: the app replaces the shell textual-serve starts it in


def check_app_options(args: argparse.Namespace) -> None:
    """Read and check the files and names now, so a mistake is one line here and not an
    error in every visitor's browser."""
    from rnn_tui.engine.corpus import load_corpus
    from rnn_tui.engine.models import load_model
    from rnn_tui.ui.scenes import NAMES

    if args.corpus:
        load_corpus(args.corpus)
    if args.weights:
        load_model(args.weights)
    if args.scene and args.scene not in NAMES:
        raise InputError(f"unknown scene {args.scene!r}; expected one of: {', '.join(NAMES)}")


def serve(args: argparse.Namespace) -> int:
    try:
        import textual_serve.server  # noqa: F401  # the optional dependency itself, before our subclass of it
    except ImportError:
        raise InputError(f"serve needs textual-serve, which is not installed: {INSTALL}") from None
    from rnn_tui.serve_guard import GuardedServer

    host, port = args.host, args.port
    if port > 65535:
        raise InputError(f"--port {port}: the largest port is 65535")
    if not is_loopback(host):
        if not args.public:
            raise InputError(f"--host {host} is reachable from other machines; pass --public to serve there "
                             f"anyway, or keep {DEFAULT_HOST} and use an SSH tunnel (docs/ssh.md)")
        print(exposure_warning(host, port), file=sys.stderr)
    check_app_options(args)
    check_port_free(host, port)

    url_host = f"[{host}]" if ":" in host else host
    server = GuardedServer(app_command(args), host=host, port=port, title="rnn-tui",
                           public_url=args.public_url or f"http://{url_host}:{port}",
                           token=args.token or secrets.token_urlsafe(16), max_sessions=args.max_sessions,
                           idle_minutes=args.idle_minutes, max_size=args.max_size)
    try:
        server.serve()
    except OSError as e:  # the port was taken between the check and the bind
        raise InputError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    return 0


def check_port_free(host: str, port: int, doing: str = "listen on", hint: str = "") -> None:
    """Bind and let go, so a taken port or a bad --host is one line before anything starts
    ("cannot listen on 127.0.0.1:8000: Address already in use"); `serve` and `present` share it."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise InputError(f"--host {host!r}: {e.strerror or e}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp binds
        try:
            s.bind(address)
        except OSError as e:
            raise InputError(f"cannot {doing} {host}:{port}: {e.strerror or e}{hint}") from None
