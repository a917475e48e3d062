"""The command line: build (default), serve, figures, stamp, draft, proof."""
from __future__ import annotations

import argparse
import errno
import json
import os
import sys
import traceback
from pathlib import Path

from .. import signals
from ..problems import BuildError, Problems

ROOT = Path(__file__).resolve().parent.parent.parent
# One character per qualifier in the figures listing: exact, more than, nearly, about, at least, at most.
QUALIFIER_MARKS = {"exact": " ", "more_than": ">", "nearly": "≈", "about": "~", "at_least": "≥", "at_most": "≤"}


def cmd_build(args) -> int:
    """Build the site; on any problem print them all and leave site/ as it was."""
    from ..pipeline import build_site
    from ..read.paths import Paths

    paths = Paths.default(args.root, Path(args.content).resolve() if args.content else None,
                          Path(args.out).resolve() if args.out else None, config_of(args))
    try:
        info = build_site(paths, args.effects, force=args.force,  # None: stderr and the disk
                          record_mkdocs=Path(os.path.abspath(args.record_mkdocs)) if args.record_mkdocs else None,
                          pages_cache=not args.no_pages_cache, release=args.release)
    except BuildError as e:
        e.problems.report()
        n = len(e.problems.errors)
        print(f"{n} problem{'s' if n != 1 else ''}; nothing was published, {paths.site} is unchanged.", file=sys.stderr)
        return 1
    except OSError as e:
        return environment_error(e, f"nothing was published, {paths.site} is unchanged")
    except KeyboardInterrupt:
        print(f"interrupted; {paths.site} unchanged", file=sys.stderr)
        return INTERRUPTED
    print(f"built {info['pages']} pages ({info['html_files']} HTML files) into {paths.site} in {info['seconds']} s"
          + (f", {info['warnings']} warning(s)" if info["warnings"] else ""))
    if args.timings:
        for stage, seconds in info["timings"].items():
            print(f"  {seconds:6.3f} s  {stage}")
        for what, langs in info["fresh"].items():
            kept = [x for x in info["languages"] if x not in langs]
            print(f"  {what}: built {', '.join(langs) or 'none'}; from .cache/ {', '.join(kept) or 'none'}")
    return 0


def cmd_portal(args) -> int:
    """Build every report of a portal.yml and the portal's own pages into its output, swapped in at once (or one
    shard of its reports, or the portal from its shards' folders)."""
    from ..portal.build import KeptLastGood, build_portal
    from ..portal.shards import parse_shard

    target = Path(args.file).resolve()
    try:
        shard = parse_shard(args.shard) if args.shard else None
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if shard is not None and args.merge is not None:
        print("error: --shard builds one shard and --merge writes the portal from all of them: give one of the two",
              file=sys.stderr)
        return 2
    merge = None if args.merge is None else [Path(m).resolve() for m in args.merge]
    try:
        info = build_portal(args.root, target, args.effects, release=args.release, shard=shard, merge=merge,
                            jobs=args.jobs)
    except KeptLastGood as e:
        e.problems.report()
        print(f"published, but {len(e.kept)} report(s) failed their checks and are published as they last built: "
              f"{', '.join(e.kept)}. Fix them and build again.", file=sys.stderr)
        return 1
    except BuildError as e:
        e.problems.report()
        n = len(e.problems.errors)
        print(f"{n} problem{'s' if n != 1 else ''}; nothing was published, the portal's output is unchanged.",
              file=sys.stderr)
        return 1
    except OSError as e:
        return environment_error(e, "nothing was published, the portal's output is unchanged")
    except KeyboardInterrupt:
        print("interrupted; the portal's output is unchanged", file=sys.stderr)
        return INTERRUPTED
    what = "shard" if shard else "portal"
    print(f"built a {what} of {info['reports']} reports into {info['output']} in {info['seconds']} s "
          f"({len(info['built'])} built, {len(info['reused'])} unchanged and taken as they were)")
    if args.timings:
        for stage, seconds in info["timings"].items():
            print(f"  {seconds:6.3f} s  {stage}")
    return 0


def cmd_figures(args) -> int:
    """List every figure candidate of an article text file."""
    from ..check.extract import extract_candidates, to_json
    from ..read.article import decode_seed, read_article, split_blocks

    problems = Problems()
    path = Path(args.path)
    text = decode_seed(path, problems, "text")  # any text file: a listing, never published
    if text is None:
        problems.report()
        return 1
    article = read_article(path, reader_config(args), Problems(), "text")
    if article is not None:  # an article with headings: the reader's unit ids
        units = [(k, s.text) for k, s in article.segments().items()]
    else:  # any other text: one unit per block, named by its line
        units = [(f"L{n}", "".join(lines)) for n, lines in split_blocks(text)]
    cands = extract_candidates(units)
    known = known_figures(args)
    status = [known.get((x.paragraph, x.text), "new") for x in cands]
    if args.json:
        rows = [{**d, "status": st} for d, st in zip(to_json(cands), status, strict=True)]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for x, st in zip(cands, status, strict=True):
        value = f"{x.value}" + (f"–{x.value_max}" if x.value_max is not None else "")
        meaning = x.kind + (f" {x.role}" if x.role not in ("", "result") else "") + (f"→{x.pair}" if x.pair else "")
        print(f"{x.paragraph:>8} {QUALIFIER_MARKS[x.qualifier]} {value:>8} {x.unit or '-':<6} {x.text:<10} "
              f"{meaning:<20} {st:<28} {x.quote}" + (f"  [not a figure: {x.reason}]" if x.proposal != "figure" else "")
              + (f"  [{x.role}: '{x.cue}']" if x.cue else ""))
    found = {(x.paragraph, x.text) for x in cands}
    stale = sorted(k for k in known if k not in found)
    for unit, text in stale:
        print(f"stale: {known[(unit, text)]} ({text} in {unit}) is no longer in the text")
    print(f"{len(cands)} candidates, {status.count('new')} new, {len(stale)} stale", file=sys.stderr)
    return 0


def known_figures(args) -> dict:
    """(unit, text) -> 'figure ID' / 'not a figure' from the content folder's figures.yml, when the article listed is
    that report's seed (another article's numbers are all new: none is stale)."""
    import yaml

    from ..read.files import Unsafe, read_text
    from ..read.paths import Paths

    paths = Paths.default(args.root, Path(args.content).resolve() if args.content else None, config=config_of(args))
    try:  # read as the build reads them (read/files.py): regular files inside the content folder, within their size
        seed = (yaml.safe_load(read_text(paths.content / "report.yml", "data", paths.content)) or {}).get("seed")
        if not isinstance(seed, str) or (paths.root / seed).resolve() != Path(args.path).resolve():
            return {}
        data = yaml.safe_load(read_text(paths.content / "figures.yml", "data", paths.content)) or {}
    except (OSError, Unsafe, yaml.YAMLError, AttributeError):
        return {}
    out = {(n["unit"], n["text"]): "not a figure" for n in data.get("not_figures") or [] if isinstance(n, dict)}
    for f in data.get("figures") or []:
        if isinstance(f, dict) and isinstance(f.get("source"), dict):
            out[(f["source"].get("unit"), f.get("text"))] = f"figure {f.get('id')}"
    return out


def reader_config(args):
    """The content folder's reader hints (stray lines, credit words), so unit ids match the build's."""
    from ..read.article import ReaderConfig
    from ..read.content import Content, read_article_config
    from ..read.paths import Paths

    paths = Paths.default(args.root, Path(args.content).resolve() if args.content else None, config=config_of(args))
    c = Content(root=paths.content, seed=paths.root / "seeds", languages=[])
    if (paths.content / "article.yml").exists():
        read_article_config(c, paths.content / "article.yml", Problems())
    return ReaderConfig(stray=tuple(s["text"] for s in c.stray), credit_roles=c.credit_roles)


def config_of(args) -> Path | None:
    return Path(args.config).resolve() if getattr(args, "config", None) else None


def cmd_serve(args) -> int:
    from .serve import serve

    return serve(args.root, args.host, args.port, Path(args.content).resolve() if args.content else None,
                 config_of(args))


def cmd_proof(args) -> int:
    """Build, then write the report's proof sheet beside its output and print its path last."""
    from ..read.paths import Paths
    from .proof import proof

    paths = Paths.default(args.root, Path(args.content).resolve() if args.content else None,
                          Path(args.out).resolve() if args.out else None, config_of(args))
    return proof(args, paths, cmd_build)


def cmd_stamp(args) -> int:
    """Mark translations as reviewed against the current source text (writes their src hash)."""
    from .stamp import stamp

    return stamp(args.root, args.lang, args.units, Path(args.content).resolve() if args.content else None,
                 config_of(args))


INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C (SIGINT); SIGTERM is reported the same way
INTERNAL = 70      # EX_SOFTWARE: a bug of the generator, not of the input
ENVIRONMENT = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
               errno.EROFS: "the folder is on a read-only file system", errno.EACCES: "permission denied",
               errno.EPERM: "permission denied"}


def environment_error(e: OSError, outcome: str) -> int:
    """A plain sentence for what the machine refused (full disk, no permission, read-only folder); anything
    else from the operating system is not foreseen, so it is an internal error."""
    what = ENVIRONMENT.get(e.errno)
    if what is None:
        raise e
    where = f" ({e.filename})" if e.filename else ""
    print(f"cannot write: {what}{where}; {outcome}.", file=sys.stderr)
    return 1


def main(argv=None, root: Path = ROOT, effects=None) -> int:
    """Run a command on the project in root (this checkout's, by default; the tests give a project copy and run it
    in their own process); what a person can cause ends in a message, anything else in an internal-error report.
    effects: where a build's messages and changes go (sitegen/effects.py; default: stderr and the disk)."""
    signals.install()  # SIGTERM as Ctrl-C: the same clean-up, site/ left as it was
    try:
        return run(argv, root, effects)
    except BuildError as e:  # the configuration (mkdocs.yml) itself, before any command could start
        e.problems.report()
        n = len(e.problems.errors)
        print(f"{n} problem{'s' if n != 1 else ''}; nothing was built.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return INTERRUPTED
    except ModuleNotFoundError as e:  # run with a Python that lacks the packages (not .venv/bin/python)
        if e.name is None or e.name.split(".")[0] == "sitegen":
            raise
        print(f"this Python ({sys.executable}) does not have the package '{e.name}' the generator needs; nothing "
              f"was built\n  --> run it with the project's own Python: .venv/bin/python build.py … (bash "
              f"scripts/setup.sh makes .venv/)", file=sys.stderr)
        return 1
    except Exception:  # noqa: BLE001 — a bug: say so and show where, so it can be reported and fixed
        print("internal error (a bug in build.py, not in your input); please report it with this traceback:",
              file=sys.stderr)
        traceback.print_exc()
        return INTERNAL


def run(argv=None, root: Path = ROOT, effects=None) -> int:
    """Parse the command line and run the command on the project in root."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default=argparse.SUPPRESS,
                        help="MkDocs configuration (default: mkdocs.yml): site_url, content folder, docs and site")
    common.add_argument("--content", default=argparse.SUPPRESS,
                        help="content folder (default: extra.content of the configuration, site_src)")
    p = argparse.ArgumentParser(prog="build.py", description="Build the bilingual report site.", parents=[common])
    p.add_argument("--out", help="output folder (default: site_dir of the configuration, site)")
    p.add_argument("--force", action="store_true", help="overwrite hand-edited files in docs/")
    p.add_argument("--release", action="store_true",
                   help="refuse to publish what is not ready to go out: a placeholder address, no issuer, no date")
    p.add_argument("--timings", action="store_true", help="print the seconds spent in each stage of the build")
    p.add_argument("--record-mkdocs", metavar="FILE",
                   help="write to FILE (JSON) what each MkDocs run of this build was given, per language")
    p.add_argument("--no-pages-cache", action="store_true",
                   help="build every language's pages with MkDocs, none copied from .cache/")
    sub = p.add_subparsers(dest="cmd")
    s = sub.add_parser("serve", help="preview on 127.0.0.1, rebuilding on every change", parents=[common])
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    f = sub.add_parser("figures", help="list every number in an article text file", parents=[common])
    f.add_argument("path")
    f.add_argument("--json", action="store_true")
    st = sub.add_parser("stamp", help="mark translations as reviewed against the current source", parents=[common])
    st.add_argument("lang")
    st.add_argument("units", nargs="*", help="unit ids (default: all)")
    sub.add_parser("proof", help="build, then write the report's proof sheet (every figure, every place it is shown, "
                   "zh and en side by side) beside the output folder", parents=[common])
    pt = sub.add_parser("portal", help="build several reports into one site: portal.yml names them (README, "
                        "'A portal of reports')")
    pt.add_argument("file", help="the portal's file, e.g. portal.example.yml")
    pt.add_argument("--release", action="store_true", help="build every report as build.py --release does; a "
                    "report that fails then stops the whole portal (else it is published as it last built)")
    pt.add_argument("--shard", metavar="K/N", help="build only the K-th of N shards of the reports, into "
                    "<output>-shard-K-of-N/ (README: 'A portal of reports', Shards)")
    pt.add_argument("--merge", nargs="*", metavar="DIR", help="write the portal from its shards' folders (default: "
                    "every <output>-shard-*-of-* beside the output)")
    pt.add_argument("--jobs", type=int, default=None, help="reports built at once (default: one per core)")
    d = sub.add_parser("draft", help="draft a content folder from a new article")
    d.add_argument("seed", help="the article (put it in seeds/ first)")
    d.add_argument("out", help="the new content folder, e.g. site_src-newtown")
    args = p.parse_args(argv)
    for name in ("config", "content"):
        setattr(args, name, getattr(args, name, None))
    args.root, args.effects = root, effects
    if args.cmd == "draft":
        from .draft import draft

        return draft(Path(args.seed), Path(args.out), root=args.root)
    if args.cmd == "serve":
        return cmd_serve(args)
    if args.cmd == "figures":
        return cmd_figures(args)
    if args.cmd == "stamp":
        return cmd_stamp(args)
    if args.cmd == "proof":
        return cmd_proof(args)
    if args.cmd == "portal":
        return cmd_portal(args)
    return cmd_build(args)
