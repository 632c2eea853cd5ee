"""Each scene's state as plain data: frozen dataclasses with transitions as methods. No Textual here."""
