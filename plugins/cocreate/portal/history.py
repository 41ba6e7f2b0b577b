"""When each project file last changed, from one `git log` over the whole projects folder."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_changed(repo: Path, folder: str) -> dict[str, str]:
    """Map each file under `folder` (repository-relative) to the date of its last commit.

    One git call for the whole portal. Outside a git checkout, or when git is missing,
    the map is empty and pages say the date is not known.
    """
    try:
        out = subprocess.run(
            ["git", "-C", str(repo), "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", folder],
            capture_output=True, text=True, timeout=120, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, str] = {}
    for block in out.split("\x00")[1:]:
        lines = block.strip().splitlines()
        if not lines or not lines[0].isdigit():
            continue
        day = dt.datetime.fromtimestamp(int(lines[0]), dt.timezone.utc).date().isoformat()
        for name in lines[1:]:
            if name.strip():
                dates.setdefault(name.strip(), day)
    return dates
