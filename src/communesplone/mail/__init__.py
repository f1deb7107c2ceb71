"""Incoming and outgoing mail: registration, routing, treatment."""
