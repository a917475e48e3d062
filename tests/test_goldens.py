"""The generated pages equal the golden files (regenerate with tests/update_goldens.py)."""
from __future__ import annotations

import difflib

from goldens_lib import GOLDEN, rendered_pages


def test_pages_match_goldens():
    pages = rendered_pages()
    golden = {str(p.relative_to(GOLDEN)): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(golden), "pages added or removed: run tests/update_goldens.py if intended"
    diffs = []
    for rel, text in pages.items():
        if text != golden[rel]:
            diff = difflib.unified_diff(golden[rel].splitlines(), text.splitlines(), f"golden/{rel}", f"now/{rel}",
                                        lineterm="", n=1)
            diffs.append("\n".join(list(diff)[:30]))
    assert not diffs, "generated pages differ from the goldens:\n" + "\n\n".join(diffs)
