"""One exception type for every bad input, so the CLI and the app can turn it into one line."""


class InputError(Exception):
    """A user-supplied file, sentence or option is not usable. The message is one line
    that says what and where (file, line, key, expected shape)."""
