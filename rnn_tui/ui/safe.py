"""User text is data. Rich never reads it as markup if it goes in as Text, but Text lets
control characters through: an escape sequence in a corpus would reach the terminal.
So every sentence from a user goes through `user_text`, which shows such characters as
visible escapes, the way Python's repr does."""

from __future__ import annotations

import re
import unicodedata

from rich.style import Style
from rich.text import Text

# Bidirectional embeddings, overrides and isolates: they reorder everything after them.
BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable(text: str) -> str:
    """`text` with control characters (C0, DEL, C1) and bidi controls written as \\xNN / \\uNNNN."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def user_text(text: str, style: Style | str | None = None) -> Text:
    return Text(printable(text), style or "")


# C0, DEL, C1 (0x9b is CSI to some terminals) and the bidi controls: what `printable` escapes.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "]")


def terminal_safe(text: str) -> str:
    """`text` without the characters a terminal would act on (they take no cell, so widths hold)."""
    return UNSAFE.sub("", text)
