"""Benchmark: `cocreate validate` against parsing with libyaml plus JSON Schema validation.

Both sides read the same generated files in the same run; the baseline loads each with
libyaml's CBaseLoader (every scalar a string, as cocreate does) and validates it against
the standard's JSON Schema, nothing more. The budget (issue #2) is a ratio of 1.5.

    python bench/bench_validate.py [--projects 10000] [--repeat 3] [--check]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cocreate.standard.schema import project_schema
from cocreate.standard.validate import validate_paths
from generate import generate

BUDGET = 1.5


def baseline(projects: Path) -> int:
    validator = Draft202012Validator(project_schema())
    errors = 0
    for file in sorted(projects.glob("*/project.yml")):
        data = yaml.load(file.read_bytes(), Loader=yaml.CBaseLoader)
        errors += sum(1 for _ in validator.iter_errors(data))
    return errors


def best_of(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 when a ratio is over budget")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        projects = generate(Path(tmp), args.projects)
        assert baseline(projects) == 0
        assert validate_paths([projects]).valid
        base = best_of(lambda: baseline(projects), args.repeat)
        ours = best_of(lambda: validate_paths([projects]), args.repeat)
        serial = best_of(lambda: validate_paths([projects], jobs=1), args.repeat)
    print(f"projects: {args.projects}")
    print(f"baseline (libyaml CBaseLoader + jsonschema): {base:.2f} s")
    print(f"cocreate validate (default, parallel):       {ours:.2f} s  ratio {ours / base:.2f} (budget {BUDGET})")
    print(f"cocreate validate --jobs 1:                  {serial:.2f} s  ratio {serial / base:.2f}")
    return 1 if args.check and ours / base > BUDGET else 0


if __name__ == "__main__":
    sys.exit(main())
