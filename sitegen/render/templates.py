"""The Jinja environments and the interface words of templates/, every file of it read as every input is
(read/files.py): the pages' environment (make_env, with the typography filters), the loader the root page and the
proof sheet use too (TemplateLoader), strings.yml (load_strings)."""
from __future__ import annotations

import os
from pathlib import Path

import jinja2
import yaml

from ..read.files import read_text
from ..read.yamlsrc import FastLoader
from ..typography import breaks_filter, inner_quotes, url_breaks


class TemplateLoader(jinja2.FileSystemLoader):
    """Jinja's loader of a folder of templates/, each template read as every input is (read/files.py): a regular
    file inside templates/, never a link out of it, a FIFO or a device, read once up to a template's size."""

    def __init__(self, folder: Path, templates: Path):
        super().__init__(str(folder))
        self.folder, self.templates = folder, templates

    def get_source(self, environment, template):
        path = self.folder.joinpath(*jinja2.loaders.split_template_path(template))
        try:
            text = read_text(path, "template", self.templates)
            mtime = os.path.getmtime(path)
        except FileNotFoundError:
            raise jinja2.TemplateNotFound(template) from None
        return text, str(path), lambda: os.path.exists(path) and os.path.getmtime(path) == mtime


def make_env(templates: Path, bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """The Jinja environment: strict (a missing variable is an error naming template and line); with the compiled
    templates kept in bytecode_cache when given."""
    env = jinja2.Environment(
        bytecode_cache=bytecode_cache,
        loader=TemplateLoader(templates / "pages", templates),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["breaks"] = breaks_filter        # a Chinese title breaks between phrases only
    env.filters["inner_quotes"] = inner_quotes   # a quotation inside the page's own “ ”
    env.filters["urlbreaks"] = url_breaks        # an address breaks after / and . only
    return env


def load_strings(templates: Path) -> dict:
    """Interface words per language (templates/strings.yml)."""
    return yaml.load(read_text(templates / "strings.yml", "data", templates), Loader=FastLoader)
