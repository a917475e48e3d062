"""Models -> a validated Report: every problem of the content, at once."""
