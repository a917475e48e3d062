"""Report -> strings and bytes: pages, charts, share cards, the long image (no disk)."""
