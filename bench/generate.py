"""Generate a portal of N projects for benchmarks, shaped like a real city's portal.

Each project keeps the structure of one of the demo projects (so it is valid, as they are)
and gets texts, names and facet values of its own, as in a real portal:
- distinct texts of real length: titles, summaries, descriptions (150 to 4,000
  characters, median about 450), what each party gives and gets, timeline entries and
  their descriptions, made of Indonesian words (the demo's and the portal pages' own);
  one project in five in both languages, the rest in Bahasa Indonesia only. The words a
  search index takes of a project (title, summary, description, parties, timeline titles,
  tags) come to about 1.8 KB, as Material's index of a real portal measured (3.8 MB for
  2,000 projects);
- facet values spread as people write them: most tags are shared (a few are very common)
  but seven projects in ten carry a tag no other project has; most projects are in the
  portal's city, some elsewhere; most parties are organisations that appear in one project
  only, the rest recur (city agencies, universities, firms);
- history in git (`history=True`): the projects are committed in batches, then about a
  third of them are changed in later commits, so that page histories and the build's
  reading of `git log` cost what they cost in a real portal.

The earlier benchmark cycled the nine demo projects with one sentence of their own: a few
kinds of text, nine sets of tags, places and parties, and no git history. CHANGELOG.md
("Measured") says what that changed in the measurements.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [v for k, v in value.items() if k == "id" and isinstance(v, str)] + \
            [t for k, v in value.items() if k != "id" for t in _texts(v) if not isinstance(v, str)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def _vocabulary() -> list[str]:
    """Words of Bahasa Indonesia from the demo projects and the portal's hand-written pages."""
    text = []
    for path in sorted((ROOT / "projects").glob("*/project.yml")):
        text += _texts(yaml.load(path.read_text("utf-8"), Loader=yaml.CBaseLoader))
    for path in sorted((ROOT / "content").glob("*.md")):
        text += [line for line in path.read_text("utf-8").splitlines() if " / " not in line]
    return sorted({w.lower() for w in re.findall(r"\b[A-Za-z]{3,14}\b", " ".join(text))})


SYLLABLES = ("ka", "ra", "sa", "ma", "ja", "ti", "pu", "lo", "ne", "wa", "ba", "ri", "su", "di", "go", "ha", "ci", "tu",
             "ngo", "bang", "sari", "mu", "le", "ke", "ta", "ya", "ku", "da", "pe", "jo")


class Writer:
    """Distinct texts and names from one seeded random source."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.words = _vocabulary()
        # a Zipf-like weight: a few words are very common, most are rare
        self.weights = list(itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(self.words))))
        self.random.shuffle(self.words)

    def name(self, parts: int = 2) -> str:
        return " ".join("".join(self.random.choice(SYLLABLES) for _ in range(self.random.randint(2, 3))).capitalize()
                        for _ in range(parts))

    def sentence(self) -> str:
        count = self.random.randint(7, 18)
        words = self.random.choices(self.words, cum_weights=self.weights, k=count)
        if self.random.random() < 0.4:  # a proper name: places and people make a portal's vocabulary large
            words.insert(self.random.randrange(len(words)), self.name(1))
        return " ".join(words).capitalize() + "."

    def text(self, low: int, high: int) -> str:
        """A text between `low` and `high` characters."""
        target = self.random.randint(low, high)
        out = self.sentence()
        while len(out) < target:
            out += " " + self.sentence()
        return out[:high].rsplit(" ", 1)[0].rstrip(",.") + "."

    def long_text(self, median: int, low: int, high: int) -> str:
        """Markdown paragraphs, their length log-normal around `median` characters."""
        target = int(min(high, max(low, self.random.lognormvariate(math.log(median), 0.7))))
        paragraphs: list[str] = []
        while sum(map(len, paragraphs)) < target:
            paragraphs.append(self.text(150, 600))
        if self.random.random() < 0.3:
            paragraphs.insert(1, "- " + "\n- ".join(self.text(20, 80) for _ in range(3)))
        return "\n\n".join(paragraphs)

    def zipf(self, pool: list[str]) -> str:
        return pool[min(len(pool) - 1, int(self.random.paretovariate(1.1)) - 1)]


BILINGUAL = 0.2
"""The share of projects written in both languages; the rest in Bahasa Indonesia only."""

_bilingual = [False]


def _same_shape(value: Any, text: str) -> Any:
    """`text` where `value` was a text: in both languages when it had both and the project
    is bilingual (the same words: length is what counts here)."""
    if isinstance(value, dict) and _bilingual[0]:
        return dict.fromkeys(value, text)
    return text


def realistic(demo: dict[str, Any], number: int, writer: Writer, pools: dict[str, list[str]]) -> dict[str, Any]:
    """Demo project `demo` with texts, names, tags and places of project `number`'s own."""
    w = writer
    _bilingual[0] = w.random.random() < BILINGUAL
    project = dict(demo)
    place = w.name(1)
    project["title"] = _same_shape(demo["title"], f"{w.text(20, 60).rstrip('.')} {place}")
    project["summary"] = _same_shape(demo["summary"], w.text(100, 220))
    project["description"] = _same_shape(demo["description"], w.long_text(450, 150, 4000))
    location = dict(demo["location"])
    if w.random.random() < 0.15:
        location["city"] = w.zipf(pools["cities"])
    location["district"] = f"Kecamatan {w.zipf(pools['districts'])}"
    project["location"] = location
    tags: set[str] = set()
    while len(tags) < w.random.randint(2, 5):
        tags.add(w.zipf(pools["tags"]))
    if w.random.random() < 0.7:
        tags.add(f"{re.sub(r'[^a-z]', '', w.name(1).lower())}-{number}")
    project["tags"] = sorted(tags)
    openness = dict(demo["openness"])
    if "how_to_join" in openness:
        openness["how_to_join"] = _same_shape(openness["how_to_join"], w.text(80, 400))
    if "criteria" in openness:
        openness["criteria"] = [_same_shape(c, w.text(40, 150)) for c in openness["criteria"]]
    project["openness"] = openness
    names: set[str] = set()
    stakeholders = []
    for stakeholder in demo["stakeholders"]:
        s = dict(stakeholder)
        name = w.zipf(pools["organisations"]) if w.random.random() < 0.35 else \
            f"{w.random.choice(('Paguyuban', 'Komunitas', 'Forum Warga', 'Karang Taruna', 'Koperasi'))} {w.name()}"
        while name in names:
            name = f"{name} {w.name(1)}"
        names.add(name)
        s["name"] = name
        s["contributes"] = _same_shape(s["contributes"], w.text(40, 160))
        s["benefit"] = _same_shape(s["benefit"], w.text(40, 160))
        stakeholders.append(s)
    project["stakeholders"] = stakeholders
    project["timeline"] = [{**e, "title": _same_shape(e["title"], w.text(25, 90).rstrip(".")),
                            **({"description": _same_shape(e.get("description", ""), w.long_text(200, 80, 700))}
                               if w.random.random() < 0.4 else {})}
                           for e in demo["timeline"]]
    project["trust"] = {key: _same_shape(value, w.text(50, 200)) for key, value in demo["trust"].items()}
    return project


def _pools(writer: Writer) -> dict[str, list[str]]:
    kinds = ("Dinas", "Badan", "Universitas", "PT", "CV", "Yayasan", "Lembaga", "Politeknik")
    return {
        "tags": sorted({re.sub(r"[^a-z]+", "-", writer.text(4, 18).lower()).strip("-")[:30].strip("-") or "x"
                        for _ in range(150)}),
        "cities": [f"Kota {writer.name(1)}" for _ in range(30)],
        "districts": [writer.name(1) for _ in range(60)],
        "organisations": [f"{writer.random.choice(kinds)} {writer.name()}" for _ in range(250)],
    }


def _git(folder: Path, *args: str, date: str = "") -> None:
    env = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid", "GIT_COMMITTER_NAME": "bench",
           "GIT_COMMITTER_EMAIL": "bench@example.invalid", "PATH": "/usr/bin:/bin",
           **({"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {})}
    subprocess.run(["git", "-C", str(folder), *args], check=True, env=env, capture_output=True)


def _dump(path: Path, project: dict[str, Any]) -> None:
    path.write_text(yaml.dump(project, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100),
                    "utf-8")


def generate(target: Path, count: int, *, history: bool = True, seed: int = 14) -> Path:
    """Write `count` projects under `target/projects`; with `history`, `target` becomes a git
    repository whose log adds them in batches and then changes about a third of them."""
    demos = sorted((ROOT / "projects").glob("*/project.yml"))
    data = [yaml.load(d.read_text("utf-8"), Loader=yaml.CBaseLoader) for d in demos]
    writer = Writer(seed)
    pools = _pools(writer)
    projects = target / "projects"
    if projects.exists():
        shutil.rmtree(projects)
    projects.mkdir(parents=True)
    if history:
        _git(target, "init", "-q", "-b", "main")
    batch = max(1, count // 10)
    files = []
    for i in range(count):
        project = realistic(data[i % len(demos)], i, writer, pools)
        project.pop("example", None)
        folder = projects / f"{demos[i % len(demos)].parent.name}-{i:05d}"
        folder.mkdir()
        _dump(folder / "project.yml", project)
        files.append((folder / "project.yml", project))
        if history and (i + 1) % batch == 0 or history and i == count - 1:
            _git(target, "add", "-A")
            _git(target, "commit", "-q", "-m", f"Projects up to {i + 1}", date=f"2024-01-{1 + i // batch:02d}T10:00:00")
    if history:
        changed = writer.random.sample(files, count // 3)
        for round_number in range(5):
            for path, project in changed[round_number::5]:
                if project["status"] in ("active", "paused"):
                    project["status"] = "paused" if project["status"] == "active" else "active"
                project["summary"] = _same_shape(project["summary"], writer.text(120, 270))
                _dump(path, project)
            _git(target, "commit", "-q", "-a", "-m", f"Changes, round {round_number + 1}",
                 date=f"2024-06-{1 + round_number:02d}T10:00:00")
    return projects


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--no-history", action="store_true", help="no git repository")
    args = parser.parse_args()
    print(generate(args.target, args.count, history=not args.no_history))
