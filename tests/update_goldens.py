#!/usr/bin/env python3
"""Regenerate tests/goldens/ after an intended change of the pages (never run in CI)."""
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from goldens_lib import GOLDEN, rendered_pages  # noqa: E402

if os.environ.get("CI"):
    sys.exit("refusing to regenerate golden files in CI")
shutil.rmtree(GOLDEN, ignore_errors=True)
for rel, text in rendered_pages().items():
    f = GOLDEN / rel
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text(text, encoding="utf-8")
print(f"wrote {len(list(GOLDEN.rglob('*.md')))} golden pages into {GOLDEN}")
