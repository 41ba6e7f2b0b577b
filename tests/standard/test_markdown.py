"""Contributed Markdown: rendered inert, and every change sanitizing makes is reported."""

from __future__ import annotations

import pytest

from cocreate.standard.markdown import MAX_BRACKETS, render, unsafe_changes
from helpers import assert_inert, one

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](jav&#x61;script:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "<iframe src='https://evil.example'></iframe>",
    "<a href='https://ok.example' onclick='steal()'>x</a>",
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)>",
    "<style>body{display:none}</style>",
    "<form action='https://evil.example'><input name=p></form>",
    "<meta http-equiv=refresh content='0;url=https://evil.example'>",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "<p style='position:fixed;top:0'>overlay</p>",
    "<object data='x.swf'></object>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_renders_inert_and_is_reported(text: str) -> None:
    assert_inert(render(text), text)
    assert unsafe_changes(text) is not None


def test_attr_list_syntax_is_just_text() -> None:
    from bs4 import BeautifulSoup

    html = render('[x](https://ok.example){onmouseover="alert(1)" style="position:fixed"}')
    link = one(BeautifulSoup(html, "html.parser"), "a")
    assert set(link.attrs) == {"href", "rel"}
    assert str(link.next_sibling).startswith("{onmouseover")  # shown as text


def test_snippets_syntax_is_just_text() -> None:
    assert render('--8<-- ".git/config"') == '<p>--8&lt;-- ".git/config"</p>'


@pytest.mark.parametrize(
    "text",
    ["Plain **bold** and *em*", "[site](https://sukamaju.example/a?b=1&c=2)", "[mail](mailto:info@example.org)",
     "1. one\n2. two", "> quoted", "    code block", "a < b & c > d", "# Heading"],
)
def test_ordinary_markdown_is_not_reported(text: str) -> None:
    assert unsafe_changes(text) is None


def test_links_get_rel_and_images_become_links() -> None:
    html = render("![peta](https://sukamaju.example/peta.png) [x](https://ok.example)")
    assert "<img" not in html
    assert html.count('rel="nofollow ugc noopener"') == 2
    assert '<a href="https://sukamaju.example/peta.png" rel="nofollow ugc noopener">peta</a>' in html


def test_headings_are_demoted_below_the_page() -> None:
    assert render("# A\n\n## B").startswith("<h3>A</h3>")


def test_bracket_runs_do_not_take_quadratic_time() -> None:
    html = render("[" * (MAX_BRACKETS * 50))  # a minute in Python-Markdown; escaped text here
    assert html.startswith("<p>[[[")
