"""What the commands and screens do with a data folder: the workspace and what screens show."""
