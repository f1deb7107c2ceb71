"""Urbanism permits under the CoDT."""
