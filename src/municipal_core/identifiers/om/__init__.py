"""Omani identifiers: civil number, commercial registration, address (MD 200/2024)."""
