"""Where a presenter publishes by default: the CLI's help says it without importing the protocol."""

DEFAULT_PORT = 8470
DEFAULT_HOST = "127.0.0.1"
