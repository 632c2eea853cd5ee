"""rnn-tui: step through a recurrent neural network in the terminal."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version lives in pyproject.toml only; the installed package's metadata carries it.
    # Read on first use, so importing the package does not pay for importlib.metadata.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("rnn-tui")
        except PackageNotFoundError:  # run from a source tree that was never installed
            return "unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
