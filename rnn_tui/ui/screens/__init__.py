"""Modal screens: help, a unit's close-up, typing a sentence, and the size guard."""
