#!/usr/bin/env python3
"""The wheel check: what a city installs works, with no network once it is installed.

    python scripts/wheel_check.py DIST [--work DIR]

DIST holds the sdist and the wheel of one version (`python -m build`). The release
workflow runs this before publishing, and the test suite runs it on every change
(tests/repository/test_release.py). It checks that

1. every file of plugins/cocreate that git tracks is in the sdist and in the wheel
   (templates, locales, schema, theme, assets, the scaffold with its dotfiles);
2. the wheel installs alone in a fresh virtual environment: the dependencies from
   requirements/ci.txt (each file checked against its hash), the wheel with --no-deps,
   then `pip check`;
3. with the network off: `cocreate --version` names the version; `cocreate init` makes a
   portal whose lock pins that very wheel by its SHA-256; a first commit; `cocreate
   validate`; `mkdocs build --strict`; `cocreate upgrade --check` finds it up to date.
   "Off" means a network namespace of its own (`unshare`) where the system allows one, and
   in any case proxies that lead nowhere and pip without a package index.

Exit status 0 when all holds, 1 otherwise (the reason is printed).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOWHERE = "http://127.0.0.1:9"  # the discard port: a proxy that answers nothing
PORTAL_FILES = ("index.html", "projects/contoh-proyek/index.html", "schema/project-1.json", "data/datapackage.json",
                "feed.xml", "sitemap.xml")


class CheckFailed(Exception):
    pass


def tracked_package_files(root: Path = ROOT) -> list[str]:
    """Every file of the package that git tracks, relative to plugins/cocreate."""
    out = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--", "plugins/cocreate"],
                         check=True, capture_output=True).stdout.decode("utf-8")
    return sorted(p.removeprefix("plugins/cocreate/") for p in out.split("\0") if p)


def missing_files(wheel: Path, sdist: Path, wanted: list[str]) -> list[str]:
    """The package files that the wheel or the sdist lacks, as `wheel: cocreate/...` lines."""
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = {n.removeprefix("cocreate/") for n in archive.namelist() if n.startswith("cocreate/")}
    with tarfile.open(sdist) as archive:
        in_sdist = {n.split("/plugins/cocreate/", 1)[1] for n in archive.getnames() if "/plugins/cocreate/" in n}
    return ([f"wheel: cocreate/{p}" for p in wanted if p not in in_wheel]
            + [f"sdist: plugins/cocreate/{p}" for p in wanted if p not in in_sdist])


def offline_prefix() -> tuple[list[str], str]:
    """A command prefix that runs a program without network, and how it does that."""
    if shutil.which("unshare"):
        for prefix in (["unshare", "--net"], ["unshare", "--user", "--map-root-user", "--net"]):
            if subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
                return prefix, "its own network namespace (no interface up), proxies leading nowhere, no package index"
    return [], "proxies leading nowhere and no package index (this system allows no network namespace)"


def offline_env(work: Path, bin_dir: Path) -> dict[str, str]:
    env = {"PATH": os.pathsep.join([str(bin_dir), "/usr/local/bin", "/usr/bin", "/bin"]), "HOME": str(work / "home"),
           "LANG": "C.UTF-8", "PIP_NO_INDEX": "1", "PIP_CONFIG_FILE": os.devnull, "no_proxy": "", "NO_PROXY": "",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "wheel check", "GIT_AUTHOR_EMAIL": "check@example.invalid",
           "GIT_COMMITTER_NAME": "wheel check", "GIT_COMMITTER_EMAIL": "check@example.invalid",
           "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    for name in ("http_proxy", "https_proxy", "all_proxy", "ftp_proxy"):
        env[name] = env[name.upper()] = NOWHERE
    return env


def run(command: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    print("+", " ".join(command), flush=True)
    proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        raise CheckFailed(f"{' '.join(command)} exited {proc.returncode}:\n{proc.stdout}{proc.stderr}")
    return proc.stdout


def one(dist: Path, pattern: str) -> Path:
    found = sorted(dist.glob(pattern))
    if len(found) != 1:
        raise CheckFailed(f"{dist} must hold exactly one {pattern}, not {[p.name for p in found]}")
    return found[0]


def check(dist: Path, work: Path) -> None:
    wheel, sdist = one(dist, "cocreate-*.whl"), one(dist, "cocreate-*.tar.gz")
    version = wheel.name.split("-")[1]
    missing = missing_files(wheel, sdist, tracked_package_files())
    if missing:
        raise CheckFailed("files of the package missing from the distributions:\n  " + "\n  ".join(missing))
    print(f"the sdist and the wheel hold every file of plugins/cocreate ({wheel.name})", flush=True)

    environment = work / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(environment)
    bin_dir = environment / ("Scripts" if os.name == "nt" else "bin")
    pip = [str(bin_dir / "python"), "-m", "pip", "--disable-pip-version-check"]
    run([*pip, "install", "-q", "--require-hashes", "--only-binary", ":all:", "-r", str(ROOT / "requirements" / "ci.txt")])
    run([*pip, "install", "-q", "--no-deps", str(wheel)])
    run([*pip, "check"])

    prefix, how = offline_prefix()
    print(f"without network: {how}", flush=True)
    env = offline_env(work, bin_dir)
    (work / "home").mkdir(exist_ok=True)
    shown = run([*prefix, "cocreate", "--version"], env=env).strip()
    if shown != f"cocreate, version {version}":
        raise CheckFailed(f"`cocreate --version` says {shown!r}, the wheel is {version}")
    portal = work / "portal"
    run([*prefix, "cocreate", "init", str(portal), "--site-name", "Portal Kota Uji", "--city", "Kota Uji",
         "--repo-url", "https://github.com/kota-uji/portal", "--site-url", "https://kota-uji.github.io/portal/"], env=env)
    sha = hashlib.sha256(wheel.read_bytes()).hexdigest()
    lock = (portal / "requirements" / "ci.txt").read_text("utf-8")
    if f"cocreate=={version} \\\n    --hash=sha256:{sha}\n" not in lock:
        raise CheckFailed(f"the portal's requirements/ci.txt does not pin cocreate=={version} by the wheel's hash {sha}")
    requirements = [line for line in (portal / "requirements.txt").read_text("utf-8").splitlines()
                    if line.strip() and not line.startswith("#")]
    if requirements != [f"cocreate=={version}"]:
        raise CheckFailed(f"the portal's requirements.txt says {requirements}")
    run(["git", "init", "-q", "-b", "main"], cwd=portal, env=env)
    run(["git", "add", "-A"], cwd=portal, env=env)
    run(["git", "commit", "-q", "-m", "A new portal"], cwd=portal, env=env)
    run([*prefix, "cocreate", "validate"], cwd=portal, env=env)
    run([*prefix, "mkdocs", "build", "--strict"], cwd=portal, env=env)
    absent = [name for name in PORTAL_FILES if not (portal / "site" / name).is_file()]
    if absent:
        raise CheckFailed(f"the portal's site lacks {absent}")
    run([*prefix, "cocreate", "upgrade", "--check"], cwd=portal, env=env)
    print(f"cocreate {version}: installed from the wheel alone, a new portal validates and builds offline", flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dist", type=Path, help="the folder with the sdist and the wheel")
    parser.add_argument("--work", type=Path, help="where to make the environment and the portal (default: a new temporary folder)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="cocreate-wheel-check-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        check(args.dist.resolve(), work.resolve())
    except CheckFailed as exc:
        print(f"wheel check failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
