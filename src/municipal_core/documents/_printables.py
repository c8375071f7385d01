"""One entry point for every printable: :func:`printable` (kind, object, options).

A portal knows the :class:`~municipal_core.licensing.Printable` a service offers (the
catalogue lists them) and the object it prints; :data:`BUILDERS` maps each kind to the
object types it is printed from and their builder -- a table, not an ``if`` chain, so a
host application reads what is printable from what, and the tests walk every entry.

==========================  ================================================
kind                        printed from
==========================  ================================================
``lease_contract``          ``LeaseContract``
``renewal_contract``        ``LeaseContract`` with ``renews``
``supplementary_contract``  ``LeaseContract`` with amendments (the latest)
``address_card``            ``AddressCard`` (a replacement when ``replaces``)
``completion_certificate``  ``CompletionCertificate`` (replacement likewise)
``service_letter``          ``ServiceLetter`` (incl. the completion letter)
``licence_certificate``     ``CommercialLicence``
``permit_certificate``      ``BuildingPermit``, ``ConstructionLicence``
``invoice``                 ``Invoice``
``receipt``                 ``Invoice`` (latest receipt) or ``Receipt``
``violation_notice``        ``Violation``
==========================  ================================================

Examples:
    >>> from municipal_core.leases._contract import _example
    >>> printable("lease_contract", _example(), mask_ids=False).title.en
    'Lease contract'
    >>> printable("invoice", _example())
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidFormat: A invoice is printed from: Invoice.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from typing import Any

from municipal_core._coerce import to_enum
from municipal_core.billing import Invoice, Receipt
from municipal_core.documents._billing_documents import invoice_document, receipt_document
from municipal_core.documents._blocks import Bilingual, Document
from municipal_core.documents._certificate_documents import (
    AddressCard,
    address_card,
    building_permit_certificate,
    completion_certificate,
    service_letter,
)
from municipal_core.documents._codes import DocumentSigner
from municipal_core.documents._lease_documents import (
    lease_contract,
    renewal_contract,
    supplementary_contract,
)
from municipal_core.documents._licence_documents import (
    commercial_licence_certificate,
    construction_licence_certificate,
)
from municipal_core.documents._printable_parts import CODE, PrintOptions
from municipal_core.documents._violation_documents import violation_notice
from municipal_core.errors import InvalidFormat
from municipal_core.leases import LeaseContract
from municipal_core.licensing import (
    BuildingPermit,
    CommercialLicence,
    CompletionCertificate,
    ConstructionLicence,
    Printable,
    ServiceLetter,
    Violation,
)

__all__ = ["BUILDERS", "Builder", "printable"]

Builder = Callable[..., Document]
"""A builder: ``builder(obj, *, options=PrintOptions()) -> Document``."""

BUILDERS: Mapping[Printable, Mapping[type, Builder]] = types.MappingProxyType(
    {
        Printable.LEASE_CONTRACT: {LeaseContract: lease_contract},
        Printable.RENEWAL_CONTRACT: {LeaseContract: renewal_contract},
        Printable.SUPPLEMENTARY_CONTRACT: {LeaseContract: supplementary_contract},
        Printable.ADDRESS_CARD: {AddressCard: address_card},
        Printable.COMPLETION_CERTIFICATE: {CompletionCertificate: completion_certificate},
        Printable.SERVICE_LETTER: {ServiceLetter: service_letter},
        Printable.LICENCE_CERTIFICATE: {CommercialLicence: commercial_licence_certificate},
        Printable.PERMIT_CERTIFICATE: {
            BuildingPermit: building_permit_certificate,
            ConstructionLicence: construction_licence_certificate,
        },
        Printable.INVOICE: {Invoice: invoice_document},
        Printable.RECEIPT: {Invoice: receipt_document, Receipt: receipt_document},
        Printable.VIOLATION_NOTICE: {Violation: violation_notice},
    }
)
"""Each printable kind: the object types it is printed from, and their builder."""


def printable(
    kind: Printable | str,
    obj: Any,
    *,
    mask_ids: bool = True,
    arabic_digits: bool = False,
    signer: DocumentSigner | None = None,
    municipality: Bilingual | None = None,
    logo_png: bytes | None = None,
) -> Document:
    """Return the :class:`Document` of kind ``kind`` for ``obj``.

    Args:
        kind: a :class:`~municipal_core.licensing.Printable` or its value.
        obj: the domain object (see the table in the module docs).
        mask_ids: print identity and CR numbers masked (default) or in full.
        arabic_digits: Arabic-Indic digits in the Arabic text.
        signer: add a verification QR code signed with this key.
        municipality: the letterhead name; default: the jurisdiction profile's.
        logo_png: the municipality's logo (PNG bytes).

    Raises:
        InvalidComponent: an unknown ``kind`` (``documents.printable.kind``).
        InvalidFormat: ``obj`` is not a type ``kind`` is printed from
            (``documents.printable.type``), or an option of the wrong type.
        DomainRuleError, NotFound: the builder's own (a renewal that renews nothing...).

    Examples:
        >>> printable("menu", None)
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: The value must be one of: lease_contract, ...
    """
    which = to_enum(Printable, kind, code=f"{CODE}.kind", field="kind")
    options = PrintOptions(
        mask_ids=mask_ids,
        arabic_digits=arabic_digits,
        signer=signer,
        municipality=municipality,
        logo_png=logo_png,
    )
    builders = BUILDERS[which]
    for cls, builder in builders.items():
        if isinstance(obj, cls):
            return builder(obj, options=options)
    names = ", ".join(cls.__name__ for cls in builders)
    raise InvalidFormat(
        f"A {which.value} is printed from: {names}.",
        f"يُطبع المستند {which.value} من: {names}.",
        code=f"{CODE}.type",
        field="obj",
    )
