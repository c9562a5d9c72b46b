"""Reminders: what is due, building e-mails, the outbox and its sender, the scheduled jobs."""
