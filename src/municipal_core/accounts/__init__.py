"""Accounts.

Accounts: account types per jurisdiction, four-part names, registration, activation codes,
password policies and sign-in for both portals (issue 4; not yet built).
"""
