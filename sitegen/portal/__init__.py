"""A portal: several reports built into one site (build.py portal FILE), on top of the report pipeline."""
