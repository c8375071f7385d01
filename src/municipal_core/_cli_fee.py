"""``municipal fee lease|permit``: a fee breakdown from the command line.

``fee lease`` asks the lease rules (:func:`~municipal_core.leases.fee_for_rent`, the same
rules :func:`~municipal_core.leases.registration_fee` applies to a whole contract) for the
registration fee on a monthly rent over a term; ``fee permit`` asks the Omani building
permit rules (:func:`~municipal_core.licensing.permit_fee`). Dates default to today in
the jurisdiction's time zone.

Examples:
    >>> import datetime as dt
    >>> lease_fee("om-sohar", "100", 12, signed_on=dt.date(2026, 1, 1),
    ...           registered_on=dt.date(2026, 1, 5)).total
    Money('36.000', 'OMR')
    >>> parse_date("2026-02-30", field="start")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidFormat: The date must be written as YYYY-MM-DD.
"""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from municipal_core._cli_output import ExitCode, Output, label
from municipal_core._text import DIGITS_TO_ASCII
from municipal_core.clock import SystemClock
from municipal_core.errors import InvalidComponent, InvalidFormat
from municipal_core.jurisdictions import resolve

if TYPE_CHECKING:
    from municipal_core.billing import FeeBreakdown

# The domain packages are imported by the functions that use them, so that `municipal
# validate` or `municipal --help` does not pay for loading every package (~0.5 s).

__all__ = ["add_parser", "lease_fee", "parse_date", "parse_decimal", "permit_fee_for", "run"]


def parse_date(text: str, *, field: str) -> dt.date:
    """Return the ISO date ``text`` (Arabic-Indic digits allowed) as a date.

    Raises:
        InvalidFormat: not a real ``YYYY-MM-DD`` date (``cli.date``).

    Examples:
        >>> parse_date("٢٠٢٦-٠٣-٠١", field="start")
        datetime.date(2026, 3, 1)
    """
    try:
        return dt.date.fromisoformat(text.translate(DIGITS_TO_ASCII).strip())
    except ValueError:
        raise InvalidFormat(
            "The date must be written as YYYY-MM-DD.",
            "يجب كتابة التاريخ بالصيغة YYYY-MM-DD.",
            code="cli.date",
            field=field,
        ) from None


def parse_decimal(text: str, *, field: str) -> Decimal:
    """Return ``text`` as a non-negative finite Decimal.

    Raises:
        InvalidFormat: not a plain number, or negative (``cli.number``).

    Examples:
        >>> parse_decimal("٦٥٠", field="area")
        Decimal('650')
    """
    try:
        value = Decimal(text.translate(DIGITS_TO_ASCII).strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0:
        raise InvalidFormat(
            "The value must be a plain number, zero or more.",
            "يجب أن تكون القيمة عددًا عاديًا، صفرًا أو أكثر.",
            code="cli.number",
            field=field,
        )
    return value


def lease_fee(
    jurisdiction: str,
    monthly_rent: str,
    months: int,
    *,
    signed_on: dt.date,
    registered_on: dt.date,
) -> FeeBreakdown:
    """Return the registration fee of a lease at ``monthly_rent`` for ``months``.

    Raises:
        InvalidComponent: ``months`` is not 1 or more (``cli.fee.months``).
        ValidationError, DomainRuleError: the rent or dates (the lease rules' own errors).
    """
    from municipal_core.leases import fee_for_rent
    from municipal_core.money import Money

    profile = resolve(jurisdiction)
    if months < 1:
        raise InvalidComponent(
            "The term must be one month or more.",
            "يجب أن تكون المدة شهرًا واحدًا أو أكثر.",
            code="cli.fee.months",
            field="months",
        )
    rent = Money.parse(monthly_rent, profile.currency)
    return fee_for_rent(
        rent * months, jurisdiction=profile, signed_on=signed_on, registered_on=registered_on
    )


def permit_fee_for(jurisdiction: str, kind: str, area: Decimal, on: dt.date) -> FeeBreakdown:
    """Return the fee of an Omani building permit of ``kind`` for ``area`` m².

    Raises:
        InvalidComponent: a jurisdiction without building permits (``cli.fee.permit``).

    Examples:
        >>> permit_fee_for("om-sohar", "minor", Decimal(80), dt.date(2026, 1, 1)).total
        Money('2.100', 'OMR')
    """
    from municipal_core.licensing import permit_fee

    profile = resolve(jurisdiction)
    if profile.country != "OM":
        raise InvalidComponent(
            "Building permit fees are those of Oman's portal; use om-sohar.",
            "رسوم إباحة البناء خاصة ببوابة سلطنة عُمان؛ استخدم om-sohar.",
            code="cli.fee.permit",
            field="jurisdiction",
        )
    return permit_fee(kind, area, jurisdiction=profile, on=on)


def _today(jurisdiction: str) -> dt.date:
    # The one read of the wall clock: a command line's "today" is the user's today in
    # the portal's time zone; library functions below get the date explicitly.
    return SystemClock(resolve(jurisdiction).timezone).today()


def add_parser(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``fee lease`` and ``fee permit`` to the command's subparsers."""
    fee = commands.add_parser("fee", help="fee breakdowns")
    kinds = fee.add_subparsers(dest="fee_kind", metavar="lease|permit", required=True)
    lease = kinds.add_parser("lease", parents=parents, help="lease registration fee")
    lease.add_argument("--jurisdiction", default="om-sohar")
    lease.add_argument("--rent", required=True, help="monthly rent, e.g. 350.250")
    lease.add_argument("--months", required=True, type=int, help="term in months")
    lease.add_argument("--start", help="first day (YYYY-MM-DD); default today")
    lease.add_argument("--signed", help="signing day; default the start")
    lease.add_argument("--registered", help="registration day; default the signing day")
    lease.set_defaults(run=run)
    permit = kinds.add_parser("permit", parents=parents, help="Omani building permit fee")
    permit.add_argument("--jurisdiction", default="om-sohar")
    permit.add_argument("--kind", default="major", help="major (default) or minor")
    permit.add_argument("--area", required=True, help="built area in m²")
    permit.add_argument("--on", help="application day (YYYY-MM-DD); default today")
    permit.set_defaults(run=run)


def _breakdown(args: argparse.Namespace) -> FeeBreakdown:
    if args.fee_kind == "permit":
        on = parse_date(args.on, field="on") if args.on else _today(args.jurisdiction)
        return permit_fee_for(
            args.jurisdiction, args.kind, parse_decimal(args.area, field="area"), on
        )
    start = parse_date(args.start, field="start") if args.start else _today(args.jurisdiction)
    signed = parse_date(args.signed, field="signed") if args.signed else start
    registered = parse_date(args.registered, field="registered") if args.registered else signed
    return lease_fee(
        args.jurisdiction, args.rent, args.months, signed_on=signed, registered_on=registered
    )


def run(args: argparse.Namespace, out: Output) -> ExitCode:
    """Run ``municipal fee lease|permit`` with parsed ``args``."""
    from municipal_core.serialization import to_dict

    breakdown = _breakdown(args)
    lines = [
        f"{(line.name_ar if out.lang == 'ar' else line.name_en)}: {line.amount.format(out.lang)}"
        for line in breakdown.lines
    ]
    lines.append(f"{label('total', out.lang)}: {breakdown.total.format(out.lang)}")
    return out.result({"fee": args.fee_kind, "breakdown": to_dict(breakdown)}, lines)
