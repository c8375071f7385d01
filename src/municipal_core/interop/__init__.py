"""Interoperability: municipal records in the open formats other systems read.

* :mod:`municipal_core.interop.open311` -- complaints as Open311 GeoReport v2 service
  requests (:func:`to_service_request`, and :func:`to_json` for a ``requests.json`` body),
  and complaint categories as Open311 services (:func:`to_services`, ``services.json``).

BLDS permit records and the import of DIGIT workflow definitions come later (issue 6);
:func:`municipal_core.workflow.from_digit_business_service` already reads DIGIT JSON.

Examples:
    >>> from municipal_core.interop import SERVICE_REQUEST_FIELDS
    >>> SERVICE_REQUEST_FIELDS[:2]
    ('service_request_id', 'status')
"""

from __future__ import annotations

from municipal_core.interop.open311 import (
    SERVICE_REQUEST_FIELDS,
    Open311Status,
    status,
    to_json,
    to_service_request,
    to_services,
)

__all__ = [
    "SERVICE_REQUEST_FIELDS",
    "Open311Status",
    "status",
    "to_json",
    "to_service_request",
    "to_services",
]
