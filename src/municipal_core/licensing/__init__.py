"""Licensing.

Licensing: licences and permits of both portals with their workflows and fees, violations
and complaints (issue 6; not yet built).
"""
