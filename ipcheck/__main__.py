"""Entry point for ``python -m ipcheck``."""
from ipcheck.cli import main

main()
