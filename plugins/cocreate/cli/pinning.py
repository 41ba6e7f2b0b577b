"""How a portal installs cocreate: the exact release being run, pinned by the SHA-256 of its
wheel, or, until that release is on PyPI, a commit of cocreate's git repository.

`cocreate init` and `cocreate upgrade` write the pin into the portal's requirements files
(see `portal_files`). The hash must be the hash of the wheel file itself, which an
installation from a package index does not keep (an installed distribution's RECORD hashes
the files it unpacked, not the archive), so the wheel is found, in this order:

1. `--cocreate-wheel PATH`: a wheel file given by hand;
2. the file pip installed the running cocreate from, when pip recorded it (PEP 610
   `direct_url.json`, written for `pip install ./cocreate-X-py3-none-any.whl`): the file
   if it is still there, else the hash pip checked when it installed it; if pip installed
   cocreate from a git commit, that commit is pinned instead;
3. for `upgrade`, the portal's own pin when it already names the version being run (or
   names a git commit: which commit holds a version cannot be told from here);
4. `pip download cocreate==VERSION`: the release on the package index (pip's own settings
   apply: index, proxy, certificates).

A wheel file is pinned only when every file it holds is byte for byte the file of the
cocreate being run: a wheel of another build, or a package someone else published under
the same name and version, is refused.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from email.parser import HeaderParser
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

import cocreate
from cocreate import __version__

PACKAGE = Path(cocreate.__file__).resolve().parent
NAME = "cocreate"

_SHA = re.compile(r"[0-9a-fA-F]{40}")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})+(?::[0-9]{{1,5}})?")
_PATH = re.compile(r"(?:/[A-Za-z0-9._~-]+)+")


class PinError(Exception):
    """cocreate cannot be pinned as asked; the message says why and what to do."""


@dataclass(frozen=True)
class WheelPin:
    """The release `version`, installed from the index and checked against these hashes."""

    version: str
    hashes: tuple[str, ...]  # SHA-256, hexadecimal

    def requirement(self) -> str:
        return f"{NAME}=={self.version}"

    def describe(self) -> str:
        return f"cocreate {self.version} (sha256 {', '.join(h[:12] + '…' for h in self.hashes)})"


@dataclass(frozen=True)
class GitPin:
    """A commit of cocreate's repository, fetched with git: a commit SHA cannot move, a branch can."""

    url: str  # https://host/path, without `git+` and without `.git`
    commit: str  # 40 hexadecimal digits, lowercase

    def requirement(self) -> str:
        return f"{NAME} @ git+{self.url}@{self.commit}"

    def describe(self) -> str:
        return f"cocreate from {self.url} at commit {self.commit}"


CocreatePin = WheelPin | GitPin


def parse_git(spec: str) -> GitPin:
    """`git+https://HOST/PATH@SHA` (or without `git+`) as a pin, refusing anything that could
    move or smuggle more than a URL: a branch or tag, a short SHA, another scheme, a user
    name or password, a query, a fragment, `..`, whitespace."""
    text = spec.strip()
    rest = text.removeprefix("git+")
    url, sep, revision = rest.rpartition("@")
    if not sep or not url:
        raise PinError(f"{spec!r}: write git+https://HOST/OWNER/REPO@COMMIT, with the commit's full 40-character SHA")
    if not _SHA.fullmatch(revision):
        raise PinError(f"{spec!r}: {revision!r} is not a full commit SHA; a branch or tag can move, so name the "
                       "commit by its 40 hexadecimal characters (git rev-parse HEAD)")
    parts = urlsplit(url)
    path = parts.path.removesuffix(".git")
    if (parts.scheme != "https" or "@" in parts.netloc or not _HOST.fullmatch(parts.netloc) or parts.query
            or parts.fragment or "?" in url or "#" in url or not _PATH.fullmatch(path)
            or any(seg in (".", "..") for seg in path.split("/"))):
        raise PinError(f"{spec!r}: the repository must be a plain https URL (https://HOST/OWNER/REPO), "
                       "without user name, query or fragment")
    return GitPin(f"https://{parts.netloc}{path}", revision.lower())


def _wheel_metadata(archive: zipfile.ZipFile) -> tuple[str, str]:
    names = [n for n in archive.namelist() if re.fullmatch(r"[^/]+\.dist-info/METADATA", n)]
    if len(names) != 1:
        raise PinError("it is not a wheel (no single *.dist-info/METADATA)")
    headers = HeaderParser().parsestr(archive.read(names[0]).decode("utf-8", "replace"))
    return headers.get("Name", ""), headers.get("Version", "")


def pin_from_wheel(path: Path) -> WheelPin:
    """The pin of a wheel file of the cocreate being run; PinError for any other file."""
    try:
        data = path.read_bytes()
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise PinError(f"{path}: cannot read it as a wheel ({exc})") from exc
    with archive:
        try:
            name, version = _wheel_metadata(archive)
        except PinError as exc:
            raise PinError(f"{path}: {exc}") from None
        if re.sub(r"[-_.]+", "-", name).lower() != NAME:
            raise PinError(f"{path} is a wheel of {name!r}, not of cocreate")
        if version != __version__:
            raise PinError(f"{path} is cocreate {version}, but the cocreate running is {__version__}: "
                           "pin the wheel of the version you run")
        for member in archive.infolist():
            if member.is_dir() or not member.filename.startswith(f"{NAME}/"):
                continue
            local = PACKAGE / member.filename.removeprefix(f"{NAME}/")
            try:
                same = local.read_bytes() == archive.read(member)
            except OSError:
                same = False
            if not same:
                raise PinError(f"{path} does not hold the cocreate being run: its {member.filename} differs from "
                               f"{local}. Pin the wheel this cocreate was installed from")
    return WheelPin(__version__, (hashlib.sha256(data).hexdigest(),))


def pin_from_installation() -> CocreatePin | None:
    """The wheel file or git commit pip installed the running cocreate from, if pip recorded
    it (PEP 610) and it can be pinned; None for an install from an index or a folder."""
    try:
        raw = metadata.distribution(NAME).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not raw:
        return None
    try:
        record = json.loads(raw)
    except ValueError:
        return None
    url = str(record.get("url", ""))
    vcs = record.get("vcs_info") or {}
    if vcs.get("vcs") == "git" and vcs.get("commit_id"):
        try:
            return parse_git(f"git+{url}@{vcs['commit_id']}")
        except PinError:
            return None  # e.g. a clone on this disk: nothing another machine can fetch
    parts = urlsplit(url)
    if "archive_info" in record and parts.scheme == "file" and parts.path.endswith(".whl"):
        wheel = Path(unquote(parts.path))
        if wheel.is_file():
            return pin_from_wheel(wheel)
        # The file is gone, but pip recorded the hash it checked when it installed this very
        # code from it: the wheel of the version being run, by its name.
        recorded = (record["archive_info"].get("hashes") or {}).get("sha256", "")
        if wheel.name.startswith(f"{NAME}-{__version__}-") and re.fullmatch(r"[0-9a-f]{64}", recorded):
            return WheelPin(__version__, (recorded,))
    return None


def pin_from_index() -> WheelPin:
    """The wheel of this version on the package index, fetched with `pip download`."""
    with tempfile.TemporaryDirectory(prefix="cocreate-wheel-") as folder:
        command = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--no-deps",
                   "--only-binary", ":all:", "--dest", folder, f"{NAME}=={__version__}"]
        try:
            proc = subprocess.run(command, capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.SubprocessError) as exc:
            raise PinError(f"cannot run pip to fetch cocreate {__version__}'s wheel: {exc}") from exc
        wheels = sorted(Path(folder).glob("*.whl"))
        if proc.returncode != 0 or len(wheels) != 1:
            last = (proc.stderr.strip().splitlines() or ["no wheel"])[-1]
            raise PinError(f"cannot fetch the wheel of cocreate {__version__} from the package index ({last}). "
                           "Give the wheel you installed with --cocreate-wheel PATH, or a commit with "
                           "--cocreate-git git+https://HOST/OWNER/REPO@COMMIT")
        return pin_from_wheel(wheels[0])


def resolve_pin(wheel: Path | None = None, git: str | None = None, current: CocreatePin | None = None) -> CocreatePin:
    """The pin to write, from the options, the installation, the portal's pin or the index
    (the order in the module's docstring). A git pin the portal has is kept unless an option
    replaces it: which commit holds this version cannot be told from here."""
    if wheel is not None and git is not None:
        raise PinError("give --cocreate-wheel or --cocreate-git, not both")
    if git is not None:
        return parse_git(git)
    if wheel is not None:
        return pin_from_wheel(wheel)
    installed = pin_from_installation()
    if installed is not None:
        return installed
    if isinstance(current, GitPin) or (isinstance(current, WheelPin) and current.version == __version__
                                       and current.hashes):
        return current
    return pin_from_index()
