"""`python -m juesuan` runs the CLI."""

from .cli import main

main()
