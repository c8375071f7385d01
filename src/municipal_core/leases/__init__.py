"""Leases.

Leases: contracts, term arithmetic, rent schedules, registration fees, renewal, amendment
(supplementary contracts) and cancellation (issue 5; not yet built).
"""
