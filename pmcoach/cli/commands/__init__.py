"""One module per command (or group of commands); `pmcoach.cli.main` imports only the one run."""
