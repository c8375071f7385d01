"""One exception tree for the whole library, with bilingual messages and stable codes.

Every error raised by a public function of municipal_core is a :class:`MunicipalError`.
Each carries:

* ``code`` -- a stable, dotted machine code (``"sa.national_id.checksum"``) that a host
  application can map to its own messages or HTTP statuses;
* ``field`` -- the name of the input the error is about, or ``None``;
* ``message_en`` and ``message_ar`` -- human messages in English and Arabic.

``str(err)`` is the English message. Messages never contain a full identifier number
or a password: at most a masked form.

Validation errors also subclass :class:`ValueError` (as python-stdnum's do), so code that
already catches ``ValueError`` keeps working.

>>> from municipal_core.errors import InvalidChecksum, ValidationError
>>> err = InvalidChecksum(
...     "The check digit does not match.", "رقم التحقق غير مطابق.",
...     code="sa.national_id.checksum", field="national_id")
>>> isinstance(err, ValidationError), isinstance(err, ValueError)
(True, True)
>>> str(err)
'The check digit does not match.'
>>> err.to_dict()["code"]
'sa.national_id.checksum'
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

__all__ = [
    "ConflictError",
    "CurrencyMismatch",
    "DateOutOfRange",
    "DomainRuleError",
    "DuplicateError",
    "IllegalTransition",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "Language",
    "MunicipalError",
    "NotFound",
    "PermissionDenied",
    "RateLimited",
    "ValidationError",
    "WeakPassword",
    "WorkflowError",
]

Language = Literal["en", "ar"]
"""The two languages every message is written in."""


class MunicipalError(Exception):
    """Root of every error municipal_core raises.

    Args:
        message_en: the message in English; also ``str(err)``.
        message_ar: the same message in Arabic.
        code: a stable dotted code; defaults to the class's ``default_code``.
        field: the input field the error is about, if any.
    """

    default_code: ClassVar[str] = "error"
    extra_fields: ClassVar[tuple[str, ...]] = ()
    """Keyword arguments of a subclass's ``__init__`` kept when the error is pickled."""

    code: str
    field: str | None
    message_en: str
    message_ar: str

    def __init__(
        self,
        message_en: str,
        message_ar: str,
        *,
        code: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_ar = message_ar
        self.code = code if code is not None else self.default_code
        self.field = field

    def __str__(self) -> str:
        return self.message_en

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, field={self.field!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Exceptions pickle their positional args only; keep code, field and any extra
        # keyword fields a subclass names across process boundaries (task queues).
        extra = {name: getattr(self, name) for name in self.extra_fields}
        return (
            _rebuild,
            (type(self), self.message_en, self.message_ar, self.code, self.field, extra),
        )

    def message(self, lang: Language = "en") -> str:
        """Return the message in ``lang`` (``"en"`` or ``"ar"``).

        >>> MunicipalError("Not allowed.", "غير مسموح.").message("ar")
        'غير مسموح.'
        """
        return self.message_ar if lang == "ar" else self.message_en

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready mapping, for an API error response."""
        return {
            "code": self.code,
            "field": self.field,
            "message_en": self.message_en,
            "message_ar": self.message_ar,
        }


def _rebuild(
    cls: type[MunicipalError],
    message_en: str,
    message_ar: str,
    code: str,
    field: str | None,
    extra: dict[str, Any] | None = None,
) -> MunicipalError:
    # ``extra`` is absent from pickles written before subclasses had extra fields.
    return cls(message_en, message_ar, code=code, field=field, **(extra or {}))


class ValidationError(MunicipalError, ValueError):
    """An input value is not acceptable (wrong shape, length, checksum or part)."""

    default_code = "validation"


class InvalidFormat(ValidationError):
    """The value has the wrong type or characters, or does not match the expected shape."""

    default_code = "validation.format"


class InvalidLength(ValidationError):
    """The value has the wrong number of characters or digits."""

    default_code = "validation.length"


class InvalidChecksum(ValidationError):
    """The value's check digit does not match."""

    default_code = "validation.checksum"


class InvalidComponent(ValidationError):
    """A part of the value (a prefix, a region digit, a month) is not allowed."""

    default_code = "validation.component"


class DateOutOfRange(InvalidComponent):
    """A date lies outside the range a calendar or rule supports."""

    default_code = "validation.date_range"


class DomainRuleError(MunicipalError):
    """A well-formed request breaks a business rule (e.g. a lease of 7 years in Oman)."""

    default_code = "rule"


class CurrencyMismatch(DomainRuleError, TypeError):
    """Money of two different currencies met in one operation."""

    default_code = "money.currency_mismatch"


class NotFound(MunicipalError, LookupError):
    """A named thing (a jurisdiction, a transaction, a rule) does not exist."""

    default_code = "not_found"


class DuplicateError(DomainRuleError):
    """Something that must be unique already exists (a civil number, a payment reference)."""

    default_code = "duplicate"


class ConflictError(MunicipalError):
    """A record changed since it was read; the update was refused, nothing was overwritten."""

    default_code = "conflict"


class PermissionDenied(MunicipalError):
    """The actor's role may not perform the requested action."""

    default_code = "permission_denied"


class WorkflowError(MunicipalError):
    """A workflow definition or case is invalid."""

    default_code = "workflow"


class IllegalTransition(WorkflowError):
    """The action is not allowed from the case's current state."""

    default_code = "workflow.illegal_transition"


class WeakPassword(ValidationError):
    """A password breaks the jurisdiction's password policy.

    ``problems`` holds the stable code of every rule it breaks (``"password.too_short"``,
    ``"password.needs_digit"``...), so a form can mark each one; the messages list them all.
    The password itself is never stored on the error.
    """

    default_code = "password.policy"
    extra_fields = ("problems",)

    problems: tuple[str, ...]

    def __init__(
        self,
        message_en: str,
        message_ar: str,
        *,
        code: str | None = None,
        field: str | None = None,
        problems: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message_en, message_ar, code=code, field=field)
        self.problems = tuple(problems)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready mapping, with the list of broken rules."""
        return {**super().to_dict(), "problems": list(self.problems)}


class RateLimited(DomainRuleError):
    """Too many attempts or requests in a period; try again after ``retry_after``.

    Raised when an activation code is resent before its cool-down ends or too often in an
    hour, and by sign-in throttling. ``retry_after`` is how long until a retry can succeed
    (``None`` when unknown), so a host can set an HTTP ``Retry-After`` header.
    """

    default_code = "rate_limited"
    extra_fields = ("retry_after",)

    retry_after: dt.timedelta | None

    def __init__(
        self,
        message_en: str,
        message_ar: str,
        *,
        code: str | None = None,
        field: str | None = None,
        retry_after: dt.timedelta | None = None,
    ) -> None:
        super().__init__(message_en, message_ar, code=code, field=field)
        self.retry_after = retry_after

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready mapping; ``retry_after`` in whole seconds (rounded up)."""
        seconds = None
        if self.retry_after is not None:
            seconds = -int(-self.retry_after.total_seconds() // 1)
        return {**super().to_dict(), "retry_after": seconds}
