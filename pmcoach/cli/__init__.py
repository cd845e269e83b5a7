"""The `pmcoach` command line and the plain check-in."""
