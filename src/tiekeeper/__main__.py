"""`python -m tiekeeper` runs the CLI."""

from tiekeeper.cli.app import main

main()
