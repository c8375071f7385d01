"""Saudi (Balady) plan approval: an engineering office submits, reviewers approve or send back.

Only an active account of type ``sa.engineering_office`` in ``sa-balady`` may submit
(DOMAIN.md §1). The application then follows :data:`PLAN_APPROVAL_WORKFLOW`: document
verification, approval, and DIGIT's send-back-to-applicant loop for corrections (the office
resubmits); rejection needs a reason. There is no field inspection or payment step: no
plan-approval fee is documented for the seed portals, so none is charged here [A].

The :class:`PlanApproval` record carries its workflow :class:`~municipal_core.workflow.Case`,
so the record and where it stands travel (and serialise) together.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.workflow import Actor
    >>> t = dt.datetime(2026, 3, 1, 9, tzinfo=dt.timezone.utc)
    >>> plan = submit_plan("PA-1", office=_example_office(), plot="Plot 12, Al Malqa",
    ...                    description="Two-storey villa", at=t)
    >>> plan.case.state
    'DOCUMENT_VERIFICATION'
    >>> plan = review_plan(plan, "FORWARD", Actor("e-1", ("DOCUMENT_VERIFIER",)), at=t)
    >>> plan = review_plan(plan, "APPROVE", Actor("e-2", ("APPROVER",)), at=t)
    >>> is_approved(plan)
    True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from municipal_core.accounts import Account
from municipal_core.errors import DomainRuleError, InvalidFormat, PermissionDenied
from municipal_core.licensing._licence_common import check_text, licence_workflow
from municipal_core.workflow import Actor, Case, apply, new_case

__all__ = [
    "ENGINEERING_OFFICE",
    "OFFICE_ROLE",
    "PLAN_APPROVAL_WORKFLOW",
    "PlanApproval",
    "is_approved",
    "review_plan",
    "submit_plan",
]

_CODE = "licence.plan"

ENGINEERING_OFFICE = "sa.engineering_office"
"""The account type allowed to submit plans."""
OFFICE_ROLE = "ENGINEERING_OFFICE"
"""The workflow role of the submitting office (applies, resubmits, cancels)."""

PLAN_APPROVAL_WORKFLOW = licence_workflow(
    "sa.plan_approval",
    applicant_roles=(OFFICE_ROLE,),
    inspection=False,
    payment=False,
    expires=False,
)
"""Plan approval: DRAFT -> APPLY -> DOCUMENT_VERIFICATION -> FORWARD -> PENDING_APPROVAL ->
APPROVE -> ISSUED, with SEND_BACK/RESUBMIT, REJECT (with a reason) and CANCEL."""


def _text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_text(value, field=attribute.name, code=f"{_CODE}.{attribute.name}")


def _description(_instance: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > 2000:
        raise InvalidFormat(
            "The description must be non-empty text of at most 2000 characters.",
            "يجب أن يكون الوصف نصًا غير فارغ لا يتجاوز 2000 حرف.",
            code=f"{_CODE}.description",
            field="description",
        )


def _case(instance: PlanApproval, _attribute: attrs.Attribute[Any], value: object) -> None:
    if (
        not isinstance(value, Case)
        or value.workflow != PLAN_APPROVAL_WORKFLOW.name
        or value.id != instance.number
    ):
        raise InvalidFormat(
            "The case must follow the plan approval workflow under the plan's number.",
            "يجب أن يتبع الطلب سير عمل اعتماد المخططات وأن يحمل رقم المخطط.",
            code=f"{_CODE}.case",
            field="case",
        )


@attrs.frozen
class PlanApproval:
    """A plan submitted for approval by an engineering office, with its workflow case.

    Attributes:
        number: the application number (also the case id).
        office_account_id: the submitting engineering office's account id.
        plot: the plot the plans are for, as text.
        description: what is to be built.
        case: the application's case in :data:`PLAN_APPROVAL_WORKFLOW`.
    """

    number: str = attrs.field(validator=_text)
    office_account_id: str = attrs.field(validator=_text)
    plot: str = attrs.field(validator=_text)
    description: str = attrs.field(validator=_description)
    case: Case = attrs.field(validator=_case)


def submit_plan(
    number: str, *, office: Account, plot: str, description: str, at: dt.datetime
) -> PlanApproval:
    """Submit plans on behalf of ``office``; return the application in document verification.

    Raises:
        PermissionDenied: the account is not an active Balady engineering office
            (``licence.plan.not_engineering_office``, ``licence.plan.inactive_office``).
        InvalidFormat: a bad field, or ``at`` not timezone-aware.

    Examples:
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> office = attrs.evolve(_example_office(), account_type="sa.citizen")
        >>> submit_plan("PA-2", office=office, plot="P", description="D", at=t)
        Traceback (most recent call last):
            ...
        municipal_core.errors.PermissionDenied: Only an engineering office account may submit plans.
    """
    if not isinstance(office, Account):
        raise InvalidFormat(
            "The office must be an Account.",
            "يجب أن يكون المكتب حسابًا (Account).",
            code=f"{_CODE}.type",
            field="office",
        )
    if office.account_type != ENGINEERING_OFFICE or office.jurisdiction != "sa-balady":
        raise PermissionDenied(
            "Only an engineering office account may submit plans.",
            "لا يقدم المخططات إلا حساب مكتب هندسي.",
            code=f"{_CODE}.not_engineering_office",
            field="office",
        )
    if not office.is_active:
        raise PermissionDenied(
            "The engineering office account is not active.",
            "حساب المكتب الهندسي غير مفعل.",
            code=f"{_CODE}.inactive_office",
            field="office",
        )
    number = check_text(number, field="number", code=f"{_CODE}.number")
    case = new_case(PLAN_APPROVAL_WORKFLOW, number, at=at)
    case = apply(
        PLAN_APPROVAL_WORKFLOW, case, "APPLY", Actor(office.account_id, (OFFICE_ROLE,)), at=at
    )
    return PlanApproval(number, office.account_id, plot, description, case)


def review_plan(
    plan: PlanApproval,
    action: str,
    actor: Actor,
    *,
    at: dt.datetime,
    payload: Mapping[str, str] | None = None,
) -> PlanApproval:
    """Take a workflow ``action`` on ``plan`` (FORWARD, APPROVE, SEND_BACK, RESUBMIT, ...).

    Raises:
        IllegalTransition: the action is not allowed now.
        PermissionDenied: the actor lacks the role.
        DomainRuleError: a ``RESUBMIT`` by another account than the submitting office
            (``licence.plan.other_office``).
        ValidationError: a required payload field (``reason``) is missing.

    Examples:
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> plan = submit_plan("PA-3", office=_example_office(), plot="P", description="D", at=t)
        >>> plan = review_plan(plan, "SEND_BACK", Actor("e-1", ("DOCUMENT_VERIFIER",)), at=t,
        ...                    payload={"reason": "Missing soil report"})
        >>> plan.case.state
        'PENDING_APPLICANT_CORRECTION'
    """
    if not isinstance(plan, PlanApproval) or not isinstance(actor, Actor):
        raise InvalidFormat(
            "A PlanApproval and an Actor are required.",
            "يلزم طلب اعتماد مخطط (PlanApproval) ومنفذ (Actor).",
            code=f"{_CODE}.type",
            field="plan",
        )
    # Any holder of the office role could otherwise answer for another office's plans.
    if OFFICE_ROLE in actor.roles and actor.id != plan.office_account_id:
        raise DomainRuleError(
            "Only the office that submitted the plans may act on them as applicant.",
            "لا يتصرف في المخططات بصفة مقدم الطلب إلا المكتب الذي قدمها.",
            code=f"{_CODE}.other_office",
            field="actor",
        )
    case = apply(PLAN_APPROVAL_WORKFLOW, plan.case, action, actor, at=at, payload=payload)
    return attrs.evolve(plan, case=case)


def is_approved(plan: PlanApproval) -> bool:
    """Return whether the plans have been approved.

    Examples:
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> is_approved(submit_plan("PA-4", office=_example_office(), plot="P",
        ...                         description="D", at=t))
        False
    """
    return plan.case.state == "ISSUED"


def _example_office() -> Account:
    """An active Balady engineering office account, for the examples and tests."""
    from municipal_core.accounts import ACCOUNT_WORKFLOW
    from municipal_core.accounts._account import TermsAcceptance, start_case

    t = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    case = start_case("eo-1", terms_version="v1", at=t)
    case = apply(ACCOUNT_WORKFLOW, case, "ACTIVATE", Actor("system", ("SYSTEM",)), at=t)
    return Account(
        account_id="eo-1", jurisdiction="sa-balady", account_type=ENGINEERING_OFFICE,
        name=None, identifiers=(), mobile="+966501234567", email="office@example.com",
        username="office1", birth_date=None, password_hash="$scrypt$...",
        terms=TermsAcceptance("v1", t), case=case, activation=None, created_at=t,
    )  # fmt: skip
