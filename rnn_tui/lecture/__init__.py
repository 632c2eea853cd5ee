"""Lecture mode's plain logic: the wire protocol between presenter and followers, speaker notes,
the guess prompts and their tally. No Textual here (an import contract checks it): the app glue
is in `rnn_tui.ui.lecture`."""
