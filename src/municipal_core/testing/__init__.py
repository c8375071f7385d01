"""Testing kit: builders, generators, Hypothesis strategies and a pytest plugin.

* **Builders** -- :class:`Builder` (``Builder(seed=0, jurisdiction="om-sohar",
  clock=None)``) hands out valid objects of every family: accounts (registered and
  activated through the real services), names, addresses, lease parties and leases, Saudi
  commercial and construction licences and plan approvals, Omani building permits and
  completion certificates, violations, complaints, invoices, payments, receipts and
  registry transactions. The
  work is done by plain ``build_*`` functions taking a :class:`BuildContext`; every field
  is overridable by keyword, related objects are consistent (a lease's tenant has an
  identifier of its jurisdiction) and the same seed gives equal objects.
* **Generators** (``rng`` in, value out): :func:`national_id`, :func:`iqama`,
  :func:`unified_number`, :func:`sa_cr`, :func:`om_cr`, :func:`civil_number`,
  :func:`mobile`, :func:`short_address`, :func:`om_address_number`, :func:`email`,
  :func:`person_name` -- built on each identifier module's own ``generate``.
* **Strategies** in :mod:`municipal_core.testing.strategies` (imports Hypothesis).
* **pytest plugin** :mod:`municipal_core.testing.plugin` (fixtures ``municipal_clock``,
  ``oman``, ``saudi``, ``municipal_builder``, ``account_store``, ``transaction_store``).

Importing this package imports neither Hypothesis nor pytest.

Examples:
    >>> builder = Builder(seed=42)
    >>> lease = builder.lease(months=24)
    >>> lease.term, lease.tenant.id_kind, lease == Builder(seed=42).lease(months=24)
    ((24, 0), 'om.civil_number', True)
    >>> import random
    >>> from municipal_core.identifiers.sa import national_id as sa_id
    >>> sa_id.is_valid(iqama(random.Random(1)))
    True
"""

from municipal_core.testing._account_builders import (
    KIT_KEY,
    KIT_PASSWORD,
    build_account,
    build_registration_form,
)
from municipal_core.testing._address_builders import (
    build_address,
    build_national_address,
    build_oman_address,
)
from municipal_core.testing._billing_builders import (
    build_breakdown,
    build_invoice,
    build_payer,
    build_payment,
    build_receipt,
)
from municipal_core.testing._builder import Builder
from municipal_core.testing._case_builders import build_case, path_to
from municipal_core.testing._context import DEFAULT_INSTANT, BuildContext, construct
from municipal_core.testing._generators import (
    Gender,
    civil_number,
    email,
    engineering_licence,
    iqama,
    mobile,
    national_id,
    om_address_number,
    om_cr,
    person_name,
    sa_cr,
    short_address,
    unified_number,
)
from municipal_core.testing._lease_builders import build_lease, build_party, build_property
from municipal_core.testing._om_permit_builders import (
    build_building_permit,
    build_completion_certificate,
)
from municipal_core.testing._report_builders import build_complaint, build_violation
from municipal_core.testing._sa_licence_builders import (
    build_commercial_licence,
    build_construction_licence,
    build_licence_lease,
    build_plan_approval,
)
from municipal_core.testing._transaction_builders import build_transaction

__all__ = [
    "DEFAULT_INSTANT",
    "KIT_KEY",
    "KIT_PASSWORD",
    "BuildContext",
    "Builder",
    "Gender",
    "build_account",
    "build_address",
    "build_breakdown",
    "build_building_permit",
    "build_case",
    "build_commercial_licence",
    "build_complaint",
    "build_completion_certificate",
    "build_construction_licence",
    "build_invoice",
    "build_lease",
    "build_licence_lease",
    "build_national_address",
    "build_oman_address",
    "build_party",
    "build_payer",
    "build_payment",
    "build_plan_approval",
    "build_property",
    "build_receipt",
    "build_registration_form",
    "build_transaction",
    "build_violation",
    "civil_number",
    "construct",
    "email",
    "engineering_licence",
    "iqama",
    "mobile",
    "national_id",
    "om_address_number",
    "om_cr",
    "path_to",
    "person_name",
    "sa_cr",
    "short_address",
    "unified_number",
]
