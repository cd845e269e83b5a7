"""`python -m pmcoach` runs the same entry point as the console script."""

from pmcoach.cli.main import main

raise SystemExit(main())
