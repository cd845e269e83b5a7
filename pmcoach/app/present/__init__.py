"""What screens show, as plain values built from the rules: one module per screen or group."""
