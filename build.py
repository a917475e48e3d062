#!/usr/bin/env python3
"""Build the report site: python build.py [serve | figures PATH | stamp LANG [UNIT…]] (see README.md)."""
import sys

from sitegen.cli import main

if __name__ == "__main__":
    sys.exit(main())
