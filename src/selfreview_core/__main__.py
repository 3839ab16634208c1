"""`python -m selfreview_core` is the `selfreview` command."""

from .cli import main

main()
