"""The day and zone every test lives in, unless it says otherwise."""

ZONE = "Europe/Berlin"
TODAY = "2026-11-23"  # a Monday, the first day of 2026-W48: the review is due
