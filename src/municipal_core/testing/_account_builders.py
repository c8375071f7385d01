"""Builders for accounts: a valid registration form, and an account registered and activated.

The form's identifiers follow the account type's own requirements (a Saudi citizen gets a
national ID starting with 1, a resident an iqama, an Omani company a CR and its
representative's civil number), so host-registered account types work too. The account
goes through the real :func:`~municipal_core.accounts.register` and
:func:`~municipal_core.accounts.activate` with in-memory ports: what the kit hands out is
what the library would have made.

Examples:
    >>> from municipal_core.testing._context import BuildContext
    >>> account = build_account(BuildContext(seed=3))
    >>> account.status.value, account.account_type, account.jurisdiction
    ('ACTIVE', 'om.citizen', 'om-sohar')
"""

from __future__ import annotations

import re
from typing import Any

from municipal_core.accounts._account import Account
from municipal_core.accounts._messages import Channel
from municipal_core.accounts._passwords import PasswordHasher
from municipal_core.accounts._ports import AccountStore, InMemoryAccountStore, InMemoryNotifier
from municipal_core.accounts._registration import RegistrationForm, activate, register
from municipal_core.accounts._types import AccountType, IdentifierRequirement, account_types
from municipal_core.errors import NotFound
from municipal_core.identifiers import get_module
from municipal_core.testing import _generators as gen
from municipal_core.testing._context import BuildContext, construct

__all__ = [
    "KIT_KEY",
    "KIT_PASSWORD",
    "build_account",
    "build_registration_form",
    "default_account_type",
    "generate_identifier",
]

KIT_PASSWORD = "Kit-Passw0rd-2026"
"""The password of every kit account (meets both portals' policies)."""

KIT_KEY = b"municipal-core-testing-kit-key-32b"
"""The activation-code key the kit's accounts are registered with."""

_DEFAULT_TYPE = {"om-sohar": "om.citizen", "sa-balady": "sa.citizen"}
_CODE_RE = re.compile(r"\b\d{6}\b")


def default_account_type(ctx: BuildContext) -> str:
    """Return the account type the kit registers in ``ctx``'s jurisdiction.

    The shipped profiles' citizen type; for a host profile, its first account type.

    Examples:
        >>> default_account_type(BuildContext(jurisdiction="sa-balady"))
        'sa.citizen'
    """
    code = ctx.jurisdiction.code
    return _DEFAULT_TYPE.get(code) or account_types(ctx.jurisdiction)[0].code


def generate_identifier(ctx: BuildContext, requirement: IdentifierRequirement) -> str:
    """Return a valid value for one identifier an account type asks for.

    The requirement's first identifier kind decides; a Saudi ID requirement for a
    resident gets an iqama, for a citizen (or either) a national ID.

    Examples:
        >>> from municipal_core.accounts import account_type
        >>> iqama = account_type("sa-balady", "sa.resident").identifiers[0]
        >>> generate_identifier(BuildContext(), iqama)[0]
        '2'
    """
    kind = requirement.kinds[0]
    if kind == "sa.national_id":
        return gen.iqama(ctx.rng) if requirement.holder == "resident" else gen.national_id(ctx.rng)
    if kind == "sa.commercial_registration":
        return gen.unified_number(ctx.rng)
    return get_module(kind).generate(ctx.rng)


def _account_type(ctx: BuildContext, code: str) -> AccountType:
    for kind in account_types(ctx.jurisdiction):
        if kind.code == code:
            return kind
    raise NotFound(
        "The jurisdiction has no account type of that code.",
        "لا يوجد نوع حساب بهذا الرمز في هذه الجهة.",
        code="testing.account.type",
        field="account_type",
    )


def build_registration_form(ctx: BuildContext, **overrides: Any) -> RegistrationForm:
    """Return a valid :class:`~municipal_core.accounts.RegistrationForm` for ``ctx``.

    Every field is overridable by keyword; ``jurisdiction=`` builds for another profile
    and ``account_type=`` picks the type whose identifiers are generated.

    Raises:
        NotFound: an account type the jurisdiction does not have.
        InvalidComponent: an unknown override (``testing.registration_form.override``).

    Examples:
        >>> form = build_registration_form(BuildContext(), account_type="om.expatriate")
        >>> form.account_type, dict(form.identifiers).keys() == {"civil_number"}
        ('om.expatriate', True)
    """
    ctx = ctx.within(overrides.pop("jurisdiction", None))
    kind = _account_type(ctx, overrides.pop("account_type", None) or default_account_type(ctx))
    region = ctx.jurisdiction.phone_region
    count = ctx.rng.randrange(1000, 10000)
    defaults: dict[str, Any] = {
        "account_type": kind.code,
        "name": gen.person_name(ctx.rng),
        "mobile": gen.mobile(ctx.rng, region, local=True),
        "email": f"user{count}@example.com",
        "password": KIT_PASSWORD,
        "confirmation": KIT_PASSWORD,
        "identifiers": {req.field: generate_identifier(ctx, req) for req in kind.identifiers},
        "terms_version": "2026-01",
        "username": f"user{count}" if kind.username_required else None,
        "birth_date": (
            ctx.today().replace(year=ctx.today().year - 30 - ctx.rng.randrange(30), day=1)
            if kind.birth_date_calendar is not None
            else None
        ),
        "lang": "ar",
    }
    return construct(RegistrationForm, defaults, overrides, family="registration_form")


def build_account(
    ctx: BuildContext,
    *,
    store: AccountStore | None = None,
    active: bool = True,
    **overrides: Any,
) -> Account:
    """Register an account with a kit form (``overrides`` go to the form) and activate it.

    Args:
        ctx: the build context (its clock dates the registration).
        store: where the account is added; a fresh in-memory store when ``None``.
        active: activate it with the code the in-memory notifier received (the default),
            or leave it pending activation.
        **overrides: fields of the :class:`~municipal_core.accounts.RegistrationForm`.

    Raises:
        DuplicateError: ``store`` already holds an account with one of its identifiers.

    Examples:
        >>> ctx = BuildContext(jurisdiction="sa-balady")
        >>> account = build_account(ctx, account_type="sa.resident", active=False)
        >>> account.status.value, account.identifier("iqama")[0]
        ('PENDING_ACTIVATION', '2')
    """
    form = build_registration_form(ctx, **overrides)
    ctx = ctx.within(overrides.get("jurisdiction"))
    store = InMemoryAccountStore() if store is None else store
    notifier = InMemoryNotifier()
    ports: dict[str, Any] = {
        "jurisdiction": ctx.jurisdiction,
        "store": store,
        "key": KIT_KEY,
        "clock": ctx.clock,
    }
    # A cheap scrypt cost: the kit's passwords guard nothing, and tests register many.
    account = register(
        form,
        hasher=PasswordHasher(log2_n=4),
        notifier=notifier,
        account_id=ctx.number("ACC"),
        **ports,
    )
    if not active:
        return account
    sms = [m.body for m in notifier.outbox if m.channel is Channel.SMS]
    found = _CODE_RE.search(sms[-1])
    assert found is not None  # register() always sends the code by SMS
    account, _result = activate(account, found.group(), **ports)
    return account
