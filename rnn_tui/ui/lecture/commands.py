"""The lecture commands on the command line: `present`, `follow`, `notes` (argparse only; the
apps are imported when a command runs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rnn_tui.engine.errors import InputError
from rnn_tui.lecture.defaults import DEFAULT_HOST, DEFAULT_PORT

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing for --help
if TYPE_CHECKING:
    from typing import Any

    from rnn_tui.lecture.protocol import Asset, AssetRef

COMMANDS = ("present", "follow", "notes")


def _address(text: str) -> tuple[str, int]:
    from rnn_tui.lecture.protocol import parse_address  # the protocol only when a command runs, not for --help

    try:
        return parse_address(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"takes a port from 1 to 65535 (got {text!r})")
    return int(text)


def add_commands(sub: Any, add_app_options: Any) -> None:
    """`present`, `follow` and `notes` as subcommands; `add_app_options(parser)` adds the app's options."""
    p = sub.add_parser("present", help="the app, publishing where it is to followers and a notes terminal")
    add_app_options(p)
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, metavar="N",
                   help=f"port to publish on (default {DEFAULT_PORT})")
    p.add_argument("--host", default=DEFAULT_HOST,
                   help=f"address to publish on (default {DEFAULT_HOST}, this machine only: students on it, "
                   "over SSH, follow)")
    p.add_argument("--notes", metavar="FILE", help="speaker notes (Markdown: '## scene' and '### step N'); "
                   "default: the shipped notes")

    f = sub.add_parser("follow", help="follow a presenter: show what it shows (any navigation key detaches, F "
                       "follows again)")
    f.add_argument("address", type=_address, metavar="[HOST:]PORT")
    from rnn_tui.cli import _theme
    f.add_argument("--theme", type=_theme, metavar="THEME", default=argparse.SUPPRESS, help="as for rnn-tui")
    f.add_argument("--no-mouse", action="store_true", default=argparse.SUPPRESS, help="as for rnn-tui")

    n = sub.add_parser("notes", help="the presenter's notes, scene counter and clock, in a second terminal")
    n.add_argument("address", type=_address, metavar="[HOST:]PORT")
    n.add_argument("--token", type=_token, metavar="T", help="the notes token `rnn-tui present` printed (needed only "
                   "from another machine or user: on the presenter's, it is read from the presenter's token file)")
    n.add_argument("--theme", type=_theme, metavar="THEME", default=argparse.SUPPRESS, help="as for rnn-tui")


def _token(text: str) -> str:
    from rnn_tui.lecture.protocol import TOKEN_CHARS, TOKEN_MAX, TOKEN_MIN

    if not TOKEN_MIN <= len(text) <= TOKEN_MAX or not set(text) <= TOKEN_CHARS:
        raise argparse.ArgumentTypeError("not a notes token: copy the one `rnn-tui present` printed "
                                         f"({TOKEN_MIN} to {TOKEN_MAX} letters, digits, - and _)")
    return text


def run(args: argparse.Namespace) -> int:
    from rnn_tui.ui import quiet_gc

    if args.command != "notes":  # the presenter's and a follower's app resume it at their first frame
        quiet_gc.pause()  # until then, as for the app (see quiet_gc)
    try:
        return _run(args)
    finally:
        quiet_gc.resume()


def _run(args: argparse.Namespace) -> int:
    if args.command == "present":
        return _present(args)
    host, port = args.address
    theme = _theme_name(args.theme)
    if args.command == "follow":
        from rnn_tui.ui.lecture.follower import FollowerApp

        app = FollowerApp(host, port, theme=theme)
        app.run(mouse=not args.no_mouse)
        return app.return_code or 0
    from rnn_tui.ui.lecture.notes_app import NotesApp

    notes = NotesApp(host, port, theme=theme, token=args.token)
    notes.run()
    return notes.return_code or 0


def _theme_name(theme: str) -> str:
    return {"dark": "textual-dark", "light": "textual-light"}.get(theme, theme)


def exposure_warning(host: str, port: int) -> str:
    return (f"rnn-tui: warning: presenting on {host}:{port} to anyone who can reach it: no password, no TLS; "
            "anyone there sees your position and loaded files and may answer the prompts (the notes need the "
            "token); "
            f"prefer {DEFAULT_HOST} and students on this machine or an SSH tunnel (docs/ssh.md)")


def notes_howto(host: str, port: int, token: str, path: Path) -> str:
    """What `present` prints before it starts (not on the projected screen: the token is a secret)."""
    from rnn_tui.serve import is_loopback

    if is_loopback(host):   # from elsewhere only through a tunnel, which makes it the laptop's own port
        away = f"`rnn-tui notes {port} --token {token}` through `ssh -N -L {port}:localhost:{port} THIS-SERVER`"
    else:
        where = "HOST" if host in ("0.0.0.0", "::", "") else (f"[{host}]" if ":" in host else host)
        away = f"`rnn-tui notes {where}:{port} --token {token}`"
    return (f"rnn-tui: speaker notes: `rnn-tui notes {port}` in another terminal on this machine as this user "
            f"(the token is in {path}, readable by you only); from elsewhere: {away}")


def _present(args: argparse.Namespace) -> int:
    from rnn_tui.lecture.notes import load_notes
    from rnn_tui.lecture.protocol import Asset
    from rnn_tui.serve import check_port_free, is_loopback
    from rnn_tui.ui.launch import build_session
    from rnn_tui.ui.scenes import NAMES

    with _flag("--notes"):
        _, notes_bytes = load_notes(args.notes)
    session = build_session(args)
    if args.scene not in NAMES:
        raise InputError(f"unknown scene {args.scene!r}; expected one of: {', '.join(NAMES)}")
    if not is_loopback(args.host):
        print(exposure_warning(args.host, args.port), file=sys.stderr)
    check_port_free(args.host, args.port, "present on", " (another presenter? try --port)")
    assets = [Asset("notes", Path(args.notes).name if args.notes else "notes.md", notes_bytes)]
    corpus = _travelling(args.corpus, "corpus", assets) if args.corpus else None
    weights: AssetRef | str | None = None
    if args.weights:
        from rnn_tui.engine.models import BUILTIN
        weights = args.weights if args.weights in BUILTIN else _travelling(args.weights, "weights", assets)

    from rnn_tui.lecture.token import new_token, token_path
    from rnn_tui.ui.lecture.presenter import PresenterApp

    token = new_token()
    print(notes_howto(args.host, args.port, token, token_path(args.port)), file=sys.stderr)
    app = PresenterApp(session, host=args.host, port=args.port, assets=assets, corpus=corpus, weights=weights,
                       theme=args.theme, scene=args.scene, token=token)
    app.run(mouse=not args.no_mouse)
    if app.failed:
        raise InputError(app.failed)
    return app.return_code or 0


class _flag:
    """An error about a file a flag named, said with the flag."""

    def __init__(self, flag: str) -> None:
        self.flag = flag

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, error: Any, tb: Any) -> None:
        if isinstance(error, InputError) and self.flag not in str(error):
            raise InputError(f"{self.flag}: {error}") from None


def _travelling(path: str, kind: str, assets: list[Asset]) -> AssetRef | None:
    """A file the presenter loaded, to travel to followers (it was read and checked already)."""
    from rnn_tui.lecture.protocol import ASSET_MAX_BYTES, Asset

    data = Path(path).read_bytes()
    if len(data) > ASSET_MAX_BYTES:
        print(f"rnn-tui: warning: {path}: {len(data) / 2**20:.1f} MB is too large to send to followers "
              f"(at most {ASSET_MAX_BYTES // 2**20} MB); they keep their own {kind}", file=sys.stderr)
        return None
    asset = Asset(kind, Path(path).name, data)
    assets.append(asset)
    return asset.ref

