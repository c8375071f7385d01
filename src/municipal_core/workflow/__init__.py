"""Workflow engine.

Workflow engine: workflow definitions as data, immutable cases, append-only history and
SLAs (issue 3; not yet built).
"""
