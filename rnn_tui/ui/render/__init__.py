"""Pure drawing helpers (bars, charts, braille): numbers in, Rich text out; no widgets, no state."""
