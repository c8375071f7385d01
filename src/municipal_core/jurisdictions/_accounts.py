"""Account rules both portals share by default: activation codes, passwords, sign-in.

Neither portal publishes these numbers (DOMAIN.md §1 marks the registration details [A]),
so each is an assumption anchored in NIST SP 800-63B and the OWASP cheat sheets, kept as
data so a host app can set its own with :meth:`RuleBook.with_value`.
"""

from __future__ import annotations

from municipal_core.jurisdictions._rules import Confidence, RuleValue

__all__ = ["account_rules"]

_NIST = "assumption: NIST SP 800-63B (rev. 4) guidance; the portals do not publish it"
_OWASP = "assumption: OWASP Authentication Cheat Sheet; the portals do not publish it"


def account_rules(*, required_name_parts: int, name_source: str) -> tuple[RuleValue, ...]:
    """Return the ``accounts.*`` rule values for a profile.

    Args:
        required_name_parts: how many parts of a person's name are mandatory (4 in Oman).
        name_source: where that number comes from.

    Examples:
        >>> rules = account_rules(required_name_parts=4, name_source="seed")
        >>> {r.name: r.value for r in rules}["accounts.otp.ttl_seconds"]
        300
    """

    def assumed(name: str, value: int | bool, source: str) -> RuleValue:
        return RuleValue(name, value, source=source, confidence=Confidence.ASSUMPTION)

    return (
        assumed("accounts.name.required_parts", required_name_parts, name_source),
        assumed("accounts.otp.length", 6, _NIST),
        assumed("accounts.otp.ttl_seconds", 300, _NIST),
        assumed("accounts.otp.max_attempts", 5, _NIST),
        assumed("accounts.otp.resend_cooldown_seconds", 60, _OWASP),
        assumed("accounts.otp.max_sends_per_hour", 5, _OWASP),
        assumed("accounts.password.min_length", 8, _NIST),
        assumed("accounts.password.max_length", 128, _NIST),
        assumed("accounts.password.require_lower", True, _OWASP),
        assumed("accounts.password.require_upper", True, _OWASP),
        assumed("accounts.password.require_digit", True, _OWASP),
        assumed("accounts.password.require_symbol", False, _NIST),
        assumed("accounts.signin.max_failures", 5, _OWASP),
        assumed("accounts.signin.window_seconds", 900, _OWASP),
        assumed("accounts.signin.cooldown_seconds", 900, _OWASP),
    )
