"""Lecture mode in the app: the presenter's app, a follower's app, the notes terminal, and the
one line each shows at the bottom. The protocol and the notes are in `rnn_tui.lecture`."""
