"""Contributor text in the outputs people and machines read: terminal lines, Markdown
summaries, JSON and GitHub workflow commands.

Project titles, stakeholder names, maintainer handles, field names and project folder
names (git allows any byte but NUL and `/` in a path) are all written by contributors.
`cocreate validate`, `cocreate diff` and `cocreate review` pass every such text through the
function here for their format, so that none can drive a terminal (ESC, CSI, OSC 52 writes
the clipboard), forge a line, inject a heading or a list item into a pull request's
summary, or start a workflow command in a CI log. Which characters are escaped is defined
once, in [cocreate.standard.characters][], the same set the loader refuses in project files.
"""

from __future__ import annotations

import json
import re
from typing import Any

from cocreate.standard.characters import json_safe, visible


def one_line(text: str) -> str:
    """Contributor text kept on its line: a line break in a value could otherwise start a
    line that a CI runner reads as a command (`::add-mask::...`), and a control character
    (`\\e]0;...`) could drive the reader's terminal. Both are shown escaped (`\\n`, `\\u001b`)."""
    return visible(text)


_MARKDOWN_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


def _markdown_char(match: re.Match[str]) -> str:
    char = match.group()
    # a mention would notify whoever it names: a zero-width space after `@` stops it
    return "@\u200b" if char == "@" else "\\" + char


def markdown_inline(text: str) -> str:
    """Contributor text as literal text inside one line of Markdown (GitHub's flavour).

    Line breaks and control characters are shown escaped first (`one_line`), so the text
    cannot start a heading, a list item, a quote or a table row of its own; then every ASCII
    punctuation character is backslash-escaped, which CommonMark renders as itself: no HTML
    (`<`), entity (`&`), emphasis, code, link, autolink (`https\\://`, `www\\.`), math
    (`$`), table cell (`|`) or list marker (`-`, `+`, `1.`) survives, and the backslashes
    `one_line` wrote show as written. Tabs become spaces, and spaces at either end are
    written `&#32;`: after a list marker, four leading spaces would start a code block, and
    `** **` is a thematic break."""
    text = _MARKDOWN_PUNCTUATION.sub(_markdown_char, one_line(text).replace("\t", " "))
    core = text.strip(" ")
    lead = len(text) - len(text.lstrip(" "))
    return "&#32;" * lead + core + "&#32;" * (len(text) - lead - len(core))


def to_json(value: Any) -> str:
    """`value` as indented JSON that keeps non-ASCII text readable, but writes DEL, C1
    controls, bidi controls, U+2028 and the other characters [cocreate.standard.characters][] forbids
    as `\\u` escapes (`json.dumps` escapes only C0 controls)."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=2))


def escape_data(text: str) -> str:
    """Escape a workflow-command message so contributor text cannot start a new command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow-command property value (file, title)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_property(text: str) -> str:
    """Contributor text as a workflow-command property: on one line, no control character
    (ESC and BEL would reach the Actions log), and no `:` or `,` to end the property."""
    return escape_property(one_line(text))


def annotation_message(*lines: str) -> str:
    """Lines of contributor text as one workflow-command message: each line kept on its own
    line and without control characters, and the lines joined by an escaped line break,
    which GitHub shows as a line break in the annotation."""
    return escape_data("\n".join(one_line(line) for line in lines))


__all__ = ["annotation_message", "annotation_property", "escape_data", "escape_property", "markdown_inline",
           "one_line", "to_json"]
