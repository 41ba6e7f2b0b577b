"""Generate a projects tree of N projects from the demo projects, for benchmarks."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def generate(target: Path, count: int) -> Path:
    """Write `count` projects under `target/projects`, cycling through the demo projects."""
    demos = sorted((ROOT / "projects").glob("*/project.yml"))
    texts = [d.read_text("utf-8") for d in demos]
    projects = target / "projects"
    if projects.exists():
        shutil.rmtree(projects)
    for i in range(count):
        folder = projects / f"{demos[i % len(demos)].parent.name}-{i:05d}"
        folder.mkdir(parents=True)
        (folder / "project.yml").write_text(texts[i % len(texts)], "utf-8")
    return projects


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("count", type=int)
    args = parser.parse_args()
    print(generate(args.target, args.count))
