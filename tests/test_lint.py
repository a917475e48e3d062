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
          "portal": ("read", "check", "render", "write", "pipeline"),
          "commands": ("read", "check", "render", "write", "pipeline", "portal")}
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


# What changes the file system, called on anything but the build's Effects (`fx`). The pipeline makes its changes
# through the Effects it is handed (sitegen/effects.py), so that a test can see them all; these modules are the
# documented exceptions: the Effects themselves, the build cache and the build lock (each with a discipline of its
# own), MkDocs' worker process, the editors' commands (draft, stamp) and the tests' project copies.
WRITES = {"write_bytes", "write_text", "unlink", "mkdir", "rmdir", "touch", "chmod", "utime", "rmtree", "copyfile",
          "copy", "copy2", "copytree", "move", "mkdtemp", "symlink_to", "rename", "replace", "remove", "makedirs"}
MAY_WRITE = {"effects.py", "devtools.py", "write/cache.py", "write/lock.py", "write/engine.py", "commands/draft.py",
             "commands/stamp.py"}


def direct_writes(path: Path) -> list[str]:
    """`line: call` for each call in a file that changes the file system other than through fx."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr in WRITES:
            receiver = f.value
            if isinstance(receiver, ast.Name) and receiver.id in ("fx", "str", "text", "s"):
                continue  # the build's effects; str.replace
            if f.attr == "replace" and not (isinstance(receiver, ast.Name) and receiver.id == "os"):
                continue  # str.replace, dataclasses.replace, datetime.replace: only os.replace moves a file
            if f.attr == "copy" and not (isinstance(receiver, ast.Name) and receiver.id == "shutil"):
                continue  # dict.copy
            if f.attr == "remove" and not (isinstance(receiver, ast.Name) and receiver.id == "os"):
                continue  # list.remove, set.remove
            out.append(f"{node.lineno}: {ast.unparse(f)}()")
        elif isinstance(f, ast.Name) and f.id == "open" and len(node.args) > 1:
            mode = node.args[1]
            if isinstance(mode, ast.Constant) and isinstance(mode.value, str) and set(mode.value) & set("wax+"):
                out.append(f"{node.lineno}: open(…, {mode.value!r})")
    return out


def test_the_pipeline_changes_files_only_through_its_effects():
    wrong = []
    for path in sorted(SITEGEN.rglob("*.py")):
        rel = path.relative_to(SITEGEN).as_posix()
        if rel not in MAY_WRITE:
            wrong += [f"sitegen/{rel}:{w}" for w in direct_writes(path)]
    assert not wrong, "changes the file system without the build's Effects (fx):\n" + "\n".join(wrong)
    # the check sees what it must: a direct write in one of the exceptions is found
    assert any("write_bytes" in w or "os.replace" in w for w in direct_writes(SITEGEN / "write" / "cache.py"))


def closure(start: str) -> set[str]:
    """Every sitegen module a module imports, directly or not (by test_lint's own ast reading), as paths."""
    seen, todo = set(), [start]
    while todo:
        rel = todo.pop()
        if rel in seen:
            continue
        seen.add(rel)
        for mod in imported(SITEGEN / rel):
            for cand in (mod.replace(".", "/") + ".py", mod.replace(".", "/") + "/__init__.py",
                         mod.rsplit(".", 1)[0].replace(".", "/") + ".py",
                         mod.rsplit(".", 1)[0].replace(".", "/") + "/__init__.py"):
                if (SITEGEN / cand).is_file():
                    todo.append(cand)
                    break
    return seen


def test_a_cached_picture_is_keyed_by_all_the_code_that_draws_it(tmp_path):
    """The key of each cached kind holds the modules that draw it and everything they import (write/cache.py):
    a line height in numbers.py redraws every share card, no .cache/ purge needed."""
    import shutil

    from sitegen.write.cache import PRODUCERS, producer_digest, producer_files

    for kind, (modules, _) in PRODUCERS.items():
        wanted = set().union(*(closure(m) for m in modules)) - {"__init__.py", "render/__init__.py"}
        assert wanted <= set(producer_files(kind)), (kind, sorted(wanted - set(producer_files(kind))))
    assert "numbers.py" in producer_files("share") and "render/draw/text.py" in producer_files("chart-card")
    assert "render/draw/vector.py" in producer_files("explainer") and "render/draw/fonts.py" in producer_files("share")
    copy = tmp_path / "sitegen"
    shutil.copytree(SITEGEN, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = {kind: producer_digest(kind, copy) for kind in PRODUCERS}
    numbers = copy / "numbers.py"
    numbers.write_text(numbers.read_text(encoding="utf-8") + "\n# a drawing constant changed\n", encoding="utf-8")
    after = {kind: producer_digest(kind, copy) for kind in PRODUCERS}
    uses = {kind for kind in PRODUCERS if "numbers.py" in producer_files(kind)}
    assert uses >= {"share", "chart-card", "chart-svg", "explainer", "explainer-card"}
    assert all(before[k] != after[k] for k in uses) and all(before[k] == after[k] for k in set(PRODUCERS) - uses)
    palette = copy / "render" / "draw" / "palette.py"   # a colour of the drawing package: every picture anew
    palette.write_text(palette.read_text(encoding="utf-8") + "\n# an ink changed\n", encoding="utf-8")
    assert all(producer_digest(k, copy) != after[k] for k in PRODUCERS if k != "chart")
