"""What several test files share: commands run as a user runs them, the built-in rubric,
fixtures' data, terminals, installs, hostile inputs, the scripted quarter, Chromium."""
