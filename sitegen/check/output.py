"""Where a build may write: the site and docs folders, the site's address (checked before anything is written)."""
from __future__ import annotations

import os
import re
from pathlib import Path

from ..problems import Problems, shown
from ..read.paths import MANIFEST, Paths

SITE_MARKER = ".sitegen-site"  # written into every site this generator builds: the next build may replace it
MARKER_START = "A site built by build.py (sitegen)"
MARKER_TEXT = f"{MARKER_START}. The next build replaces this whole folder.\n"  # before sites named their report
OWNER = "@content"  # in a site's build record (.cache/source-stamps.json): the content folder that built it


def marker_text(site_url: str) -> str:
    """The marker of a site of the report at site_url: the same bytes every build (published, so no path)."""
    return f"{MARKER_START} for {site_url or 'a report'}. The next build of that report replaces this whole folder.\n"


def read_marker(folder: Path) -> str | None:
    """The marker's text, if folder has one that is a regular file (never a link, a FIFO or a device)."""
    from ..read.files import Unsafe, read_text

    try:
        return read_text(folder / SITE_MARKER, "config", folder)
    except (OSError, Unsafe):
        return None


def marked_for(text: str) -> str | None:
    """The report's address a marker names ('' for a marker of the version before addresses; None: no marker)."""
    if text == MARKER_TEXT:
        return ""
    if text.startswith(MARKER_START + " for ") and text.endswith(" The next build of that report replaces this "
                                                                    "whole folder.\n"):
        return text[len(MARKER_START) + 5:].split(". The next build", 1)[0]
    return None


PROTECTED = (".git", "sitegen", "templates", "seeds", "tests", "docs", ".cache", "tools", "scripts", "guide")


# Folders the site may be put inside (a second report's site goes to tests/fixtures/NAME/site), though
# never be, nor contain: the project itself, tests/, the home folder.
HOLDERS = ("", "tests")


def overlap(a: Path, b: Path) -> bool:
    """a and b are the same folder, or one is inside the other."""
    return a == b or a in b.parents or b in a.parents


def guarded(paths: Paths, allowed: tuple[str, ...] = ()) -> tuple[list[Path], list[Path]]:
    """(folders nothing of the build may overlap, folders the build may only go inside), resolved."""
    whole = [paths.content.resolve(), paths.templates.resolve()]
    whole += [(paths.root / name).resolve() for name in PROTECTED if name not in HOLDERS + allowed]
    holders = [(paths.root / name).resolve() for name in HOLDERS] + [Path.home().resolve(), Path("/")]
    return whole, holders


def refused_by(target: Path, paths: Paths, allowed: tuple[str, ...] = (), also: tuple[Path, ...] = ()) \
        -> Path | None:
    """The project folder (or one of also) that target would overwrite or delete, if any."""
    whole, holders = guarded(paths, allowed)
    for folder in holders:
        if target == folder or target in folder.parents:
            return folder
    for folder in whole + [p.resolve() for p in also]:
        if overlap(target, folder):
            return folder
    return None


def is_built_site(folder: Path, paths: Paths) -> bool:
    """A folder this generator built: it has the marker, or (built by a version before the marker) the
    build records name it and it has a built site's shape."""
    text = read_marker(folder)
    if text is not None and marked_for(text) is not None:
        return True
    from ..read.paths import read_records

    shape = all((folder / n).is_file() for n in ("index.html", "sitemap.xml", "robots.txt")) \
        and any((folder / "assets").glob("site.*.css"))
    return shape and str(folder) in read_records(paths)


def is_built_docs(folder: Path) -> bool:
    """A docs folder this generator wrote (it has a manifest), or one holding nothing but a README note and empty
    folders (the language folders MkDocs needs before the first page, left by a build that failed to render)."""
    if os.path.lexists(folder / MANIFEST):  # even a damaged one: read_manifest says what is wrong with it
        return True
    return all((p.is_file() and p.name.upper().startswith("README"))
               or (p.is_dir() and not p.is_symlink() and not any(p.iterdir())) for p in folder.iterdir())


def built_site_above(folder: Path, paths: Paths) -> Path | None:
    """The nearest folder above this one that is a site this generator built (it has the marker), if any."""
    return next((p for p in folder.parents if (p / SITE_MARKER).is_file() and is_built_site(p, paths)), None)


def check_output_location(paths: Paths, problems: Problems) -> None:
    """Write the site only into a folder that is absent, empty or a site built here before, and never
    into (or over) a folder of the project; the same for the generated pages (docs_dir)."""
    site = paths.site.resolve()
    src = refused_by(site, paths, also=(paths.docs,))
    check_docs_location(paths, problems, also=() if src is not None else (paths.site,))
    if src is not None:
        problems.add(str(paths.site), 0, f"the output folder overlaps the project's folder {src}",
                     f"choose an output folder outside the project's own folders (seeds/, {shown(paths.content)}/, "
                     "templates/, sitegen/, docs/, .git/ …), e.g. site/ or a new folder")
    elif built_site_above(site, paths) is not None:
        problems.add(str(paths.site), 0, f"the output folder is inside the site {built_site_above(site, paths)}: "
                     "it would be published with that site, and deleted by its next build",
                     "choose a folder outside every built site, e.g. site-NAME beside site/")
    elif site.exists() and not site.is_dir():
        problems.add(str(paths.site), 0, "the output folder is a file", "choose a new or empty folder")
    elif site.is_dir() and any(site.iterdir()) and not is_built_site(site, paths):
        problems.add(str(paths.site), 0, "the output folder is not empty and is not a site this build made "
                     f"(it has no {SITE_MARKER}): the build would replace everything in it",
                     "choose a new or empty folder, or delete this one yourself if it is an old site")
    else:
        check_owner(paths, problems)


def check_owner(paths: Paths, problems: Problems) -> None:
    """A site names the report it was built for (its marker, by the report's address): another report never
    replaces it, unless this project's records say this very content folder built it (its address changed)."""
    from ..read.paths import read_records

    site = paths.site.resolve()
    text = read_marker(site) if site.is_dir() else None
    owner = marked_for(text) if text is not None else None
    if not owner or owner.rstrip("/") == paths.site_url.rstrip("/"):
        return
    record = read_records(paths).get(str(paths.site))
    if isinstance(record, dict) and record.get(OWNER) == str(paths.content):
        return
    problems.add(str(paths.site), 0, f"the output folder is the site of another report ({owner}); this report "
                 f"({paths.site_url or shown(paths.content)}) would replace it",
                 "give each report an output folder of its own (publish.output in its report.yml, or --out)")


def check_shared_output(paths: Paths, problems: Problems, where: str, line: int) -> None:
    """No other report beside this one (a content folder in the same folder, or mkdocs.yml's) names the same
    output folder: a copied report that still names the other's output would replace that report's site."""
    from ..read.paths import default_output, read_config, read_publish

    configured = (paths.config.parent / ((read_config(paths.config).get("extra") or {}).get("content")
                                         or "site_src")).resolve()
    try:
        siblings = sorted(e.path for e in os.scandir(paths.content.parent) if e.is_dir(follow_symlinks=False))
    except OSError:
        return
    for folder in map(Path, siblings[:1000]):
        if folder == paths.content or folder == configured or not os.path.isfile(folder / "report.yml"):
            continue  # mkdocs.yml's report: its site is checked by check_address
        output = read_publish(folder).get("output")
        theirs = (folder.parent / (output if isinstance(output, str) and output else default_output(folder)))
        if theirs.resolve() == paths.site.resolve():
            problems.add(where, line, f"the output folder {shown(paths.site)} is also the output of the report in "
                         f"{shown(folder)}: each build would replace the other's site",
                         "give each report an output folder of its own (publish.output, or --out)")


def check_docs_location(paths: Paths, problems: Problems, also: tuple[Path, ...]) -> None:
    """The generated pages go to a folder of their own (docs/ or inside it by default): never a source
    folder, the site, or an existing folder this build did not write."""
    docs = paths.docs.resolve()
    src = refused_by(docs, paths, allowed=("docs",), also=also)
    if src is not None:
        problems.add(str(paths.config), 0, f"docs_dir {paths.docs} overlaps the folder {src}",
                     "docs_dir is rewritten by every build: give it a folder of its own, e.g. docs")
    elif docs.exists() and not docs.is_dir():
        problems.add(str(paths.config), 0, f"docs_dir {paths.docs} is a file", "choose a new or empty folder")
    elif docs.is_dir() and not is_built_docs(docs):
        problems.add(str(paths.config), 0, f"docs_dir {paths.docs} is not empty and was not written by this "
                     f"build (it has no {MANIFEST}): the build would overwrite its files",
                     "docs_dir is rewritten by every build: choose a new or empty folder")


def check_address(paths: Paths, content, problems: Problems) -> None:
    """Each report has one address of its own: a content folder other than the configuration's own must
    say where it is published (publish: in its report.yml), and never builds into the default report's site."""
    if not content.publish_line:  # report.yml missing or unreadable: reported as such, nothing to add
        return
    where = shown(paths.content / "report.yml")
    publish = content.publish or {}
    line = (publish.get("lines") or {}).get("site_url", content.publish_line)
    config = shown(paths.config)
    if paths.own:
        if publish.get("site_url") and publish["site_url"].rstrip("/") != paths.site_url.rstrip("/"):
            problems.add(where, line, f"publish.site_url {publish['site_url']!r} differs from site_url "
                         f"{paths.site_url!r} of {config}, which builds this content folder",
                         f"this report's address is set in {config}: remove publish.site_url or make them agree")
    elif not paths.site_url:
        name = paths.content.name
        out = paths.site.name
        problems.add(where, content.publish_line,
                     f"this report has no address of its own (it is not the content folder of {config})",
                     f"add to {where}:  publish: {{site_url: 'https://{name}.example.org/', output: {out}}}"
                     " — the address its canonical links, sitemap, share tags and QR codes will use")
    if paths.site_url and not SITE_URL.match(paths.site_url) and "TODO:" not in paths.site_url:
        problems.add(where if not paths.own else config, line if not paths.own else 0,
                     f"site_url {paths.site_url!r} is not an absolute http(s) address",
                     "write it as https://example.org/ or https://example.org/report/")
    out_line = (publish.get("lines") or {}).get("output", content.publish_line)
    if not paths.own and paths.site == paths.default_site:
        problems.add(where, out_line, f"the output folder {shown(paths.site)} is the site of the report of {config}",
                     "give this report an output folder of its own (publish.output, or --out)")
    else:
        check_shared_output(paths, problems, where, out_line)


# an absolute http(s) address with nothing that could leave an attribute or a URL: no quotes, spaces,
# angle brackets, backslashes, control or invisible characters (the site's address is in every page's head)
SITE_URL = re.compile(r"^https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?"
                      r"(?:/[A-Za-z0-9._~!$&()*+,;=:@%/-]*)?$")


def check_config(paths: Paths, problems: Problems) -> None:
    """The MkDocs configuration, read once: its site_url and its theme."""
    from ..read.yamlsrc import read_yaml

    cfg = read_yaml(paths.config, problems, home=paths.config.parent)
    if isinstance(cfg, dict):
        check_site_url(cfg, shown(paths.config), problems)
        check_theme(paths, cfg, shown(paths.config), problems)


def check_site_url(cfg, where: str, problems: Problems) -> None:
    """site_url of the MkDocs configuration: an absolute http(s) URL that is safe to write into pages."""
    url, line = cfg.get("site_url"), cfg.line_of("site_url")
    hint = "the address the site is published at, e.g. site_url: https://report.example.org/"
    if not isinstance(url, str) or not url:
        problems.add(where, line, "site_url must be the site's absolute address (http or https)", hint)
    elif not SITE_URL.match(url):
        bad = next((ch for ch in url if not ch.isascii() or not (ch.isalnum() or ch in "._~!$&()*+,;=:@%/-")), None)
        what = f"the character {bad!r} (U+{ord(bad):04X})" if bad else "no http:// or https:// address"
        problems.add(where, line, f"site_url {url!r} is not a plain absolute http(s) URL: {what}", hint)


def check_theme(paths: Paths, cfg, where: str, problems: Problems) -> None:
    """The configuration's theme is the generator's own (templates/theme): any other is not a report's look and
    may load from other hosts (MkDocs' default theme, which a configuration without `theme:` gets)."""
    theme = cfg.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    ours = paths.templates / "theme"
    if isinstance(theme, dict) and theme.get("name") is None and isinstance(custom, str) \
            and (paths.config.parent / custom).resolve() == ours.resolve():
        return
    rel = os.path.relpath(ours, paths.config.parent)
    problems.add(where, cfg.line_of("theme") if "theme" in cfg else 1,
                 "the theme must be the generator's own (templates/theme)" if theme else
                 "the configuration names no theme: MkDocs would use its default theme, not the report's",
                 f"theme: {{name: null, custom_dir: {rel}, static_templates: [404.html]}}")
