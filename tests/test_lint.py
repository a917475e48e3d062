"""The code passes ruff (the rules and the line length are ruff.toml's, at the project root), and each stage of
sitegen/ uses only the stages before it (README.md, "The code, by stage")."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITEGEN = ROOT / "sitegen"
# what each stage may import besides itself and the shared modules at the top (problems, signals, numbers, ...)
STAGES = {"read": (), "check": ("read",), "render": ("read", "check"), "write": ("read", "check", "render"),
          "commands": ("read", "check", "render", "write", "pipeline")}
TOP = ("pipeline",)  # a top-level module that is a stage of its own: only commands/ use it


def test_ruff_finds_nothing():
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(ROOT)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"ruff check found problems:\n{proc.stdout}{proc.stderr}"


def imported(path: Path) -> set[str]:
    """The sitegen modules a file imports (dotted, inside sitegen), at the top or inside functions."""
    here = path.relative_to(SITEGEN).with_suffix("").parts[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(here[: len(here) - (node.level - 1)])
            mod = base + (node.module.split(".") if node.module else [])
            names = [mod + [a.name] for a in node.names] if not node.module else [mod]
            out.update(".".join(n) for n in names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sitegen."):
            out.add(node.module.removeprefix("sitegen."))
        elif isinstance(node, ast.Import):
            out.update(a.name.removeprefix("sitegen.") for a in node.names if a.name.startswith("sitegen."))
    return out


def test_each_stage_uses_only_the_stages_before_it():
    stages = set(STAGES) | set(TOP)
    wrong = []
    for path in sorted(SITEGEN.rglob("*.py")):
        parts = path.relative_to(SITEGEN).parts
        mine = parts[0] if len(parts) > 1 else path.stem
        allowed = set(STAGES.get(mine, ("read", "check", "render", "write") if mine in TOP else ())) | {mine}
        for mod in imported(path):
            stage = mod.split(".")[0]
            if stage in stages and stage not in allowed:
                wrong.append(f"{path.relative_to(ROOT)} imports sitegen.{mod} (a later stage)")
    assert not wrong, "\n".join(wrong)
    assert imported(SITEGEN / "render" / "pages.py") >= {"read.content", "check.validate"}  # the reader sees them
