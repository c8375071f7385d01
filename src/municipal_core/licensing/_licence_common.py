"""Shared pieces of the licence and permit services: the DIGIT-style workflow and checks.

Every licence or permit of both portals follows the same shape, after eGov DIGIT's trade
licence (DOMAIN.md §7): ``APPLY`` -> document verification -> field inspection ->
approval -> payment -> ``ISSUED``, with send-back to the applicant, rejection (with a
reason), cancellation and expiry. :func:`licence_workflow` builds one such definition
per service, leaving out the steps a service does not have (a plan review has no field
inspection; a free service no payment), optionally letting applications that wait on
their applicant lapse (``lapses``) or an issued licence be revoked (``revocable``). The
small validators here keep the typed, bilingual errors of the licence models in one place.

Examples:
    >>> wf = licence_workflow("demo.licence")
    >>> [s.name for s in wf.states if s.is_terminal]
    ['EXPIRED', 'REJECTED', 'CANCELLED']
    >>> [a.name for a in wf.actions_from("ISSUED")]
    ['CANCEL', 'EXPIRE']
    >>> lapsing = licence_workflow("demo.permit", expires=False, lapses=True)
    >>> [a.name for a in lapsing.actions_from("PENDING_PAYMENT")]
    ['PAY', 'CANCEL', 'EXPIRE']
    >>> check_category(6)
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: The municipality category must be 1 to 5.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from municipal_core.billing import FeeKind, FeeRule
from municipal_core.dates import add_months, require_date
from municipal_core.errors import DomainRuleError, InvalidComponent, InvalidFormat
from municipal_core.jurisdictions import Confidence, Jurisdiction
from municipal_core.workflow import (
    CORRECTION_STATE,
    Action,
    State,
    WorkflowDefinition,
    with_send_back,
)

__all__ = [
    "LAPSING_STATES",
    "REVIEW_STATES",
    "LicenceStatus",
    "area_validator",
    "category_rate_rules",
    "category_validator",
    "check_area",
    "check_category",
    "check_text",
    "check_validity",
    "date_validator",
    "flag_validator",
    "licence_workflow",
    "require_model",
    "rule_count",
    "text_validator",
    "validity_end",
]

REVIEW_STATES = ("DOCUMENT_VERIFICATION", "FIELD_INSPECTION", "PENDING_APPROVAL")
"""The reviewing states; each may send an application back, or reject it."""

LAPSING_STATES = ("PENDING_PAYMENT", CORRECTION_STATE.name)
"""Where an application waits on the applicant; left there too long, it lapses (EXPIRE)."""


class LicenceStatus(str, enum.Enum):
    """Where an issued licence stands (expiry is a date on the licence, not a status)."""

    ACTIVE = "active"
    CANCELLED = "cancelled"
    """Cancelled by the holder."""
    REVOKED = "revoked"
    """Withdrawn by the municipality (e.g. the activity never started, DOMAIN.md §6)."""


_REVIEWERS = {
    "DOCUMENT_VERIFICATION": ("DOCUMENT_VERIFIER",),
    "FIELD_INSPECTION": ("FIELD_INSPECTOR",),
    "PENDING_APPROVAL": ("APPROVER",),
}


def licence_workflow(
    name: str,
    *,
    applicant_roles: Iterable[str] = ("CITIZEN",),
    inspection: bool = True,
    payment: bool = True,
    expires: bool = True,
    lapses: bool = False,
    revocable: bool = False,
) -> WorkflowDefinition:
    """Return a DIGIT-style licence workflow named ``name``.

    ``DRAFT -APPLY-> DOCUMENT_VERIFICATION -FORWARD-> FIELD_INSPECTION -FORWARD->
    PENDING_APPROVAL -APPROVE-> PENDING_PAYMENT -PAY-> ISSUED``; ``SEND_BACK`` (with a
    ``reason``) from each review state and ``RESUBMIT`` to document verification;
    ``REJECT`` (with a ``reason``) from review; ``CANCEL`` by the applicant before
    approval, while payment is pending, or of an issued licence; ``EXPIRE`` (role
    ``SYSTEM``) of an issued licence.

    Args:
        name: the workflow name, e.g. ``"sa.licence.commercial"``.
        applicant_roles: who applies, resubmits, pays and cancels.
        inspection: include the field inspection step.
        payment: include the payment step (``APPROVE`` then leads to ``PENDING_PAYMENT``).
        expires: an issued licence can expire or be cancelled; without it ``ISSUED`` is
            terminal (a one-off approval).
        lapses: ``EXPIRE`` (role ``SYSTEM``) also closes an application left in one of
            :data:`LAPSING_STATES` (unpaid, or not corrected) -- see ``_licence_lapse``.
        revocable: add ``REVOKE`` (role ``SYSTEM`` or ``APPROVER``) of an issued licence
            to ``REVOKED``, behind the guard ``revocation_due`` the caller supplies.

    Raises:
        WorkflowError: ``name`` or a role is not a valid workflow name.

    Examples:
        >>> wf = licence_workflow("plan", inspection=False, payment=False, expires=False)
        >>> [(a.name, a.to_state) for a in wf.actions_from("PENDING_APPROVAL")][:1]
        [('APPROVE', 'ISSUED')]
    """
    applicants = tuple(applicant_roles)
    review = tuple(s for s in REVIEW_STATES if inspection or s != "FIELD_INSPECTION")
    issued = "ISSUED"
    states = [
        State("DRAFT", "Draft", "مسودة", is_start=True),
        State("DOCUMENT_VERIFICATION", "Document verification", "تدقيق المستندات", sla_hours=48),
    ]
    actions = [
        Action("APPLY", ("DRAFT",), "DOCUMENT_VERIFICATION", (*applicants, "COUNTER_EMPLOYEE"))
    ]
    if inspection:
        states.append(
            State("FIELD_INSPECTION", "Field inspection", "الكشف الميداني", sla_hours=120)
        )
    states.append(State("PENDING_APPROVAL", "Pending approval", "بانتظار الاعتماد", sla_hours=48))
    # FORWARD moves each review desk to the next one; the last desk approves.
    for source, target in itertools.pairwise(review):
        actions.append(Action("FORWARD", (source,), target, _REVIEWERS[source]))
    cancellable = ["DRAFT", "DOCUMENT_VERIFICATION"]
    if payment:
        states.append(State("PENDING_PAYMENT", "Pending payment", "بانتظار السداد", sla_hours=168))
        actions.append(Action("APPROVE", ("PENDING_APPROVAL",), "PENDING_PAYMENT", ("APPROVER",)))
        actions.append(Action("PAY", ("PENDING_PAYMENT",), issued, (*applicants, "CASHIER")))
        cancellable.append("PENDING_PAYMENT")
    else:
        actions.append(Action("APPROVE", ("PENDING_APPROVAL",), issued, ("APPROVER",)))
    states.append(State(issued, "Issued", "صادرة", is_terminal=not (expires or revocable)))
    expired = State("EXPIRED", "Expired", "منتهية", is_terminal=True)
    if expires:
        states.append(expired)
        cancellable.append(issued)
    if revocable:
        states.append(State("REVOKED", "Revoked", "ملغاة بقرار", is_terminal=True))
        actions.append(
            Action("REVOKE", (issued,), "REVOKED", ("SYSTEM", "APPROVER"), guard="revocation_due")
        )
    states += [
        State("REJECTED", "Rejected", "مرفوض", is_terminal=True),
        State("CANCELLED", "Cancelled", "ملغى", is_terminal=True),
    ]
    reviewers = tuple(role for state in review for role in _REVIEWERS[state])
    actions.append(Action("REJECT", review, "REJECTED", reviewers, required_fields=("reason",)))
    actions.append(Action("CANCEL", tuple(cancellable), "CANCELLED", applicants))
    if expires:
        actions.append(Action("EXPIRE", (issued,), "EXPIRED", ("SYSTEM",)))
    definition = with_send_back(
        WorkflowDefinition(name, tuple(states), tuple(actions)),
        senders={state: _REVIEWERS[state] for state in review},
        resubmit_to="DOCUMENT_VERIFICATION",
        applicant_roles=applicants,
    )
    if not lapses:
        return definition
    # Lapsing is added after the send-back loop, whose correction state it leaves from.
    lapse = Action(
        "EXPIRE",
        tuple(s for s in LAPSING_STATES if s != "PENDING_PAYMENT" or payment),
        "EXPIRED",
        ("SYSTEM",),
    )
    return attrs.evolve(
        definition,
        states=definition.states if expires else (*definition.states, expired),
        actions=(*definition.actions, lapse),
    )


def check_category(value: object, *, code: str = "licence.category") -> int:
    """Return ``value`` if it is a Saudi municipality category, 1 to 5 (DOMAIN.md §6).

    Raises:
        InvalidComponent: not a whole number from 1 to 5 (code ``licence.category``).

    Examples:
        >>> check_category(1)
        1
    """
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise InvalidComponent(
            "The municipality category must be 1 to 5.",
            "يجب أن تكون فئة البلدية من 1 إلى 5.",
            code=code,
            field="category",
        )
    return value


def check_area(value: object, *, field: str, code: str = "licence.area") -> Decimal:
    """Return ``value`` (square metres) if it is a finite ``Decimal`` or ``int`` above 0.

    Raises:
        InvalidComponent: not a positive finite number (code ``licence.area``); a float
            is refused too, as areas price money.

    Examples:
        >>> check_area(Decimal("42.5"), field="shop_area")
        Decimal('42.5')
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    if not isinstance(value, Decimal) or not value.is_finite() or value <= 0:
        raise InvalidComponent(
            "The area must be a positive number of square metres (a Decimal).",
            "يجب أن تكون المساحة عددًا موجبًا من الأمتار المربعة (Decimal).",
            code=code,
            field=field,
        )
    return value


def check_text(value: object, *, field: str, code: str) -> str:
    """Return ``value`` stripped if it is non-empty text of at most 64 characters.

    Raises:
        InvalidFormat: empty, too long or not text (code ``code``).

    Examples:
        >>> check_text(" L-1 ", field="number", code="licence.number")
        'L-1'
    """
    if isinstance(value, str) and 0 < len(value.strip()) <= 64:
        return value.strip()
    raise InvalidFormat(
        f"The {field} must be non-empty text of at most 64 characters.",
        f"يجب أن يكون الحقل {field} نصًا غير فارغ لا يتجاوز 64 حرفًا.",
        code=code,
        field=field,
    )


def validity_end(start: dt.date, years: int) -> dt.date:
    """Return the last day of a validity of ``years`` years starting on ``start``.

    Examples:
        >>> validity_end(dt.date(2026, 3, 1), 1)
        datetime.date(2027, 2, 28)
    """
    return add_months(start, 12 * years) - dt.timedelta(days=1)


def rule_count(jurisdiction: Jurisdiction, name: str, on: dt.date) -> int:
    """Return the profile rule ``name`` in force on ``on`` as a whole number, 1 or more.

    Raises:
        InvalidFormat: ``jurisdiction`` is not a profile (``licence.jurisdiction``), or the
            rule is not a positive whole number (``licence.rule``).
        NotFound: the profile has no such rule in force (``jurisdiction.rule.*``).

    Examples:
        >>> from municipal_core.jurisdictions import SA_BALADY
        >>> rule_count(SA_BALADY, "licence.max_validity_years", dt.date(2026, 1, 1))
        3
    """
    if not isinstance(jurisdiction, Jurisdiction):
        raise InvalidFormat(
            "The jurisdiction must be a Jurisdiction profile.",
            "يجب أن تكون الجهة ملف جهة (Jurisdiction).",
            code="licence.jurisdiction",
            field="jurisdiction",
        )
    value = jurisdiction.rules.value(name, on)
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or value != int(value):
        value = 0
    if value < 1:
        raise InvalidFormat(
            f"The rule {name!r} must be a whole number, 1 or more.",
            f"يجب أن تكون القاعدة {name!r} عددًا صحيحًا يساوي 1 أو أكثر.",
            code="licence.rule",
            field=name,
        )
    return int(value)


# attrs validators shared by the licence and permit models: one rule, one message each.


def text_validator(prefix: str) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """Return an attrs validator: :func:`check_text` with code ``<prefix>.<field>``.

    Examples:
        >>> validator = text_validator("licence.demo")
        >>> validator(None, attrs.fields(_Demo).number, "")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: The number must be non-empty text of at most 64 characters.
    """  # noqa: E501

    def validate(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        check_text(value, field=attribute.name, code=f"{prefix}.{attribute.name}")

    return validate


def category_validator(_instance: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    """Attrs validator: :func:`check_category`."""
    check_category(value)


def area_validator(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Attrs validator: :func:`check_area` (code ``licence.area``)."""
    check_area(value, field=attribute.name)


def date_validator(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Attrs validator: a ``datetime.date`` (not a datetime), code ``dates.type``."""
    require_date(value, attribute.name)


def flag_validator(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Attrs validator: ``True`` or ``False`` exactly (code ``licence.flag``)."""
    if not isinstance(value, bool):
        raise InvalidFormat(
            f"The {attribute.name} flag must be True or False.",
            f"يجب أن تكون قيمة {attribute.name} صحيحة أو خاطئة.",
            code="licence.flag",
            field=attribute.name,
        )


def check_validity(
    status: object,
    status_type: type[enum.Enum],
    issued_on: dt.date,
    expires_on: dt.date,
    *,
    prefix: str,
) -> None:
    """Check a licence's status type and that it expires after it is issued.

    Raises:
        InvalidFormat: ``status`` is not a ``status_type`` (code ``<prefix>.status``).
        DomainRuleError: ``expires_on`` is not after ``issued_on`` (``<prefix>.dates``).

    Examples:
        >>> check_validity(_DemoStatus.ACTIVE, _DemoStatus, dt.date(2026, 1, 2),
        ...                dt.date(2026, 1, 1), prefix="licence.demo")
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: A licence must expire after it is issued.
    """
    if not isinstance(status, status_type):
        raise InvalidFormat(
            f"The status must be a {status_type.__name__}.",
            f"يجب أن تكون الحالة من نوع {status_type.__name__}.",
            code=f"{prefix}.status",
            field="status",
        )
    if expires_on <= issued_on:
        raise DomainRuleError(
            "A licence must expire after it is issued.",
            "يجب أن ينتهي الترخيص بعد تاريخ إصداره.",
            code=f"{prefix}.dates",
            field="expires_on",
        )


class _DemoStatus(enum.Enum):
    ACTIVE = "active"


@attrs.frozen
class _Demo:
    number: str


_M = TypeVar("_M")


def require_model(value: object, model: type[_M], *, prefix: str, field: str = "licence") -> _M:
    """Return ``value`` if it is a ``model``, else raise ``InvalidFormat`` (``<prefix>.type``).

    Examples:
        >>> require_model("L-1", _Demo, prefix="licence.demo")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A _Demo is required.
    """
    if not isinstance(value, model):
        raise InvalidFormat(
            f"A {model.__name__} is required.",
            f"يلزم كائن من النوع {model.__name__}.",
            code=f"{prefix}.type",
            field=field,
        )
    return value


def category_rate_rules(
    code: str,
    rates: Iterable[tuple[int, str, str, Confidence]],
    *,
    name_en: str,
    name_ar: str,
    per_year: bool = False,
) -> tuple[FeeRule, ...]:
    """Return one per-m² ``RATE`` fee rule per municipality category.

    Args:
        code: the fee code they share; the ``category`` criterion tells them apart.
        rates: ``(category, rate per m², source, confidence)`` rows.
        name_en: the English line name, with ``{category}`` where the category goes.
        name_ar: the Arabic line name, likewise.
        per_year: charge the rate once per year of validity.

    Examples:
        >>> rules = category_rate_rules("demo.area", [(1, "3.00", "test", Confidence.WEAK)],
        ...                             name_en="Area, cat. {category}", name_ar="فئة {category}")
        >>> rules[0].criteria, rules[0].rate, rules[0].name_en
        ((('category', '1'),), Decimal('3.00'), 'Area, cat. 1')
    """
    return tuple(
        FeeRule(
            code=code,
            version=1,
            kind=FeeKind.RATE,
            name_en=name_en.format(category=category),
            name_ar=name_ar.format(category=category),
            rate=Decimal(rate),
            unit="m²",
            per_year=per_year,
            criteria=(("category", str(check_category(category))),),
            source=source,
            confidence=confidence,
        )
        for category, rate, source, confidence in rates
    )
