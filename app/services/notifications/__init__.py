"""Notifications: who hears of an escalation event, the outbox, delivery and the in-app feed."""
