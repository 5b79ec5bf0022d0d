"""`python -m datawacht` is the `datawacht` command."""

from datawacht.cli.main import main

main()
