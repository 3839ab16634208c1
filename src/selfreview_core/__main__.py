"""`python -m selfreview_core` is the `selfreview` command (`_launch`)."""

from ._launch import main

main()
