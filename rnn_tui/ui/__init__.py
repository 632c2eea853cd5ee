"""The Textual app. It reads the engine; the engine never reads it."""
