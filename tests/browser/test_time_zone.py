""""Today" is the day it is in the portal's time zone (issue 27): a proposal written in
Jakarta at 03:00 WIB, when it is still the day before in UTC, is dated that day by the form
(real Chromium, its time zone Asia/Jakarta and its clock set) and accepted by `cocreate
validate` run at the same instant; a portal whose time zone is UTC refuses it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from cocreate.standard.dates import today_in
from helpers import ROOT, make_portal

from .support import DESKTOP, watch
from .test_forms import PROPOSAL

pytestmark = pytest.mark.browser

JAKARTA = ZoneInfo("Asia/Jakarta")
_AHEAD = dt.date.today() + dt.timedelta(days=60)
AT_THREE = dt.datetime(_AHEAD.year, _AHEAD.month, _AHEAD.day, 3, 0, tzinfo=JAKARTA)
"""03:00 WIB on a day ahead (the validator is run at that moment through SOURCE_DATE_EPOCH,
which it takes when it is later than now): 20:00 UTC the day before."""
DAY = AT_THREE.date().isoformat()


def test_today_is_the_day_in_the_portal_s_time_zone() -> None:
    moment = dt.datetime(2026, 12, 2, 3, 0, tzinfo=JAKARTA).timestamp()
    assert today_in("Asia/Jakarta", moment) == dt.date(2026, 12, 2)
    assert today_in("UTC", moment) == dt.date(2026, 12, 1)
    assert today_in("Asia/Jayapura", dt.datetime(2026, 12, 1, 23, 30, tzinfo=JAKARTA).timestamp()) == dt.date(2026, 12, 2)


def validate(portal: Path, moment: dt.datetime) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": str(int(moment.timestamp()))}
    return subprocess.run([sys.executable, "-m", "cocreate", "validate", "--lang", "en"], cwd=portal, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_a_proposal_made_in_jakarta_at_three_is_valid_at_that_instant(browser: Any, sites: dict[str, str], tmp_path: Path) -> None:
    context = browser.new_context(viewport=DESKTOP, timezone_id="Asia/Jakarta", service_workers="block")
    try:
        watched = watch(context, "jakarta")
        page = watched.page
        page.clock.set_fixed_time(AT_THREE.timestamp())
        page.goto(sites["en"] + "propose/")
        form = page.locator("form.cc-propose-form")
        form.wait_for(state="visible")
        assert page.evaluate("new Date().getHours()") == 3
        assert page.evaluate("new Date().getUTCDate()") == (AT_THREE.date() - dt.timedelta(days=1)).day
        fields = {**PROPOSAL, "slug": "kebun-subuh", "seeking_skills": "Berkebun", "seeking_closes": (AT_THREE.date() + dt.timedelta(days=30)).isoformat(),
                  "seeking_respond": "Datang ke kebun."}
        for name, value in fields.items():
            form.locator(f'[name="{name}"]').fill(value)
        form.locator('select[name="category"]').select_option("community")
        form.locator('button[type="submit"]').click()
        result = form.locator(".cc-propose-result")
        form.locator(".cc-propose-result:not([hidden]), .cc-form__summary:not([hidden])").first.wait_for()
        assert result.is_visible(), form.locator(".cc-form__summary").inner_text()
        text = result.locator("code.cc-propose-yaml").inner_text()
        assert watched.problems() == []
    finally:
        context.close()
    assert f"date: {DAY}" in text
    assert f"opened: {DAY}" in text
    config = make_portal(tmp_path / "portal", projects=None)
    project = config.parent / "projects" / "kebun-subuh" / "project.yml"
    project.parent.mkdir()
    project.write_text(text, "utf-8")
    checked = validate(config.parent, AT_THREE)  # the portal's time zone: Asia/Jakarta, the default
    assert checked.returncode == 0, checked.stdout + checked.stderr
    utc = config.read_text("utf-8").replace("  - cocreate:\n", "  - cocreate:\n      timezone: UTC\n", 1)
    assert utc != config.read_text("utf-8")
    config.write_text(utc, "utf-8")
    checked = validate(config.parent, AT_THREE)  # in UTC it is still the day before
    assert checked.returncode == 1
    assert "date-in-future" in checked.stdout


def test_a_time_zone_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    config = make_portal(tmp_path / "portal", projects=None)
    config.write_text(config.read_text("utf-8").replace("  - cocreate:\n", "  - cocreate:\n      timezone: Asia/Atlantis\n", 1),
                      "utf-8")
    checked = validate(config.parent, AT_THREE)
    assert checked.returncode == 2
    assert "timezone" in checked.stderr
    assert "Asia/Atlantis" in checked.stderr
