"""The proposal form in Chromium, as someone without git uses it: its layout on a phone, a
tablet and a desktop (every field visible, labelled above, nothing overlapping; screenshots
kept in test-artifacts/), from the keyboard alone, with errors beside their fields from the
same JSON Schema `cocreate validate` checks against, with a draft kept in the browser, and
a project.yml that the validator accepts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.i18n.messages import catalog, fill
from cocreate.i18n.translator import Translator
from cocreate.standard.loader import Document, load_text
from cocreate.standard.schema import project_schema, schema_problems
from cocreate.standard.validate import check_bytes
from helpers import FIXTURES, PROJECTS

from .support import CONTRAST_JS, DESKTOP, PHONE, Watched, screenshot

pytestmark = pytest.mark.browser

TABLET = {"width": 768, "height": 1024}
WIDTHS = {"phone": PHONE, "tablet": TABLET, "desktop": DESKTOP}

LAYOUT = """() => {
  const form = document.querySelector('form.cc-propose-form');
  const width = document.documentElement.clientWidth;
  const problems = [];
  const boxes = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility === 'visible' && s.display !== 'none' && s.opacity !== '0';
  };
""" + CONTRAST_JS + """  const page = rgb(getComputedStyle(document.body).backgroundColor);
  for (const control of form.querySelectorAll('input, select, textarea')) {
    const name = control.id || control.name;
    const box = control.getBoundingClientRect();
    if (!visible(control)) problems.push(`${name}: not visible`);
    if (box.left < -0.5 || box.right > width + 0.5) problems.push(`${name}: beyond the screen's edge`);
    const labels = [...control.labels];
    if (labels.length !== 1) problems.push(`${name}: ${labels.length} labels`);
    for (const label of labels) {
      if (!visible(label) || !label.textContent.trim()) problems.push(`${name}: its label is not visible`);
      const at = label.getBoundingClientRect();
      if (control.type !== 'checkbox' && at.bottom > box.top + 0.5) problems.push(`${name}: its label is not above it`);
      boxes.push([`label of ${name}`, at]);
    }
    if (control.type !== 'checkbox') {
      const style = getComputedStyle(control);
      if (parseFloat(style.borderTopWidth) < 1 || contrast(rgb(style.borderTopColor), page) < 3) {
        problems.push(`${name}: no visible border (${style.borderTopWidth} ${style.borderTopColor})`);
      }
    }
    boxes.push([name, box]);
  }
  for (const el of form.querySelectorAll('.cc-help, .cc-error:not([hidden]), legend, button, .cc-form__summary:not([hidden])')) {
    if (visible(el)) boxes.push([el.id || el.className || el.tagName, el.getBoundingClientRect()]);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, p] = boxes[i];
      const [b, q] = boxes[j];
      if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1) {
        problems.push(`${a} and ${b} overlap`);
      }
    }
  }
  return {problems, controls: form.querySelectorAll('input, select, textarea').length};
}"""

PROPOSAL = {
    "slug": "kebun-warga-rw-02", "title_id": "Kebun Warga RW 02", "title_en": "RW 02 Community Garden",
    "summary": "Warga RW 02 menanam sayur di lahan tidur milik kelurahan.",
    "description": "Warga menanam, merawat dan memanen **bersama**.\n\nHasil panen dibagi rata.",
    "city": "Kota Sukamaju", "province": "Provinsi Tanah Harapan",
    "org": "Paguyuban Kebun RW 02", "contributes": "Tenaga dan bibit", "benefit": "Sayur segar",
    "maintainer": "kebun-rw02",
}


def open_form(open_page: Callable[..., Watched], url: str, viewport: dict[str, int] = PHONE) -> Any:
    watched = open_page(viewport)
    page = watched.page
    page.goto(url)
    page.evaluate("window.localStorage.clear()")
    page.reload()
    form = page.locator("form.cc-propose-form")
    form.wait_for(state="visible")  # shown by propose.js
    return page, form


def message(code: str, lang: str, **params: Any) -> str:
    entry = catalog(lang)["problems"][code]
    text = fill(entry["message"], params)
    return f"{text[0].upper()}{text[1:]}. {fill(entry['hint'], params)}"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_form_s_layout_at_each_width(open_page: Callable[..., Watched], sites: dict[str, str], width: str) -> None:
    """Every field visible with its label above it and a border that shows, nothing
    overlapping, nothing beyond the screen: as it opens, and with every error showing."""
    viewport = WIDTHS[width]
    page, form = open_form(open_page, sites["id"] + "propose/", viewport)
    found = page.evaluate(LAYOUT)
    screenshot(page, f"propose-form-{viewport['width']}px")
    assert found["controls"] >= 25
    assert found["problems"] == []
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    form.locator('button[type="submit"]').click()
    form.locator(".cc-form__summary").wait_for(state="visible")
    found = page.evaluate(LAYOUT)
    screenshot(page, f"propose-form-{viewport['width']}px-errors")
    assert found["problems"] == []
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def test_the_form_works_from_the_keyboard_alone(open_page: Callable[..., Watched], sites: dict[str, str], tmp_path: Path) -> None:
    page, form = open_form(open_page, sites["id"] + "propose/")
    controls = form.locator("input, select, textarea, button")
    ids = controls.evaluate_all("els => els.map(e => e.id)")
    for _ in range(80):  # from the top of the page, Tab reaches the form
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "f-slug":
            break
    else:
        pytest.fail("Tab never reached the form's first field")
    typed = {**PROPOSAL, "description": "Warga menanam, merawat dan memanen bersama."}
    for index in range(ids.index("f-slug"), len(ids)):
        control = controls.nth(index)
        assert control.evaluate("el => el === document.activeElement"), f"Tab follows the fields: {ids[index]}"
        name = control.get_attribute("name")
        if name in typed:
            page.keyboard.type(typed[name])
        elif name == "ownership":
            page.keyboard.press("ArrowDown")  # owned by all contributors
        elif name == "license":
            page.keyboard.type("CC-BY-4.0")
        elif ids[index] == "f-seeking-academia":
            page.keyboard.press("Space")  # ticked, and untouched again: no call in this proposal
            page.keyboard.press("Space")
        if control.get_attribute("type") == "submit":
            page.keyboard.press("Enter")
            break
        page.keyboard.press("Tab")
        for _ in range(3):  # Tab walks through a date's day, month and year before it leaves
            if not control.evaluate("el => el === document.activeElement"):
                break
            page.keyboard.press("Tab")
    else:
        pytest.fail("the submit button was never reached")
    result = form.locator(".cc-propose-result")
    result.wait_for(state="visible")
    assert page.evaluate("document.activeElement.tagName") == "H2"  # the result takes the focus
    text = result.locator("code.cc-propose-yaml").inner_text()
    project = tmp_path / "projects" / PROPOSAL["slug"] / "project.yml"
    project.parent.mkdir(parents=True)
    project.write_text(text, "utf-8")
    checked = CliRunner().invoke(cli, ["validate", "--lang", "en", str(tmp_path / "projects")])
    assert checked.exit_code == 0, checked.output + text
    data = load_text(text.encode(), "project.yml").data
    assert data["ownership"] == {"level": "shared", "license": "CC-BY-4.0"}
    assert "seeking" not in data


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_form_writes_a_project_file_the_validator_accepts(open_page: Callable[..., Watched], sites: dict[str, str], lang: str, tmp_path: Path) -> None:
    page, form = open_form(open_page, sites[lang] + "propose/", DESKTOP)
    for name, value in PROPOSAL.items():
        form.locator(f'[name="{name}"]').fill(value)
    form.locator('select[name="openness"]').select_option("criteria")
    form.locator('[name="criteria"]').fill("Warga RW 02\nBersedia merawat kebun seminggu sekali")
    form.locator('select[name="category"]').select_option("community")
    form.locator('#f-seeking-business').check()
    form.locator('[name="seeking_resources"]').fill("Bibit sayur\nSelang air")
    form.locator('[name="seeking_closes"]').fill((dt.date.today() + dt.timedelta(days=30)).isoformat())
    form.locator('[name="seeking_respond"]').fill("Datang ke kebun setiap **Minggu pagi**.")
    form.locator('button[type="submit"]').click()
    result = form.locator(".cc-propose-result")
    result.wait_for(state="visible")
    assert form.locator(".cc-form__summary").is_hidden()
    text = result.locator("code.cc-propose-yaml").inner_text()
    project = tmp_path / "projects" / PROPOSAL["slug"] / "project.yml"
    project.parent.mkdir(parents=True)
    project.write_text(text, "utf-8")
    checked = CliRunner().invoke(cli, ["validate", str(tmp_path / "projects")])
    assert checked.exit_code == 0, checked.output + text
    data = check_bytes(text.encode("utf-8"), "project.yml", PROPOSAL["slug"]).data
    assert data is not None
    assert data["title"] == {"id": PROPOSAL["title_id"], "en": PROPOSAL["title_en"]}
    assert data["description"] == PROPOSAL["description"]
    assert data["openness"]["criteria"] == ["Warga RW 02", "Bersedia merawat kebun seminggu sekali"]
    assert data["seeking"]["resources"] == ["Bibit sayur", "Selang air"]
    assert data["maintainers"] == ["@kebun-rw02"]
    href = result.locator(".cc-propose-open a").get_attribute("href")
    assert href.startswith("https://github.com/cocreate-portal/demo/new/main?filename="
                           "projects%2Fkebun-warga-rw-02%2Fproject.yml&value=")


def test_errors_appear_beside_their_fields_with_the_validator_s_words(open_page: Callable[..., Watched], sites: dict[str, str]) -> None:
    lang = "en"
    page, form = open_form(open_page, sites[lang] + "propose/")
    for name, value in PROPOSAL.items():
        form.locator(f'[name="{name}"]').fill(value)
    form.locator('[name="slug"]').fill("Kebun_RW")
    form.locator('[name="summary"]').fill("")
    form.locator('select[name="openness"]').select_option("criteria")  # and no criteria
    form.locator('select[name="ownership"]').select_option("shared")
    form.locator('[name="license"]').fill("CC BY 4.0")
    form.locator('[name="maintainer"]').fill("@-kebun")
    form.locator('#f-seeking-investor').check()  # a call, with no closing day nor a way to respond
    form.locator('button[type="submit"]').click()
    summary = form.locator(".cc-form__summary")
    summary.wait_for(state="visible")
    assert page.evaluate("document.activeElement.classList.contains('cc-form__summary')")
    expected = {
        "slug": message("invalid-slug", lang, slug="Kebun_RW"),
        "summary": Translator(lang)("propose.required_empty"),  # a field left empty is said plainly
        "criteria": message("criteria-required", lang),
        "license": message("invalid-license", lang, value="CC BY 4.0"),
        "maintainer": message("invalid-handle", lang, value="@-kebun"),
        "seeking_closes": message("missing-field", lang, name="closes"),
        "seeking_respond": message("missing-field", lang, name="how_to_respond"),
    }
    for name, text in expected.items():
        control = form.locator(f"#f-{name}")
        error = form.locator(f"#f-{name}-error")
        assert error.is_visible(), name
        assert error.inner_text() == text, name
        assert control.get_attribute("aria-invalid") == "true", name
        assert f"f-{name}-error" in control.get_attribute("aria-describedby").split(), name
        # beside its field: under its label, right above the control
        label, at, box = (form.locator(f'label[for="f-{name}"]').bounding_box(), error.bounding_box(),
                          control.bounding_box())
        assert label["y"] + label["height"] <= at["y"] + 1, name
        assert at["y"] + at["height"] <= box["y"] + 1, name
    shown = form.locator(".cc-error:not([hidden])").evaluate_all("els => els.map(e => e.id)")
    assert sorted(shown) == sorted(f"f-{name}-error" for name in expected)
    assert summary.locator("li").count() == len(expected)
    # a link in the summary takes the focus to its field
    summary.locator("a", has_text="Licence of the shared results").click()
    assert page.evaluate("document.activeElement.id") == "f-license"
    # fixed, an error goes as it is typed
    form.locator('[name="license"]').fill("CC-BY-4.0")
    form.locator("#f-license-error").wait_for(state="hidden")
    assert form.locator("#f-license").get_attribute("aria-invalid") is None
    # a call that would close before it opens
    form.locator('[name="seeking_closes"]').fill("2020-01-31")
    error = form.locator("#f-seeking_closes-error")
    assert error.inner_text() == message("call-closes-before-opening", lang, value="2020-01-31",
                                         opened=page.evaluate("new Date().toLocaleDateString('sv')"))
    assert form.locator(".cc-propose-result").is_hidden()


def _pointer(path: tuple[Any, ...]) -> str:
    return "".join(f"/{part}" for part in path)


def _documents() -> list[tuple[str, Document]]:
    files = [*sorted((FIXTURES / "invalid").glob("*.yml")), *sorted((FIXTURES / "valid").glob("*.yml")),
             *sorted(PROJECTS.glob("*/project.yml"))]
    found = []
    for file in files:
        doc = load_text(file.read_bytes(), file.name)
        if doc.data is not None:
            found.append((f"{file.parent.name}/{file.name}", doc))
    return found


def test_the_browser_checks_what_the_validator_checks(open_page: Callable[..., Watched], sites: dict[str, str]) -> None:
    """The form's check, run on every fixture and demo project, finds the same problems (code
    and field) as the validator's schema check, against the schema the portal publishes."""
    page, _ = open_form(open_page, sites["id"] + "propose/", DESKTOP)
    published = json.loads(page.evaluate("fetch('../schema/project-1.json').then(r => r.text())"))
    assert {k: v for k, v in published.items() if k != "$id"} == {k: v for k, v in project_schema().items()
                                                                  if k != "$id"}
    documents = _documents()
    assert len(documents) > 60
    browser = page.evaluate("([schema, docs]) => docs.map(d => window.cocreateCheck(schema, d))",
                            [published, [doc.data for _, doc in documents]])
    differ = []
    for (name, doc), found in zip(documents, browser, strict=True):
        server = sorted({(p.code, _pointer(p.path)) for p in schema_problems(doc, name)})
        mine = sorted({(p["code"], p["path"]) for p in found})
        if mine != server:
            differ.append(f"{name}: browser {mine}, validator {server}")
    assert not differ, "\n".join(differ)


def test_a_draft_is_kept_in_the_browser(open_page: Callable[..., Watched], sites: dict[str, str]) -> None:
    page, form = open_form(open_page, sites["id"] + "propose/")
    form.locator('[name="title_id"]').fill("Kebun Warga RW 02")
    form.locator('[name="seeking_skills"]').fill("Berkebun\nMencatat panen")
    form.locator("#f-seeking-academia").check()
    form.locator('select[name="openness"]').select_option("criteria")
    page.reload()
    form.wait_for(state="visible")
    assert form.locator('[name="title_id"]').input_value() == "Kebun Warga RW 02"
    assert form.locator('[name="seeking_skills"]').input_value() == "Berkebun\nMencatat panen"
    assert form.locator("#f-seeking-academia").is_checked()
    assert not form.locator("#f-seeking-investor").is_checked()
    assert form.locator('select[name="openness"]').input_value() == "criteria"
    assert form.locator(".cc-form__draft-status").inner_text() == "Draf Anda dipulihkan."
    stored = json.loads(page.evaluate("window.localStorage.getItem('cocreate:propose:' + location.pathname)"))
    assert stored["title_id"] == "Kebun Warga RW 02"
    assert stored["seeking_categories"] == ["academia"]
    # deleting the draft empties the form and the storage
    form.locator(".cc-form__clear").click()
    assert form.locator('[name="title_id"]').input_value() == ""
    assert page.evaluate("window.localStorage.getItem('cocreate:propose:' + location.pathname)") is None
    page.reload()
    form.wait_for(state="visible")
    assert form.locator('[name="title_id"]').input_value() == ""
    assert form.locator('[name="trust_purpose"]').input_value()  # the example texts are back


def test_the_form_keeps_typed_markup_as_text(open_page: Callable[..., Watched], sites: dict[str, str]) -> None:
    page, form = open_form(open_page, sites["id"] + "propose/", DESKTOP)
    payload = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=1</script>'
    for name, value in PROPOSAL.items():
        form.locator(f'[name="{name}"]').fill(value)
    form.locator('[name="title_id"]').fill(payload)
    form.locator('[name="summary"]').fill(payload)
    form.locator('[name="license"]').fill(payload)  # an error message quotes it
    form.locator('button[type="submit"]').click()
    error = form.locator("#f-license-error")
    error.wait_for(state="visible")
    assert payload in error.inner_text()
    assert error.locator("img, script").count() == 0
    form.locator('[name="license"]').fill("")
    form.locator('button[type="submit"]').click()
    # markup in a plain text is refused, as the validator refuses it (issue 27), and shown as text
    error = form.locator("#f-title_id-error")
    error.wait_for(state="visible")
    assert "HTML" in error.inner_text()
    assert form.locator(".cc-propose-result").is_hidden()
    assert form.locator("img, script").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_the_form_without_javascript_says_so(open_page: Callable[..., Watched], sites: dict[str, str]) -> None:
    page = open_page(PHONE, javascript=False).page
    page.goto(sites["id"] + "propose/")
    assert page.locator("form.cc-propose-form").is_hidden()
    assert page.locator("article .cc-example").first.is_visible()  # the <noscript> notice


# --- the validator's rules on texts, in the browser (issue 27) ---------------------------------

ISSUE_CASES = {
    "title": ["Kebun <b>warga</b>", "Kebun\twarga", "Kebun\u200bwarga", "Kebun\u2028warga", "Kebun \u202ewarga",
              "Hubungi budi@kota.example", "NIK 3201014501900001", "Telepon 0812 3456 7890"],
    "description": ["Warga menanam.\u2028Bersama.", "Tulis ke budi [at] kota [dot] id", "Kode \u2066x\u2069",
                    "Bendera 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f Skotlandia",
                    "Warga <script>alert(1)</script>", "Kode `<script>` di sini", "[Daftar](javascript:alert(1))",
                    "<b>tebal</b> dan <a href=\"https://kota.example/\">tautan</a>", "<img src=x onerror=alert(1)>",
                    "Catatan <!-- tersembunyi -->", "a < b dan c > d", "baris<br>baru", "<details>x</details>",
                    "<a href=\"https://x.example/\" onclick=\"alert(1)\">x</a>", "[x](https://kota.example/) [y](mailto:a)",
                    "[ref]: javascript:alert(1)\n\n[lihat][ref]", "<p style=\"color:red\">merah</p>"],
}


def _rule_documents() -> list[tuple[str, dict[str, Any]]]:
    """Every fixture and demo project as its data, each sentence of the privacy corpus as a
    description, and each case of the issue as a title or a description."""
    from standard.test_privacy_corpus import PERSONAL, PROSE

    docs = [(name, doc.data) for name, doc in _documents()]
    docs += [(f"prose {i}", {"description": text}) for i, text in enumerate(PROSE)]
    docs += [(f"personal {i}", {"description": text}) for i, (_, text) in enumerate(PERSONAL)]
    docs += [(f"{field} {i}", {field: text}) for field, texts in ISSUE_CASES.items() for i, text in enumerate(texts)]
    return docs


def _validator_rule_problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    from cocreate.portal.forms import RULE_CODES

    raw = json.dumps(data, ensure_ascii=True).encode()  # JSON is YAML: the same data, every character escaped
    found = check_bytes(raw, "p.yml").problems
    return sorted({(str(p.code), _pointer(p.path)) for p in found if p.code in RULE_CODES})


def test_the_browser_checks_texts_as_the_validator_does(open_page: Callable[..., Watched], sites: dict[str, str]) -> None:
    """Forbidden characters, one-line values, markup in plain texts and personal data: the
    form's rules (made from the validator's patterns) find, on every fixture, demo project,
    sentence of the privacy corpus and case of issue 27, what the validator finds."""
    from cocreate.portal.forms import RULE_CODES

    page, form = open_form(open_page, sites["id"] + "propose/", DESKTOP)
    rules = json.loads(form.get_attribute("data-rules"))
    documents = _rule_documents()
    codes = [str(c) for c in RULE_CODES]
    browser = page.evaluate("([rules, docs, codes]) => docs.map(d => window.cocreateCheck({}, d, rules)"
                            ".filter(p => codes.includes(p.code)))", [rules, [d for _, d in documents], codes])
    differ: list[str] = []
    seen: set[str] = set()
    for (name, data), found in zip(documents, browser, strict=True):
        server = _validator_rule_problems(data)
        mine = sorted({(p["code"], p["path"]) for p in found})
        seen.update(code for code, _ in server)
        if mine != server:
            differ.append(f"{name}: browser {mine}, validator {server}")
    assert not differ, "\n".join(differ)
    assert seen >= set(codes) - {"noncharacter", "control-character"}  # each rule is tried, and found


def test_the_form_refuses_what_the_validator_refuses(open_page: Callable[..., Watched], sites: dict[str, str]) -> None:
    page, form = open_form(open_page, sites["en"] + "propose/", DESKTOP)
    for name, value in PROPOSAL.items():
        form.locator(f'[name="{name}"]').fill(value)
    form.locator('select[name="category"]').select_option("community")
    cases = {"title_id": "Kebun <b>warga</b>", "title_en": "Community\u200b garden",
             "summary": "Hubungi budi@kota.example.", "contributes": "Telepon 0812 3456 7890",
             "description": "NIK 3201014501900001", "benefit": "Sayur \u202esegar", "org": "Paguyuban\tKebun"}
    for name, value in cases.items():
        form.locator(f'[name="{name}"]').fill(value)
    form.locator('button[type="submit"]').click()
    form.locator(".cc-form__summary").wait_for(state="visible")
    assert form.locator(".cc-propose-result").is_hidden()
    summary = form.locator(".cc-form__summary").inner_text()
    for words in ("zero-width space", "HTML tag", "email address (bu", "phone number", "national ID number (NIK)",
                  "bidirectional control character U+202E", "must be one line"):
        assert words in summary, summary
    assert "budi@kota.example" not in summary
    assert "3201014501900001" not in summary


@pytest.mark.parametrize("text", ["a" * 200, "ꦲꦏ꧀ꦱꦫ " * 800])
def test_a_long_proposal_opens_github_empty_and_offers_the_text(open_page: Callable[..., Watched], sites: dict[str, str], text: str) -> None:
    """Issue 27: a long file (Javanese script: nine bytes a letter in an address) is not put in
    GitHub's address past the limit; the form says why and copies the text."""
    from cocreate.portal.forms import MAX_URL_BYTES

    page, form = open_form(open_page, sites["en"] + "propose/", DESKTOP)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    for name, value in PROPOSAL.items():
        form.locator(f'[name="{name}"]').fill(value)
    form.locator('select[name="category"]').select_option("community")
    form.locator('[name="description"]').fill(text)
    form.locator('button[type="submit"]').click()
    result = form.locator(".cc-propose-result")
    result.wait_for(state="visible")
    href = result.locator(".cc-propose-open a").get_attribute("href")
    long = result.locator(".cc-propose-long")
    if len(text) < 1000:  # short: the file travels in the address
        assert "&value=" in href
        assert len(href) <= MAX_URL_BYTES
        assert long.is_hidden()
        return
    assert "&value=" not in href
    assert href.endswith("project.yml")
    assert long.is_visible()
    assert "8 KB" in long.inner_text()
    result.locator(".cc-propose-copy").click()
    expect_text = result.locator(".cc-propose-yaml").inner_text()
    result.locator(".cc-propose-copied").filter(has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == expect_text
    assert "ꦲꦏ꧀ꦱꦫ" in expect_text
