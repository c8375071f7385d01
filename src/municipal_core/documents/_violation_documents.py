"""The violation notice as printed: what was found, against whom, the fine and the deadline.

:func:`violation_notice` prints a :class:`~municipal_core.licensing.Violation` with its
category's names, the party (CR masked unless asked, licence number), the fine as the
jurisdiction's rules assess it (size factor, repeat multiplier; DOMAIN.md §5, §6) in a
table, the fine in words, the last day to pay before the daily penalty and that penalty.
Every figure comes from :func:`~municipal_core.licensing.assess` and
:func:`~municipal_core.licensing.fine_terms`, so the notice says what settling costs.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.jurisdictions import OM_SOHAR
    >>> from municipal_core.licensing import record_violation
    >>> v = record_violation("V-1", jurisdiction=OM_SOHAR, category="waste.dumping",
    ...                      recorded_on=dt.date(2026, 3, 1), cr="CR 1234567")
    >>> doc = violation_notice(v)
    >>> doc.title.en, doc.reference, doc.blocks[1].rows[2].value
    ('Violation notice', 'V-1', '****567')
"""

from __future__ import annotations

from collections.abc import Iterable

from municipal_core import jurisdictions
from municipal_core.documents._billing_documents import line_table
from municipal_core.documents._blocks import Bilingual, Block, Document, Field, Paragraph
from municipal_core.documents._printable_parts import (
    PrintOptions,
    assemble,
    date_field,
    fields_section,
    id_field,
    money_field,
    require,
    text_field,
    words_field,
)
from municipal_core.licensing import (
    Printable,
    Violation,
    assess,
    fine_terms,
    violation_category,
)

__all__ = ["violation_notice"]

_DEFAULT_OPTIONS = PrintOptions()


def _penalty_rows(
    violation: Violation, history: tuple[Violation, ...], options: PrintOptions
) -> list[Field | None]:
    profile = jurisdictions.get(violation.jurisdiction)
    terms = fine_terms(violation, jurisdiction=profile, history=history)
    rows: list[Field | None] = [
        date_field(Bilingual("آخر موعد للسداد", "Pay by"), terms.due_on, options),
    ]
    if terms.daily_penalty is not None:
        rows.append(
            money_field(
                Bilingual("غرامة يومية بعد الموعد", "Daily penalty after that"),
                terms.daily_penalty,
                options,
            )
        )
    if terms.max_days is not None:
        rows.append(
            text_field(
                Bilingual("الحد الأقصى لأيام الغرامة", "Penalty days at most"), str(terms.max_days)
            )
        )
    return rows


def violation_notice(
    violation: Violation,
    *,
    history: Iterable[Violation] = (),
    options: PrintOptions = _DEFAULT_OPTIONS,
) -> Document:
    """Return the printable violation notice (إشعار مخالفة).

    ``history`` is the party's earlier violations, for the repeat rule (as in
    :func:`~municipal_core.licensing.assess`).

    Raises:
        InvalidFormat: ``violation`` is not a Violation (``documents.printable.type``).
        DomainRuleError, NotFound: as :func:`~municipal_core.licensing.fine_terms`.

    Examples:
        >>> violation_notice({"number": "V-1"})
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A Violation is required for violation.
    """
    require(violation, Violation, "violation")
    earlier = tuple(history)
    profile = jurisdictions.get(violation.jurisdiction)
    category = violation_category(profile, violation.category)
    fine = assess(violation, jurisdiction=profile, history=earlier)
    rows = [
        text_field(Bilingual("رقم المخالفة", "Violation no."), violation.number),
        text_field(Bilingual("نوع المخالفة", "Violation"), category.name_en, category.name_ar),
        None
        if violation.cr is None or violation.cr_kind is None
        else id_field(
            Bilingual("رقم السجل التجاري", "Commercial registration"),
            violation.cr,
            options,
            violation.cr_kind,
        ),
        None
        if violation.licence_number is None
        else text_field(Bilingual("رقم الترخيص", "Licence no."), violation.licence_number),
        date_field(Bilingual("تاريخ الرصد", "Recorded on"), violation.recorded_on, options),
        None
        if violation.repeat_of is None
        else text_field(Bilingual("تكرار للمخالفة", "Repeats violation"), violation.repeat_of),
    ]
    blocks: tuple[Block, ...] = (
        *fields_section(Bilingual("بيانات المخالفة", "Violation"), rows),
        line_table(fine.lines, fine.total),
        *fields_section(
            Bilingual("السداد", "Payment"),
            [words_field(fine.total), *_penalty_rows(violation, earlier, options)],
        ),
        Paragraph(
            Bilingual(
                "يمكن سداد المخالفة برقمها أو برقم السجل التجاري، ويحق الاعتراض عليها "
                "خلال المدة النظامية.",
                "Pay the violation by its number or by the CR number; an objection may be "
                "filed within the period the regulations allow.",
            )
        ),
    )
    return assemble(
        Printable.VIOLATION_NOTICE,
        Bilingual("إشعار مخالفة", "Violation notice"),
        violation.number,
        violation.recorded_on,
        violation.jurisdiction,
        blocks,
        options,
    )
