"""One widget per pane. Each reads a View and repaints only when what it shows has changed."""
