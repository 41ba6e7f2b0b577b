"""What cocreate changes in Material for every portal: its own templates below the portal's
`custom_dir` (the folder `theme/`: an accessible search box, no request to GitHub's API from
readers' browsers, keyboard access to wide tables, the language switcher), Material's search
turned off for cocreate's, the portal's styles, and the scripts each page loads."""

from __future__ import annotations

from importlib import resources

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from cocreate.portal import urls

log = get_plugin_logger(__name__)

ASSETS = ("cocreate.css", "catalogue.js", "propose.js", "join.js", "fold.js", "channels.js")
"""The portal's styles and scripts, published in `assets/cocreate/`."""
PAGE_SCRIPTS = (("catalogue.js", "cc-filters"), ("propose.js", "cc-propose-form"), ("join.js", "cc-join-form"),
                ("fold.js", "cc-fold"), ("channels.js", "cc-channels"))
"""The portal's scripts, each with the class of what it works on (a form, or a project page's
folding sections): a page loads only the scripts of what its content names (`page_scripts`;
a page that names one without holding it loads a script that finds nothing to do). Every
page loading all of them cost a first visit 7 KB compressed that only their own pages use."""
MATERIAL_SEARCH = ("material/search", "search")
"""The names Material's search plugin goes by in `plugins:`; cocreate's search replaces it."""


def adapt_theme(config: MkDocsConfig) -> None:
    """cocreate's templates just below the portal's own `custom_dir` if it has one, Material's
    search turned off, the portal's styles on every page."""
    theme_dir = str(resources.files("cocreate.mkdocs_plugin").joinpath("theme"))
    if theme_dir not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
    turn_off_material_search(config)
    config.extra_css.append(urls.asset("cocreate.css"))


def turn_off_material_search(config: MkDocsConfig) -> None:
    """Material's search plugin, still listed by a portal made before cocreate had its own
    search, is turned off: its index is the one every reader would download whole, and the
    header's search box is cocreate's. Said at INFO, so that a strict build goes on."""
    for name in MATERIAL_SEARCH:
        plugin = config.plugins.get(name)
        enabled = getattr(getattr(plugin, "config", None), "enabled", None)
        if enabled:
            plugin.config.enabled = False  # type: ignore[union-attr]
            log.info("Material's search plugin, listed in mkdocs.yml, is turned off: cocreate's search "
                     "(Pagefind) replaces it; the `- search` line can be removed")


def page_scripts(page: Page | None) -> list[str]:
    """The portal's scripts that `page` needs (`PAGE_SCRIPTS`), as site paths, for the
    theme's `main.html`."""
    content = (page.content or "") if page is not None else ""
    return [urls.asset(name) for name, form in PAGE_SCRIPTS if form in content]
