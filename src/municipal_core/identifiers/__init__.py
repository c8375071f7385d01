"""Identifier modules in python-stdnum's shape.

Each module offers ``compact``, ``validate``, ``is_valid``, ``format``, ``mask`` and
``generate``; see :class:`IdentifierModule`.
"""
from municipal_core.identifiers._util import IdentifierModule

__all__ = ["IdentifierModule"]
