"""One widget per pane. Each draws from the scene's state and repaints only when what it shows has changed."""
