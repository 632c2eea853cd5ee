"""`python -m rnn_tui`: the same as the `rnn-tui` command."""

from rnn_tui.cli import main

raise SystemExit(main())
