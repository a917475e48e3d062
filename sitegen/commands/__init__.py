"""What build.py runs: build, serve, figures, stamp, draft."""
