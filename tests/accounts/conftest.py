"""Shared set-up for the registration, activation and sign-in tests: one portal's ports."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, ClassVar

import attrs
import pytest

from municipal_core.accounts import (
    Account,
    Channel,
    IdentityRecord,
    InMemoryAccountStore,
    InMemoryCaptcha,
    InMemoryIdentityRegistry,
    InMemoryNotifier,
    InMemoryThrottleStore,
    PasswordHasher,
    PersonName,
    RegistrationForm,
    register,
)
from municipal_core.clock import FixedClock
from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY, Jurisdiction

KEY = b"test-secret-key-of-32-bytes-long"
T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)
PASSWORD = "Sohar-2026x"
CITIZEN_ID, RESIDENT_ID = "1000000008", "2000000006"


@attrs.define
class Portal:
    """One portal's ports, wired the way a host app would wire them.

    Test modules cannot import this file (importlib mode), so the constants they need
    travel as class attributes of the ``oman``/``saudi``/``new_portal`` fixtures' values.
    """

    KEY: ClassVar[bytes] = KEY
    T0: ClassVar[dt.datetime] = T0
    PASSWORD: ClassVar[str] = PASSWORD
    CITIZEN_ID: ClassVar[str] = CITIZEN_ID
    RESIDENT_ID: ClassVar[str] = RESIDENT_ID

    jurisdiction: Jurisdiction
    store: InMemoryAccountStore = attrs.Factory(InMemoryAccountStore)
    notifier: InMemoryNotifier = attrs.Factory(InMemoryNotifier)
    throttle: InMemoryThrottleStore = attrs.Factory(InMemoryThrottleStore)
    clock: FixedClock = attrs.Factory(lambda: FixedClock(T0))
    hasher: PasswordHasher = attrs.Factory(lambda: PasswordHasher(log2_n=4))

    def register(self, form: RegistrationForm, account_id: str | None = None) -> Account:
        return register(
            form,
            jurisdiction=self.jurisdiction,
            store=self.store,
            hasher=self.hasher,
            notifier=self.notifier,
            key=KEY,
            clock=self.clock,
            account_id=account_id,
        )

    def ports(self) -> dict[str, Any]:
        """Keyword arguments for activate()."""
        return {
            "jurisdiction": self.jurisdiction,
            "store": self.store,
            "key": KEY,
            "clock": self.clock,
        }

    def last_code(self) -> str:
        sms = [m for m in self.notifier.outbox if m.channel is Channel.SMS]
        found = re.search(r"\b\d{6}\b", sms[-1].body)
        assert found is not None
        return found.group()


def build_oman_form(**changes: Any) -> RegistrationForm:
    values: dict[str, Any] = {
        "account_type": "om.citizen",
        "name": PersonName.parse("سالم بن علي بن حمد الحارثي", "Salim Ali Hamad Al Harthi"),
        "mobile": "9123 4567",
        "email": "salim@example.om",
        "password": PASSWORD,
        "confirmation": PASSWORD,
        "identifiers": {"civil_number": "12345678"},
        "terms_version": "2026-01",
        "lang": "en",
    }
    values.update(changes)
    return RegistrationForm(**values)


@pytest.fixture
def oman() -> Portal:
    return Portal(OM_SOHAR)


@pytest.fixture
def saudi() -> Portal:
    return Portal(SA_BALADY)


@pytest.fixture
def new_portal() -> type[Portal]:
    return Portal


@pytest.fixture
def oman_form() -> Callable[..., RegistrationForm]:
    return build_oman_form


@pytest.fixture
def registry() -> InMemoryIdentityRegistry:
    return InMemoryIdentityRegistry(
        [
            IdentityRecord(
                CITIZEN_ID,
                PersonName.parse("سارة بنت محمد بن علي القحطاني"),
                dt.date(1990, 5, 17),
                "SA",
                gender="female",
                mobile="+966501234567",
            ),
            IdentityRecord(
                RESIDENT_ID,
                PersonName.parse("أحمد محمود", "Ahmed Mahmoud"),
                dt.date(1985, 1, 2),
                "EG",
                email="ahmed@example.com",
            ),
        ]
    )


@pytest.fixture
def captcha() -> InMemoryCaptcha:
    return InMemoryCaptcha(accept_all=True)
