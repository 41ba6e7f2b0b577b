"""A long fuzzing run: the properties of tests/standard/test_fuzz.py with many more examples.

The default test run tries a few hundred derandomized examples per property, so that CI
sees the same inputs every time. This script selects the "long" Hypothesis profile: random
inputs, a new set each run, `--examples` per property, and failing inputs kept in
.hypothesis/ so that the next run (and `python3 -m pytest tests/standard/test_fuzz.py`) replays them.

    python3 scripts/fuzz.py                      # 20,000 examples per property
    python3 scripts/fuzz.py --examples 2000 -k markdown
    python3 scripts/fuzz.py -- --hypothesis-seed=1234    # anything after -- goes to pytest

It prints Hypothesis's statistics (examples tried and time spent per property) and exits
with pytest's status. 20,000 examples per property (about 280,000 in all) take about 50
minutes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=20_000, help="examples per property (default 20000)")
    parser.add_argument("-k", dest="keyword", help="run only the properties whose name matches (pytest -k)")
    parser.add_argument("pytest_args", nargs="*", help="more arguments for pytest, after --")
    args = parser.parse_args(argv)
    env = {**os.environ, "HYPOTHESIS_PROFILE": "long", "COCREATE_FUZZ_EXAMPLES": str(args.examples),
           "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics",
               "--durations=0", str(ROOT / "tests" / "standard" / "test_fuzz.py")]
    if args.keyword:
        command += ["-k", args.keyword]
    command += args.pytest_args
    print(f"+ HYPOTHESIS_PROFILE=long COCREATE_FUZZ_EXAMPLES={args.examples} {' '.join(command[1:])}", flush=True)
    start = time.monotonic()
    code = subprocess.call(command, cwd=ROOT, env=env)
    print(f"fuzzing took {time.monotonic() - start:.0f} s, exit status {code}", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
