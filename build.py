#!/usr/bin/env python3
"""Build the report site: python build.py [serve | figures PATH | stamp LANG [UNIT…]] (see README.md)."""
import sys

# Keep the generator's compiled bytecode (sitegen/__pycache__/, ignored by git) even where
# PYTHONDONTWRITEBYTECODE is set, as in many containers: compiling ~3,600 lines again on every run
# costs about 0.1 s of a rebuild that should take well under a second.
sys.dont_write_bytecode = False

from sitegen.commands.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
