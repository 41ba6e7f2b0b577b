"""The files of a portal that cocreate owns, and what each holds for a given portal.

`cocreate init` copies the whole scaffold into a new portal; from then on, everything in it
is the portal's, except the files listed in OWNED: the workflows, Dependabot's settings,
the issue forms, the pull request template, the requirements files (with the pin of
cocreate) and the part of SECURITY.md between the two cocreate marks. `cocreate upgrade`
rewrites exactly these to what this version of cocreate would write, and nothing else:
not `projects/`, not `content/`, not mkdocs.yml, README.md, CONTRIBUTING.md or CODEOWNERS.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from cocreate.cli.pinning import NAME, CocreatePin, PinError, WheelPin, parse_git
from cocreate.cli.settings import Settings
from cocreate.standard.vocabulary import LANGUAGES

BEGIN = ("<!-- cocreate:begin · `cocreate upgrade` rewrites the text from here to the end mark; "
         "write the portal's own text above or below it -->")
END = "<!-- cocreate:end -->"


@dataclass(frozen=True)
class Owned:
    path: str
    part: bool = False
    """Only the text between BEGIN and END is cocreate's; the rest of the file is the portal's."""


OWNED: tuple[Owned, ...] = (
    Owned(".github/workflows/check.yml"),
    Owned(".github/workflows/deploy.yml"),
    Owned(".github/dependabot.yml"),
    Owned(".github/ISSUE_TEMPLATE/config.yml"),
    Owned(".github/ISSUE_TEMPLATE/propose-project.yml"),
    Owned(".github/ISSUE_TEMPLATE/join-project.yml"),
    Owned(".github/ISSUE_TEMPLATE/ask.yml"),
    Owned(".github/pull_request_template.md"),
    Owned("requirements.txt"),
    Owned("requirements/ci.in"),
    Owned("requirements/ci.txt"),
    Owned("SECURITY.md", part=True),
)

TEXT_SUFFIXES = (".yml", ".md", ".txt", ".in")


@dataclass(frozen=True)
class PortalValues:
    """What `cocreate init` fills into the scaffold's `{{ name }}` placeholders."""

    site_name: str
    site_url: str
    repo_url: str
    city: str
    language: str
    maintainer: str
    contact: str = ""
    """The plugin's `channels:` and `footer:` options, for mkdocs.yml (only `init` writes it)."""

    @property
    def other_language(self) -> str:
        """The portal's second language, when it is made bilingual (`languages:`)."""
        return next(language for language in LANGUAGES if language != self.language)

    def substitutions(self, pin: CocreatePin) -> dict[str, str]:
        return {"site_name": self.site_name, "site_url": self.site_url, "repo_url": self.repo_url,
                "city": self.city, "language": self.language, "other_language": self.other_language,
                "maintainer": self.maintainer,
                "cocreate_requirement": pin.requirement(), "contact": self.contact}

    @classmethod
    def from_settings(cls, settings: Settings) -> PortalValues:
        """The values an existing portal's mkdocs.yml gives (the city is only in texts that
        are the portal's own, so it is not needed to upgrade)."""
        config = settings.config
        return cls(site_name=str(config.get("site_name") or ""), site_url=str(config.get("site_url") or ""),
                   repo_url=str(config.get("repo_url") or "").rstrip("/"), city="", language=settings.language,
                   maintainer=settings.maintainers[0] if settings.maintainers else "")


def scaffold_root() -> Path:
    """The folder of files that `cocreate init` copies (inside the installed package)."""
    return Path(str(resources.files("cocreate.cli").joinpath("scaffold")))


def fill(text: str, values: Mapping[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{{ " + key + " }}", value)
    return text


def _lock_block(pin: WheelPin) -> str:
    hashes = " \\\n".join(f"    --hash=sha256:{h}" for h in pin.hashes)
    return f"{pin.requirement()} \\\n{hashes}\n    # via -r requirements/ci.in\n"


def with_locked_cocreate(lock: str, pin: CocreatePin) -> str:
    """The lock with cocreate's entry where pip-compile would put it (in name order), so that
    a lock compiled again from requirements/ci.in (by hand or by Dependabot) reads the same."""
    if not isinstance(pin, WheelPin):
        return lock  # pip cannot check a hash of a git checkout: requirements.txt installs it
    lines = lock.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line[:1].isalnum() and line.split("==", 1)[0].lower() > NAME:
            return "".join(lines[:index]) + _lock_block(pin) + "".join(lines[index:])
    return lock + _lock_block(pin)


def with_required_cocreate(source: str, pin: CocreatePin) -> str:
    if not isinstance(pin, WheelPin):
        return source
    return (source + "# cocreate itself, at the release this portal was made or last upgraded with\n"
            f"{pin.requirement()}\n")


def rendered(path: str, values: PortalValues, pin: CocreatePin) -> str:
    """What the scaffold's file `path` holds in a portal with these values and this pin."""
    text = fill((scaffold_root() / path).read_text("utf-8"), values.substitutions(pin))
    if path == "requirements/ci.in":
        return with_required_cocreate(text, pin)
    if path == "requirements/ci.txt":
        return with_locked_cocreate(text, pin)
    return text


def marks_problem(text: str) -> str | None:
    """What is wrong with a file's cocreate marks (missing, doubled, reversed), or None."""
    begins, ends = text.count(BEGIN), text.count(END)
    if begins == 0 or ends == 0:
        missing = " and ".join(name for name, count in (("begin", begins), ("end", ends)) if count == 0)
        return f"its cocreate {missing} mark{'s are' if ' and ' in missing else ' is'} missing"
    if begins > 1 or ends > 1:
        return f"it has {begins} begin and {ends} end marks: keep one pair"
    if text.index(END) < text.index(BEGIN):
        return "its end mark comes before its begin mark"
    return None


def split_part(text: str) -> tuple[str, str, str] | None:
    """(before, marked part with both marks, after), or None without exactly one pair of marks."""
    if marks_problem(text) is not None:
        return None
    start = text.index(BEGIN)
    end = text.index(END) + len(END)
    return text[:start], text[start:end], text[end:]


def line_ending(text: str | None) -> str:
    """The line ending a file uses: CRLF when most of its lines end so, else LF."""
    if not text:
        return "\n"
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


def with_line_ending(text: str, ending: str) -> str:
    lf = text.replace("\r\n", "\n")
    return lf if ending == "\n" else lf.replace("\n", ending)


def upgraded(owned: Owned, current: str | None, wanted: str) -> str | None:
    """The file as `cocreate upgrade` leaves it: the whole file as wanted, or for a file with
    a marked part, the portal's text around the new part. None when the marks are missing:
    then which text is the portal's cannot be told, and the file is left alone."""
    ending = line_ending(current)
    if not owned.part or current is None:
        return with_line_ending(wanted, ending)
    mine, theirs = split_part(wanted), split_part(current)
    if mine is None or theirs is None:
        return None
    return theirs[0] + with_line_ending(mine[1], ending) + theirs[2]


def current_pin(root: Path) -> CocreatePin | None:
    """The pin a portal's requirements files hold now, or None if they hold none we can read."""
    try:
        lines = [line.strip() for line in (root / "requirements.txt").read_text("utf-8").splitlines()]
    except (OSError, UnicodeDecodeError):
        return None
    for line in lines:
        if line.startswith(f"{NAME} @ "):
            try:
                return parse_git(line.split(" @ ", 1)[1])
            except PinError:
                return None
        if line.startswith(f"{NAME}=="):
            version = line.split("==", 1)[1].strip()
            return WheelPin(version, _locked_hashes(root, version))
    return None


def _locked_hashes(root: Path, version: str) -> tuple[str, ...]:
    try:
        text = (root / "requirements" / "ci.txt").read_text("utf-8").replace("\\\n", " ")
    except (OSError, UnicodeDecodeError):
        return ()
    for line in text.splitlines():
        words = line.split()
        if words and words[0] == f"{NAME}=={version}":
            return tuple(w.removeprefix("--hash=sha256:") for w in words[1:] if w.startswith("--hash=sha256:"))
    return ()



@dataclass(frozen=True)
class FileChange:
    path: str
    before: str | None  # None: the file does not exist yet
    after: str
    ignored: bool = False
    """git ignores the file: its local edits are in no commit, and cannot be got back."""


@dataclass(frozen=True)
class Upgrade:
    """What `cocreate upgrade` would write, and the owned files it must leave alone (why)."""

    changes: list[FileChange]
    left_alone: list[tuple[str, str]]


class UpgradeError(Exception):
    """The portal cannot be upgraded as it is; the message says what to fix."""


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"(?<!\$)\{\{ ([a-z_]+) \}\}", text))


def _path_problem(root: Path, relative: str) -> str | None:
    """Why `relative` cannot be written below `root`: a part of it is a symlink (writing must
    stay in the portal), a folder of it is a file, or the file is a folder; else None."""
    path = root
    parts = relative.split("/")
    for index, part in enumerate(parts):
        path = path / part
        if path.is_symlink():
            return "it is a symbolic link (or lies below one): replace it with a file"
        last = index == len(parts) - 1
        if path.exists() and (path.is_dir() if last else not path.is_dir()):
            return (f"{path.relative_to(root).as_posix()} is a folder, not a file" if last else
                    f"{path.relative_to(root).as_posix()} is a file, not a folder")
    return None


def _ignored(root: Path, paths: list[str]) -> set[str]:
    """Which of `paths` git ignores (none outside a git repository)."""
    if not paths:
        return set()
    proc = subprocess.run(["git", "-C", str(root), "check-ignore", "--stdin"],
                          input="\n".join(paths), capture_output=True, text=True, check=False)
    return set(proc.stdout.splitlines()) if proc.returncode in (0, 1) else set()


def plan_upgrade(root: Path, values: PortalValues, pin: CocreatePin) -> Upgrade:
    """Compare every owned file of the portal at `root` with what this cocreate would write."""
    substitutions = values.substitutions(pin)
    needed = set().union(*(_placeholders((scaffold_root() / o.path).read_text("utf-8")) for o in OWNED))
    missing = sorted(key for key in needed if not substitutions.get(key))
    if missing:
        raise UpgradeError(f"mkdocs.yml gives no {', '.join(missing)}, which the files cocreate owns use: add it")
    changes, left_alone, blocked = [], [], []
    for owned in OWNED:
        target = root / owned.path
        problem = _path_problem(root, owned.path)
        if problem is not None and "symbolic link" in problem:
            left_alone.append((owned.path, problem))
            continue
        if problem is not None:
            blocked.append(f"{owned.path}: {problem}")
            continue
        try:
            current = target.read_bytes().decode("utf-8") if target.exists() else None  # CRLF kept as it is
        except (OSError, UnicodeDecodeError) as exc:
            left_alone.append((owned.path, f"it cannot be read as UTF-8 text ({exc})"))
            continue
        new = upgraded(owned, current, rendered(owned.path, values, pin))
        if new is None:
            why = marks_problem(current or "")
            left_alone.append((owned.path, f"it has no pair of cocreate marks ({BEGIN[:17]}… and {END}): "
                                           f"{why}; put one pair around the part cocreate wrote"))
        elif new != current:
            changes.append(FileChange(owned.path, current, new))
    if blocked:  # planned whole, written whole: nothing is written when any file cannot be
        raise UpgradeError("nothing was written: " + "; ".join(blocked) + "; move it away and run the upgrade again")
    ignored = _ignored(root, [c.path for c in changes if c.before is not None])
    changes = [FileChange(c.path, c.before, c.after, c.path in ignored) for c in changes]
    return Upgrade(changes, left_alone)


def apply_upgrade(root: Path, upgrade: Upgrade) -> None:
    """Write every change, or none: each file is first written beside its place, then all
    are renamed into place (a folder that cannot be made stops it before any file moves)."""
    staged: list[tuple[Path, Path]] = []
    try:
        for change in upgrade.changes:
            target = root / change.path
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.cocreate-upgrade")
            temporary.write_bytes(change.after.encode("utf-8"))
            staged.append((temporary, target))
    except OSError:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in staged:
        os.replace(temporary, target)
