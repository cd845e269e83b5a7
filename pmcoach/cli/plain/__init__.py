"""The weekly check-in as numbered questions on standard input and output (`checkin --plain`)."""
