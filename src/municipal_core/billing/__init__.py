"""Billing.

Billing: fee rules as data, fee breakdowns, invoices, payments and receipts
(issue 3; not yet built).
"""
