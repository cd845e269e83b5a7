"""Everything that only makes pmcoach faster: deleting it costs speed, never data."""
