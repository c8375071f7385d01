"""Interoperability: municipal records in the open formats other systems read.

Each format is its own module, used by name, because both have a ``to_json``:

* :mod:`municipal_core.interop.open311` -- complaints as Open311 GeoReport v2 service
  requests (``to_service_request``, and ``to_json`` for a ``requests.json`` body), and
  complaint categories as Open311 services (``to_services``, ``services.json``).
* :mod:`municipal_core.interop.blds` -- permits as BLDS records (``to_blds`` from a
  workflow case and a ``PermitSummary``; raw and mapped status), and ``to_json``.

:func:`municipal_core.workflow.from_digit_business_service` reads eGov DIGIT workflow JSON.

Examples:
    >>> from municipal_core.interop import blds, open311
    >>> open311.SERVICE_REQUEST_FIELDS[:2], blds.BldsStatus.ISSUED.value
    (('service_request_id', 'status'), 'Permit Issued')
"""

from __future__ import annotations

from municipal_core.interop import blds, open311

__all__ = ["blds", "open311"]
