"""Reminders: rules, the once-only `remind` job, in-app notifications, e-mail, ICS feeds."""
