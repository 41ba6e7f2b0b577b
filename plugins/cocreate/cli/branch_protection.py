"""The GitHub settings that make a portal's checks bind anyone: branch protection of `main`.

`cocreate review` and the other checks run in a workflow; only GitHub decides whether a
pull request may be merged. Without these settings on `main`, a failed check, a refusal or
a missing code-owner approval stops nobody. Projects maintained by a team (`@org/team`)
rely on them entirely: no workflow can tell who is in a team, so their approval comes from
GitHub's required review from code owners (CODEOWNERS lists each project's folder with its
maintainers).

The settings are kept here, once, with GitHub's own labels (its interface is in English):
`cocreate init` prints them, and the test suite checks that CONTRIBUTING.md names the same
ones and that the required check is the job of the check workflow every portal gets.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import yaml

from cocreate.i18n.translator import Translator

ON, OFF, EMPTY, CHECK = "on", "off", "empty", "check"
"""Values that are words, said in the reader's language; any other value (a number) is
printed as it is."""

CHECK_WORKFLOW = "scaffold/.github/workflows/check.yml"
CHECK_JOB = "check"


@dataclass(frozen=True)
class Setting:
    """One setting, as GitHub labels it in a branch protection rule (Settings → Branches)
    and in a branch ruleset (Settings → Rules → Rulesets), with the value each needs."""

    rule: str
    rule_value: str
    ruleset: str
    ruleset_value: str


SETTINGS: tuple[Setting, ...] = (
    Setting("Require a pull request before merging", ON, "Require a pull request before merging", ON),
    Setting("Require approvals", "1", "Required approvals", "1"),
    Setting("Dismiss stale pull request approvals when new commits are pushed", ON,
            "Dismiss stale pull request approvals when new commits are pushed", ON),
    Setting("Require review from Code Owners", ON, "Require review from Code Owners", ON),
    Setting("Require approval of the most recent reviewable push", ON,
            "Require approval of the most recent reviewable push", ON),
    Setting("Require status checks to pass before merging", CHECK, "Require status checks to pass", CHECK),
    Setting("Do not allow bypassing the above settings", ON, "Bypass list", EMPTY),
    Setting("Allow force pushes", OFF, "Block force pushes", ON),
    Setting("Allow deletions", OFF, "Restrict deletions", ON),
)


def required_check() -> str:
    """The status check to require: the name of the job in the check workflow that
    `cocreate init` writes (GitHub names a job's check after its `name:`)."""
    text = resources.files("cocreate.cli").joinpath(CHECK_WORKFLOW).read_text("utf-8")
    return str(yaml.safe_load(text)["jobs"][CHECK_JOB]["name"])


def _value(value: str, t: Translator) -> str:
    if value == CHECK:
        return t("branch_protection.value_check", check=required_check())
    if value in (ON, OFF, EMPTY):
        return t(f"branch_protection.value_{value}")
    return value


def instructions(language: str) -> str:
    """What to set on GitHub, as `cocreate init` prints it: as a branch protection rule,
    then as a ruleset, then what GitHub does with CODEOWNERS."""
    t = Translator(language)
    lines = [t("branch_protection.intro"), t("branch_protection.rule")]
    lines += [f"  - {s.rule}: {_value(s.rule_value, t)}" for s in SETTINGS]
    lines.append(t("branch_protection.ruleset"))
    lines += [f"  - {s.ruleset}: {_value(s.ruleset_value, t)}" for s in SETTINGS]
    lines += [t("branch_protection.check_first"), t("branch_protection.codeowners"), t("branch_protection.more")]
    return "\n".join(lines)
