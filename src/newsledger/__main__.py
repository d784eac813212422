"""Allow ``python -m newsledger``."""

from newsledger.cli import main

main()
