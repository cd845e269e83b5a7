"""The data folder on disk: paths, safe writes, TOML documents, the store and its lock."""
