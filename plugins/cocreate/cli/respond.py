"""`cocreate respond`: a maintainer records what residents asked, and the city's answer.

A message that came by email, WhatsApp, at the office or a meeting becomes an entry of the
project's `dialogue`, summarised without names; an answer is added to an entry later. The
file is edited line by line, so its other content and its comments stay as they are, and
the result is checked as `cocreate validate` checks it before it is written.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from cocreate.cli.scaffolding import ScaffoldError, q
from cocreate.cli.settings import current
from cocreate.i18n.messages import LANGUAGES
from cocreate.i18n.report import render_text
from cocreate.i18n.translator import Translator
from cocreate.i18n.untrusted import one_line
from cocreate.standard.loader import Document, load_text
from cocreate.standard.paths import PROJECT_FILE
from cocreate.standard.validate import check_bytes, make_report
from cocreate.standard.vocabulary import ANSWERS, CHANNELS

ANSWER_FIELDS: tuple[str, ...] = ("answer", "answered", "response", "reason", "changed")
"""The fields of an answer, in the order they are written."""
_ITEM = re.compile(r"^(\s*)-\s")


@dataclass(frozen=True)
class Question:
    asked: str
    channel: str
    request: str

    def yaml(self, indent: str) -> str:
        return (f"{indent}- asked: {q(self.asked)}\n{indent}  channel: {self.channel}\n"
                f"{indent}  request: {q(self.request)}\n")


def _top_level_end(doc: Document, key: str, lines: list[str]) -> int:
    """The line (0-based, exclusive) where the value of a top-level key ends, blank lines
    and comments after it left out."""
    key_line = doc.key_positions[(key,)].line
    later = [p.line for path, p in doc.key_positions.items() if len(path) == 1 and p.line > key_line]
    end = (min(later) - 1) if later else len(lines)
    while end > key_line and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def _load(text: str) -> Document:
    doc = load_text(text.encode("utf-8"), PROJECT_FILE)
    if not isinstance(doc.data, dict):
        raise ScaffoldError("the project file cannot be read as a map; run `cocreate validate` on it")
    return doc


def add_question(text: str, question: Question, answer: dict[str, str]) -> str:
    """`text` with one more entry at the end of `dialogue` (the list made when there is
    none), with its answer when one is given."""
    doc = _load(text)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    items = doc.data.get("dialogue")
    if "dialogue" not in doc.data:
        indent = "  "
        block = "dialogue:\n" + question.yaml(indent) + _fields(answer, indent + "  ")
        return "".join(lines) + block
    if not isinstance(items, list) or not items:
        raise ScaffoldError("`dialogue` is not a list of entries written with dashes; add the entry by hand")
    first = doc.positions[("dialogue", 0)].line - 1
    match = _ITEM.match(lines[first]) if first < len(lines) else None
    if match is None:
        raise ScaffoldError("`dialogue` is written in flow style ([...]); add the entry by hand")
    end = _top_level_end(doc, "dialogue", lines)
    indent = match.group(1)
    block = question.yaml(indent) + _fields(answer, indent + "  ")
    return "".join(lines[:end]) + block + "".join(lines[end:])


def _fields(values: dict[str, str], indent: str) -> str:
    return "".join(f"{indent}{key}: {q(values[key])}\n" for key in ANSWER_FIELDS if key in values)


def add_answer(text: str, index: int, answer: dict[str, str]) -> str:
    """`text` with the answer's fields set on entry `index` of `dialogue`: a field it has
    already is replaced (its lines), a new one is added at the entry's end."""
    doc = _load(text)
    items = doc.data.get("dialogue")
    if not isinstance(items, list) or not 0 <= index < len(items) or not isinstance(items[index], dict):
        count = len(items) if isinstance(items, list) else 0
        raise ScaffoldError(f"the project has no dialogue entry {index + 1} (it has {count}); "
                            "see them with --list")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = doc.positions[("dialogue", index)].line - 1
    if _ITEM.match(lines[start]) is None or doc.positions[("dialogue", index)].line == \
            doc.key_positions[("dialogue",)].line:
        raise ScaffoldError("`dialogue` is written in flow style ([...]); answer the entry by hand")
    if index + 1 < len(items):
        end = doc.positions[("dialogue", index + 1)].line - 1
        while end > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
    else:
        end = _top_level_end(doc, "dialogue", lines)
    keys = sorted((p.line - 1, path[2]) for path, p in doc.key_positions.items()
                  if len(path) == 3 and path[:2] == ("dialogue", index))
    if not keys or keys[0][0] != start:
        raise ScaffoldError(f"dialogue entry {index + 1} is written in flow style ({{...}}); answer it by hand")
    indent = " " * (doc.key_positions[("dialogue", index, keys[0][1])].column - 1)
    spans: dict[str, tuple[int, int]] = {}
    for n, (line, key) in enumerate(keys):
        spans[str(key)] = (line, keys[n + 1][0] if n + 1 < len(keys) else end)
    edits: list[tuple[int, int, str]] = []
    added = {k: v for k, v in answer.items() if k not in spans}
    for key, value in answer.items():
        if key in spans:
            first, last = spans[key]
            prefix = lines[first][:len(indent)] if key == keys[0][1] else indent
            edits.append((first, last, f"{prefix}{key}: {q(value)}\n"))
    if added:
        edits.append((end, end, _fields(added, indent)))
    for first, last, new in sorted(edits, reverse=True):
        lines[first:last] = [new]
    return "".join(lines)


def _ask(value: str | None, question: str, required: bool, missing: list[str], option: str, **prompt: Any) -> str:
    if value:
        return value
    if sys.stdin.isatty():
        answer = click.prompt(question, default="" if not required else None, show_default=False, **prompt)
        return str(answer).strip()
    if required:
        missing.append(option)
    return ""


def _listing(doc_data: dict[str, Any], t: Translator) -> str:
    items = doc_data.get("dialogue")
    if not isinstance(items, list) or not items:
        return "no dialogue entries yet\n"
    out = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            continue
        state = item.get("answer", "unanswered")
        out.append(one_line(f"{number}. {item.get('asked', '?')} {item.get('channel', '?')} [{state}] "
                            f"{t.text(item.get('request', ''))}"))
    return "\n".join(out) + "\n"


@click.command()
@click.argument("project")
@click.option("--list", "list_", is_flag=True,
              help="Show the project's dialogue entries, numbered, and change nothing.")
@click.option("--entry", type=click.IntRange(min=1), default=None,
              help="Answer the entry with this number (see --list) instead of adding a new one.")
@click.option("--asked", help="When residents asked: YYYY-MM-DD (or YYYY-MM, YYYY).")
@click.option("--channel", type=click.Choice(CHANNELS), help="How it reached the city.")
@click.option("--request", help="What residents asked, proposed or expected, summarised: no names, no contact details.")
@click.option("--answer", type=click.Choice(ANSWERS), help="The city's answer.")
@click.option("--answered", help="When the city answered: YYYY-MM-DD.")
@click.option("--response", help="What the city answered, in a few sentences.")
@click.option("--reason", help="Why it was not (or only partly) adopted; required with --answer not-adopted.")
@click.option("--changed", help="An https link to what changed because of it.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Language of the messages.")
def respond(project: str, list_: bool, entry: int | None, asked: str | None, channel: str | None,
            request: str | None, answer: str | None, answered: str | None, response: str | None,
            reason: str | None, changed: str | None, lang: str | None) -> None:
    """Record what residents asked about PROJECT (a slug), or the city's answer to it.

    A message that came by email, WhatsApp, at the office or a meeting becomes an entry of
    the project's `dialogue`: summarise it without names or contact details. With --entry N
    the answer is added to entry N (numbers from --list). On a terminal it asks for what the
    options do not give. The file keeps its other content and comments, and it is checked
    as `cocreate validate` checks it before it is written: exit status 0 written, 1 the
    result would be invalid (nothing written, the problems and their codes shown), 2 usage
    error.
    """
    settings = current()
    language = lang or settings.language
    t = Translator(language)
    target = settings.project_file(project)
    try:
        text = target.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise click.UsageError(f"{target} is not UTF-8 text; run `cocreate validate` on it") from exc
    if list_:
        doc = load_text(text.encode("utf-8"), str(target))
        click.echo(_listing(doc.data if isinstance(doc.data, dict) else {}, t), nl=False)
        return
    missing: list[str] = []
    if entry is None:
        question = Question(
            asked=_ask(asked, t("respond.ask_asked"), True, missing, "--asked"),
            channel=_ask(channel, t("respond.ask_channel"), True, missing, "--channel", type=click.Choice(CHANNELS)),
            request=_ask(request, t("respond.ask_request"), True, missing, "--request"))
        if not answer and sys.stdin.isatty():
            answer = _ask(None, t("respond.ask_answer"), False, missing, "--answer",
                          type=click.Choice(["", *ANSWERS]))
    elif not answer:
        answer = _ask(answer, t("respond.ask_answer"), True, missing, "--answer", type=click.Choice(ANSWERS))
    if answer == "not-adopted" and not reason:
        reason = _ask(reason, t("respond.ask_reason"), False, [], "--reason")
    if missing:
        raise click.UsageError(f"missing {', '.join(missing)} (or run it on a terminal to be asked)")
    if not answer and any((answered, response, reason, changed)):
        raise click.UsageError("--answered, --response, --reason and --changed describe an answer: give --answer too")
    fields = {k: v for k, v in (("answer", answer), ("answered", answered), ("response", response),
                                ("reason", reason), ("changed", changed)) if v}
    try:
        new = add_question(text, question, fields) if entry is None else add_answer(text, entry - 1, fields)
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from exc
    result = check_bytes(new.encode("utf-8"), str(target), project,
                         required_languages=tuple(settings.plugin.required_languages))
    if not result.valid:
        click.echo(render_text(make_report([result]), language), nl=False, err=True)
        click.echo(one_line(f"{target}: not written"), err=True)
        raise click.exceptions.Exit(1)
    Path(target).write_text(new, "utf-8")
    click.echo(f"wrote {target}")
