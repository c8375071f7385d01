"""Builder for registry transactions: a lease registration findable by its numbers.

The registry package is imported when a transaction is built, not when the kit is, so
the rest of the kit works without it.

Examples:
    >>> from municipal_core.testing._context import BuildContext
    >>> txn = build_transaction(BuildContext(seed=1))
    >>> txn.kind.value, txn.status.code, sorted({key.kind.value for key in txn.keys})
    ('lease_registration', 'SUBMITTED', ['civil_id', 'contract', 'phone', 'transaction'])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from municipal_core.testing import _generators as gen
from municipal_core.testing._context import BuildContext, construct
from municipal_core.testing._lease_builders import build_lease

if TYPE_CHECKING:
    from municipal_core.registry._transaction import Transaction

__all__ = ["build_transaction"]


def build_transaction(ctx: BuildContext, **overrides: Any) -> Transaction:
    """Return a just-opened lease-registration transaction of a kit lease.

    It can be found by its reference, the contract number, the tenant's identity number
    and a mobile of the jurisdiction's region. Every argument of ``open_transaction``
    (``kind=``, ``keys=``, ``workflow=``, ``case=``...) and every field is overridable.

    Examples:
        >>> txn = build_transaction(BuildContext(), kind="complaint", keys=())
        >>> txn.kind.value, len(txn.keys)
        ('complaint', 1)
    """
    from municipal_core.registry._record import open_transaction
    from municipal_core.registry._transaction import TransactionKind

    ctx = ctx.within(overrides.pop("jurisdiction", None))
    lease = build_lease(ctx)
    tenant_id = lease.tenant.id_number or lease.tenant.cr or ""
    defaults: dict[str, Any] = {
        "reference": ctx.number("T"),
        "kind": TransactionKind.LEASE_REGISTRATION,
        "jurisdiction": ctx.jurisdiction,
        "applicant_name": lease.tenant.name_ar,
        "keys": (
            ("contract", lease.reference),
            ("civil_id", tenant_id),
            ("phone", gen.mobile(ctx.rng, ctx.jurisdiction.phone_region)),
        ),
        "at": ctx.now(),
    }
    return construct(open_transaction, defaults, overrides, family="transaction")
