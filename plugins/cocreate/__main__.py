"""`python -m cocreate` runs the command line."""

from cocreate.cli import main

main()
