"""One screen per lesson, in the lecture's order."""
