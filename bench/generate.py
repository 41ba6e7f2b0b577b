"""Generate a projects tree of N projects from the demo projects, for benchmarks.

Each project is a demo project under a new folder name, its description and timeline
descriptions given a sentence of their own: Markdown is rendered (and cached) per text, so
texts shared by many projects would make the portal look faster than it is. Facet values
(places, tags, organisations) stay as the demos have them, as in a real city's portal.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _own(text: Any, number: int) -> Any:
    """`text` (a string or a map of languages) with a sentence that only project `number` has."""
    if isinstance(text, dict):
        return {language: _own(value, number) for language, value in text.items()}
    return f"{text}\n\nCatatan {number}: *rincian* untuk proyek ke-{number}."


def generate(target: Path, count: int) -> Path:
    """Write `count` projects under `target/projects`, cycling through the demo projects."""
    demos = sorted((ROOT / "projects").glob("*/project.yml"))
    data = [yaml.load(d.read_text("utf-8"), Loader=yaml.CBaseLoader) for d in demos]
    projects = target / "projects"
    if projects.exists():
        shutil.rmtree(projects)
    for i in range(count):
        project = dict(data[i % len(demos)])
        project["description"] = _own(project["description"], i)
        project["timeline"] = [{**e, "description": _own(e["description"], i)} if "description" in e else e
                               for e in project["timeline"]]
        folder = projects / f"{demos[i % len(demos)].parent.name}-{i:05d}"
        folder.mkdir(parents=True)
        (folder / "project.yml").write_text(yaml.safe_dump(project, allow_unicode=True, sort_keys=False), "utf-8")
    return projects


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("count", type=int)
    args = parser.parse_args()
    print(generate(args.target, args.count))
