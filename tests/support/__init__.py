"""What several test files share: fixtures' data, terminals, installs, hostile inputs."""
