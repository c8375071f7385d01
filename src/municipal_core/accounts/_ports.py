"""Ports the host application plugs in (``typing.Protocol`` classes), each with an in-memory twin.

Registration and sign-in never reach a network or a database themselves: they call

* :class:`CaptchaVerifier` -- is this captcha answer right? (Balady asks twice);
* :class:`IdentityRegistry` -- the identity record for an ID number and birth date
  (Absher / Yakeen in Saudi Arabia; the Royal Oman Police civil registry);
* :class:`Notifier` -- send an SMS or an e-mail;
* :class:`AccountStore` -- save and find accounts, refusing duplicates atomically;
* :class:`ThrottleStore` -- sign-in failure counters.

The ``InMemory*`` classes implement each for tests and demos; they are thread-safe (one
lock each) and keep nothing outside the process.

Uniqueness in :class:`InMemoryAccountStore` (a host's database must enforce the same with
unique indexes): the mobile, the e-mail (compared case-insensitively, as every mail
provider does), the username and every identifier field **except** the organisation
fields in :data:`SHARED_IDENTIFIER_FIELDS` (``cr``, ``engineering_licence``): several
staff of one company or office each hold their own account under the company's CR, so a
CR is not one person's. A store serves one portal (one jurisdiction).

Examples:
    >>> captcha = InMemoryCaptcha(tokens=("t-1",))
    >>> import datetime as dt
    >>> at = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
    >>> captcha.verify("t-1", at=at), captcha.verify("t-1", at=at)  # single use
    (True, False)
    >>> isinstance(captcha, CaptchaVerifier)
    True
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterable
from typing import Protocol, runtime_checkable

import attrs

from municipal_core.accounts._account import Account, checked
from municipal_core.accounts._messages import OutgoingMessage, contact_repr, hidden_repr
from municipal_core.accounts._names import PersonName
from municipal_core.accounts._throttle import ThrottleState
from municipal_core.errors import ConflictError, DuplicateError, NotFound
from municipal_core.identifiers._util import mask_tail

__all__ = [
    "SHARED_IDENTIFIER_FIELDS",
    "AccountStore",
    "CaptchaVerifier",
    "IdentityRecord",
    "IdentityRegistry",
    "InMemoryAccountStore",
    "InMemoryCaptcha",
    "InMemoryIdentityRegistry",
    "InMemoryNotifier",
    "InMemoryThrottleStore",
    "Notifier",
    "ThrottleStore",
    "duplicate_error",
    "unique_keys",
]

SHARED_IDENTIFIER_FIELDS = frozenset({"cr", "engineering_licence"})
"""Identifier form fields several accounts may share (the organisation's numbers)."""


@runtime_checkable
class CaptchaVerifier(Protocol):
    """Checks a captcha answer (reCAPTCHA, hCaptcha, an in-house image...)."""

    def verify(self, token: str, *, at: dt.datetime) -> bool:
        """Return whether ``token`` is a right, unused answer at ``at``."""
        ...


class InMemoryCaptcha:
    """A captcha double: a set of valid single-use tokens, or ``accept_all`` for demos.

    Examples:
        >>> at = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> InMemoryCaptcha(accept_all=True).verify("anything", at=at)
        True
        >>> c = InMemoryCaptcha()
        >>> c.add("abc"); c.verify("abc", at=at), c.verify("xyz", at=at)
        (True, False)
    """

    def __init__(self, tokens: Iterable[str] = (), *, accept_all: bool = False) -> None:
        self._tokens = set(tokens)
        self._accept_all = accept_all
        self._lock = threading.Lock()

    def add(self, token: str) -> None:
        """Make ``token`` a valid answer, once."""
        with self._lock:
            self._tokens.add(token)

    def verify(self, token: str, *, at: dt.datetime) -> bool:
        """Return whether ``token`` is valid, and use it up."""
        if self._accept_all:
            return isinstance(token, str) and bool(token)
        with self._lock:
            if token in self._tokens:
                self._tokens.discard(token)
                return True
            return False


_RECORD = "accounts.identity"
_checks = {
    "id_number": checked(
        lambda v: isinstance(v, str) and bool(re.fullmatch(r"[0-9]{1,20}", v)),
        "digits",
        "أرقامًا",
        code=_RECORD,
    ),
    "nationality": checked(
        lambda v: isinstance(v, str) and bool(re.fullmatch(r"[A-Z]{2}", v)),
        "an ISO 3166 alpha-2 code such as SA",
        "رمزًا من حرفين وفق ISO 3166 مثل SA",
        code=_RECORD,
    ),
    "optional_text": checked(
        lambda v: v is None or (isinstance(v, str) and bool(v.strip())),
        "text or absent",
        "نصًا أو فارغًا",
        code=_RECORD,
    ),
    "birth_date": checked(
        lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime),
        "a date",
        "تاريخًا",
        code=_RECORD,
    ),
    "name": checked(
        lambda v: isinstance(v, PersonName), "a PersonName", "من النوع PersonName", code=_RECORD
    ),
}


def _masked(value: str) -> str:
    return repr(mask_tail(value))


@attrs.frozen
class IdentityRecord:
    """What an identity registry knows about a person; the registration pre-fill.

    Attributes:
        id_number: national ID, iqama or civil number (digits).
        name: the registered name.
        birth_date: Gregorian birth date.
        nationality: ISO 3166 alpha-2 code (``"SA"``, ``"EG"``).
        gender: ``"male"``/``"female"`` or ``None`` when not given.
        mobile: the mobile on file (E.164), if any.
        email: the e-mail on file, if any.

    Examples:
        >>> record = IdentityRecord("1000000008", PersonName.parse("سارة القحطاني"),
        ...                         dt.date(1990, 5, 17), "SA", mobile="+966501234567")
        >>> record  # the repr masks the ID and the mobile and hides the birth date
        IdentityRecord(id_number='******0008', name=..., birth_date='<hidden>', \
nationality='SA', gender=None, mobile='+9665******67', email=None)
    """

    id_number: str = attrs.field(validator=_checks["id_number"], repr=_masked)
    name: PersonName = attrs.field(validator=_checks["name"])
    birth_date: dt.date = attrs.field(validator=_checks["birth_date"], repr=hidden_repr)
    nationality: str = attrs.field(validator=_checks["nationality"])
    gender: str | None = attrs.field(default=None, validator=_checks["optional_text"])
    mobile: str | None = attrs.field(
        default=None, validator=_checks["optional_text"], repr=contact_repr
    )
    email: str | None = attrs.field(
        default=None, validator=_checks["optional_text"], repr=contact_repr
    )


@runtime_checkable
class IdentityRegistry(Protocol):
    """Looks a person up by ID number and birth date (both must match)."""

    def lookup(self, id_number: str, birth_date: dt.date) -> IdentityRecord | None:
        """Return the record, or ``None`` when no person has that ID and birth date."""
        ...


class InMemoryIdentityRegistry:
    """An identity registry double holding :class:`IdentityRecord` values.

    Examples:
        >>> record = IdentityRecord("2000000006", PersonName.parse("أحمد محمود"),
        ...                         dt.date(1985, 1, 2), "EG")
        >>> registry = InMemoryIdentityRegistry([record])
        >>> registry.lookup("2000000006", dt.date(1985, 1, 2)) == record
        True
        >>> registry.lookup("2000000006", dt.date(1985, 1, 3)) is None  # both must match
        True
    """

    def __init__(self, records: Iterable[IdentityRecord] = ()) -> None:
        self._records = {r.id_number: r for r in records}
        self._lock = threading.Lock()

    def add(self, record: IdentityRecord) -> None:
        """Add or replace the record of ``record.id_number``."""
        with self._lock:
            self._records[record.id_number] = record

    def lookup(self, id_number: str, birth_date: dt.date) -> IdentityRecord | None:
        """Return the record when both the ID and the birth date match, else ``None``."""
        with self._lock:
            found = self._records.get(id_number)
        return found if found is not None and found.birth_date == birth_date else None


@runtime_checkable
class Notifier(Protocol):
    """Sends a rendered message by SMS or e-mail."""

    def send(self, message: OutgoingMessage) -> None:
        """Send ``message`` (or queue it); raise on a failure the caller should see."""
        ...


class InMemoryNotifier:
    """A notifier double: keeps every message it is given in :attr:`outbox`.

    Examples:
        >>> from municipal_core.accounts._messages import Channel
        >>> notifier = InMemoryNotifier()
        >>> notifier.send(OutgoingMessage(Channel.SMS, "+96891234567", "", "Hello", "en"))
        >>> [m.body for m in notifier.outbox]
        ['Hello']
    """

    def __init__(self) -> None:
        self._outbox: list[OutgoingMessage] = []
        self._lock = threading.Lock()

    def send(self, message: OutgoingMessage) -> None:
        """Append ``message`` to the outbox."""
        with self._lock:
            self._outbox.append(message)

    @property
    def outbox(self) -> tuple[OutgoingMessage, ...]:
        """Every message sent so far, oldest first."""
        with self._lock:
            return tuple(self._outbox)


@runtime_checkable
class AccountStore(Protocol):
    """Where accounts live. ``add`` and ``replace`` must be atomic with their checks."""

    def add(self, account: Account) -> None:
        """Store a new account; ``DuplicateError`` if a unique value is taken."""
        ...

    def get(self, account_id: str) -> Account:
        """Return the account, or raise ``NotFound``."""
        ...

    def find(self, key: str, value: str) -> Account | None:
        """Return the account whose ``key`` equals the normalised ``value``, or ``None``.

        ``key`` is ``"phone"``, ``"email"``, ``"username"`` or an identifier form field.
        """
        ...

    def replace(self, account: Account, *, expected_version: int) -> Account:
        """Save ``account`` if the stored version is ``expected_version``.

        Returns the account as stored (version bumped); ``ConflictError`` otherwise.
        """
        ...


def unique_keys(account: Account) -> dict[str, str]:
    """Return the ``key -> value`` pairs of ``account`` that must be unique in a store.

    The keys are those :meth:`AccountStore.find` takes: ``"phone"``, ``"email"`` (lower
    case), ``"username"`` and every identifier field not in
    :data:`SHARED_IDENTIFIER_FIELDS`. A database store puts a unique index on each.
    """
    keys = {"phone": account.mobile, "email": account.email.lower()}
    if account.username is not None:
        keys["username"] = account.username
    for field, value in account.identifiers:
        if field not in SHARED_IDENTIFIER_FIELDS:
            keys[field] = value
    return keys


def duplicate_error(key: str) -> DuplicateError:
    """Return the error for a taken unique ``key``; the message never shows the value.

    Examples:
        >>> duplicate_error("phone").message_en
        'An account with this mobile number already exists.'
    """
    labels = {
        "phone": ("mobile number", "رقم الجوال"),
        "email": ("e-mail address", "البريد الإلكتروني"),
        "username": ("username", "اسم المستخدم"),
    }
    label_en, label_ar = labels.get(key, ("identity number", "رقم الهوية"))
    return DuplicateError(
        f"An account with this {label_en} already exists.",
        f"يوجد حساب مسجل بهذا {label_ar}.",
        code=f"accounts.duplicate.{key}",
        field=key,
    )


def _no_account() -> NotFound:
    return NotFound(
        "No such account.", "الحساب غير موجود.", code="accounts.not_found", field="account_id"
    )


class InMemoryAccountStore:
    """A thread-safe in-memory :class:`AccountStore` with a unique index.

    Examples:
        >>> store = InMemoryAccountStore()
        >>> store.find("phone", "+96891234567") is None
        True
        >>> store.get("nobody")
        Traceback (most recent call last):
            ...
        municipal_core.errors.NotFound: No such account.
    """

    def __init__(self) -> None:
        self._accounts: dict[str, Account] = {}
        self._index: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def _clash(self, keys: dict[str, str], account_id: str) -> str | None:
        for key, value in keys.items():
            owner = self._index.get((key, value))
            if owner is not None and owner != account_id:
                return key
        return None

    def add(self, account: Account) -> None:
        """Store a new account, refusing a taken id or unique value; nothing on error."""
        keys = unique_keys(account)
        with self._lock:
            if account.account_id in self._accounts:
                raise DuplicateError(
                    "An account with this id already exists.",
                    "يوجد حساب بهذا المعرّف.",
                    code="accounts.duplicate.account_id",
                    field="account_id",
                )
            clash = self._clash(keys, account.account_id)
            if clash is not None:
                raise duplicate_error(clash)
            self._accounts[account.account_id] = account
            for key, value in keys.items():
                self._index[(key, value)] = account.account_id

    def get(self, account_id: str) -> Account:
        """Return the account stored under ``account_id``, or raise ``NotFound``."""
        with self._lock:
            found = self._accounts.get(account_id)
        if found is None:
            raise _no_account()
        return found

    def find(self, key: str, value: str) -> Account | None:
        """Return the account with ``key == value`` (e-mail case-insensitive), or ``None``."""
        if key == "email" and isinstance(value, str):
            value = value.lower()
        with self._lock:
            owner = self._index.get((key, value))
            return None if owner is None else self._accounts[owner]

    def replace(self, account: Account, *, expected_version: int) -> Account:
        """Save ``account`` over the stored one at ``expected_version``; return the saved one."""
        keys = unique_keys(account)
        with self._lock:
            current = self._accounts.get(account.account_id)
            if current is None:
                raise _no_account()
            if current.version != expected_version:
                raise ConflictError(
                    "The account changed since it was read; reload it and try again.",
                    "تغيّر الحساب منذ قراءته؛ أعد تحميله وحاول مرة أخرى.",
                    code="accounts.conflict",
                    field="version",
                )
            clash = self._clash(keys, account.account_id)
            if clash is not None:
                raise duplicate_error(clash)
            saved = attrs.evolve(account, version=expected_version + 1)
            for key, value in unique_keys(current).items():
                del self._index[(key, value)]
            for key, value in keys.items():
                self._index[(key, value)] = account.account_id
            self._accounts[account.account_id] = saved
            return saved


@runtime_checkable
class ThrottleStore(Protocol):
    """Keeps a :class:`ThrottleState` per sign-in key."""

    def get(self, key: str) -> ThrottleState:
        """Return the state for ``key`` (an empty state when none is kept)."""
        ...

    def put(self, key: str, state: ThrottleState) -> None:
        """Keep ``state`` for ``key``."""
        ...


class InMemoryThrottleStore:
    """A thread-safe in-memory :class:`ThrottleStore`; an empty state is not kept.

    Examples:
        >>> store = InMemoryThrottleStore()
        >>> at = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> store.put("k", ThrottleState((at,)))
        >>> store.get("k").failures == (at,), store.get("other") == ThrottleState()
        (True, True)
    """

    def __init__(self) -> None:
        self._states: dict[str, ThrottleState] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> ThrottleState:
        """Return the state kept for ``key``, or an empty one."""
        with self._lock:
            return self._states.get(key) or ThrottleState()

    def put(self, key: str, state: ThrottleState) -> None:
        """Keep ``state`` for ``key`` (forget the key when the state is empty)."""
        with self._lock:
            if state == ThrottleState():
                self._states.pop(key, None)
            else:
                self._states[key] = state
