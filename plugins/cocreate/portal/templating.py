"""The Jinja environment of the portal's templates, which a portal can override.

A theme's `custom_dir` may hold a `cocreate/` folder: a template there replaces cocreate's
own of the same name (`cocreate/project.html`, `cocreate/_macros.html`), as Material's own
templates are overridden from `custom_dir`. Everything a template prints is escaped unless
it is marked safe (the sanitized Markdown and the charts).
"""

from __future__ import annotations

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape

OVERRIDES = "cocreate"
"""The folder, inside a theme's `custom_dir`, of templates that replace cocreate's."""


def environment(template_dirs: tuple[str, ...] = ()) -> Environment:
    """The environment: templates from `template_dirs` first, then cocreate's own."""
    return Environment(
        loader=ChoiceLoader([FileSystemLoader(list(template_dirs)), PackageLoader("cocreate.portal", "templates")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
