"""A portal back end on municipal_core, framework-neutral (docs/cookbook/web-portal.md).

Each handler takes what a web framework hands over (a JSON body, query values, the
requested language) and returns ``(HTTP status, JSON body)``; wiring one into Flask,
Django, FastAPI or a Lambda is one line. Run it to see the handlers answer:

    python examples/web_portal.py
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any

# --8<-- [start:wiring]
import attrs

from municipal_core.accounts import (
    InMemoryAccountStore,
    InMemoryNotifier,
    PasswordHasher,
    PersonName,
    RegistrationForm,
    activate,
    register,
)
from municipal_core.clock import Clock, FixedClock
from municipal_core.errors import ConflictError, DuplicateError, MunicipalError, NotFound
from municipal_core.jurisdictions import Jurisdiction, resolve
from municipal_core.leases import fee_for_rent
from municipal_core.money import Money
from municipal_core.registry import (
    SQLiteTransactionStore,
    TransactionStore,
    lookup,
    open_transaction,
)
from municipal_core.serialization import from_dict, to_dict

Response = tuple[int, dict[str, Any]]


@attrs.define
class Portal:
    """What every handler needs; built once when the application starts."""

    jurisdiction: Jurisdiction
    transactions: TransactionStore  # SQLiteTransactionStore or PostgresTransactionStore
    accounts: InMemoryAccountStore  # your AccountStore over your own database
    notifier: InMemoryNotifier  # your SMS / e-mail gateway
    secret: bytes  # the key activation codes are hashed with (from your secret store)
    clock: Clock  # SystemClock(tz) in production, FixedClock in tests

    def ports(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "store": self.accounts,
            "key": self.secret,
            "clock": self.clock,
        }


def open_portal(database: str, secret: bytes, clock: Clock) -> Portal:
    # One store for the whole process: it is thread-safe. With several app servers use
    # PostgresTransactionStore("postgresql://...", schema="sohar_registry") instead.
    return Portal(
        jurisdiction=resolve("om-sohar"),
        transactions=SQLiteTransactionStore(database),
        accounts=InMemoryAccountStore(),
        notifier=InMemoryNotifier(),
        secret=secret,
        clock=clock,
    )


# --8<-- [end:wiring]


# --8<-- [start:errors]
_STATUS = {NotFound: 404, DuplicateError: 409, ConflictError: 409}


def error_response(exc: MunicipalError, lang: str) -> Response:
    """Every typed error becomes one JSON shape; the message in the user's language."""
    status = next((code for cls, code in _STATUS.items() if isinstance(exc, cls)), 422)
    body = {
        "code": exc.code,
        "field": exc.field,
        "message": exc.message("ar" if lang == "ar" else "en"),
    }
    return status, {"error": body}


def handler(func: Any) -> Any:
    """Turn typed errors raised by a handler into responses (a framework's error hook)."""

    def wrapped(portal: Portal, *args: Any, lang: str = "ar", **kwargs: Any) -> Response:
        try:
            result: Response = func(portal, *args, **kwargs)
        except MunicipalError as exc:
            return error_response(exc, lang)
        return result

    return wrapped


# --8<-- [end:errors]


# --8<-- [start:handlers]
@handler
def post_account(portal: Portal, body: dict[str, Any]) -> Response:
    """POST /accounts -- register; the activation code goes out by SMS."""
    form = RegistrationForm(
        account_type=body["account_type"],
        name=PersonName.parse(body["name"]),
        mobile=body["mobile"],
        email=body["email"],
        password=body["password"],
        confirmation=body["confirmation"],
        identifiers=body["identifiers"],
        terms_version=body["terms_version"],
    )
    account = register(form, hasher=PasswordHasher(), notifier=portal.notifier, **portal.ports())
    portal.transactions.add(
        open_transaction(
            account.account_id,
            "account_registration",
            jurisdiction=portal.jurisdiction,
            applicant_name=body["name"],
            keys=[("phone", account.mobile)],
            at=portal.clock.now(),
        )
    )
    return 201, {"account_id": account.account_id, "status": account.status.value}


@handler
def post_activation(portal: Portal, account_id: str, code: str) -> Response:
    """POST /accounts/{id}/activation -- the code the user received."""
    account = portal.accounts.get(account_id)
    account, result = activate(account, code, **portal.ports())
    return (200 if result.ok else 422), {
        "status": account.status.value,
        "outcome": result.outcome.value,
    }


@handler
def get_transactions(portal: Portal, by: str, number: str) -> Response:
    """GET /transactions?by=phone&number=... -- as the user typed it, any digits."""
    page = lookup(portal.transactions, by, number, jurisdiction=portal.jurisdiction)
    return 200, {
        "items": [
            {
                "reference": t.reference,
                "kind": t.kind.value,
                "status": t.status.label_ar,
                "status_en": t.status.label_en,
            }
            for t in page.items
        ],
        "next": page.next_cursor,
    }


@handler
def post_lease_fee(portal: Portal, body: dict[str, Any]) -> Response:
    """POST /fees/lease -- the registration fee a contract will cost."""
    # Text from the request goes through the library's own readers, so a bad amount or
    # date is a typed error (422) like any other; missing fields are the framework's
    # request validation's business.
    rent = Money.parse(body["monthly_rent"], portal.jurisdiction.currency)
    fee = fee_for_rent(
        rent * int(body["months"]),
        jurisdiction=portal.jurisdiction,
        signed_on=from_dict(body["signed_on"], dt.date),
        registered_on=portal.clock.today(),
    )
    return 200, to_dict(fee)


# --8<-- [end:handlers]


def main() -> dict[str, Response]:
    """Call each handler as a framework would, and return what they answered."""
    clock = FixedClock(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc))
    with tempfile.TemporaryDirectory() as folder:
        portal = open_portal(
            str(Path(folder) / "portal.sqlite"), b"a 32-byte secret from a vault!!", clock
        )
        body = {
            "account_type": "om.citizen",
            "name": "سالم بن علي بن حمد الحارثي",
            "mobile": "9123 4567",
            "email": "salim@example.om",
            "password": "Sohar-2026x",
            "confirmation": "Sohar-2026x",
            "identifiers": {"civil_number": "12345678"},
            "terms_version": "2026-01",
        }
        answers = {"register": post_account(portal, body)}
        answers["register again"] = post_account(portal, body, lang="en")
        account_id = answers["register"][1]["account_id"]
        code = re.search(r"\d{6}", portal.notifier.outbox[-1].body)
        answers["activate"] = post_activation(portal, account_id, code.group() if code else "")
        answers["look up"] = get_transactions(portal, "phone", "٩١٢٣٤٥٦٧")
        answers["bad phone"] = get_transactions(portal, "phone", "12", lang="en")
        answers["bad date"] = post_lease_fee(
            portal, {"monthly_rent": "350.250", "months": 12, "signed_on": "20/02/2026"}, lang="en"
        )
        answers["fee"] = post_lease_fee(
            portal, {"monthly_rent": "350.250", "months": 12, "signed_on": "2026-02-20"}
        )
        portal.transactions.close()
    for name, (status, reply) in answers.items():
        print(f"{name:>15}: {status} {reply}")
    return answers


if __name__ == "__main__":
    main()
