"""``municipal render KIND --data FILE.json --out FILE.pdf``: one document as PDF.

The JSON file holds a domain object as :func:`municipal_core.serialization.to_json`
writes it (a lease contract, a licence, an invoice...). KIND says which document to print
from it; the object's type is found by trying the types that KIND is printed from
(:data:`~municipal_core.documents._printables.BUILDERS`), in the table's order.

Examples:
    >>> from municipal_core.leases._contract import _example
    >>> from municipal_core.serialization import to_json
    >>> load_object("lease_contract", to_json(_example())).reference
    '1/2026'
    >>> load_object("invoice", to_json(_example()))
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidFormat: The data cannot be read: ...
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from municipal_core._cli_output import ExitCode, Output, label, read_text, write_file
from municipal_core._coerce import to_enum
from municipal_core.errors import MunicipalError

if TYPE_CHECKING:
    from municipal_core.licensing import Printable

# documents, licensing and serialization load when a document is rendered, not when the
# command line is parsed (see cli.py).

__all__ = ["add_parser", "load_object", "printable_kind", "render_file", "run"]


def printable_kind(kind: Printable | str) -> Printable:
    """Return ``kind`` as a :class:`~municipal_core.licensing.Printable`.

    Raises:
        InvalidComponent: an unknown kind (``cli.render.kind``); the message lists them.

    Examples:
        >>> printable_kind("receipt").value
        'receipt'
    """
    from municipal_core.licensing import Printable

    return to_enum(Printable, kind, code="cli.render.kind", field="kind")


def load_object(kind: Printable | str, text: str) -> Any:
    """Return the domain object in the JSON ``text`` that a ``kind`` document prints.

    Raises:
        InvalidComponent: an unknown ``kind`` (``cli.render.kind``), listing the kinds.
        InvalidFormat: the JSON is none of the object types ``kind`` is printed from
            (the first type's error, ``serialization.invalid``).
    """
    from municipal_core.documents._printables import BUILDERS
    from municipal_core.serialization import from_json

    which = printable_kind(kind)
    first: MunicipalError | None = None
    for cls in BUILDERS[which]:
        try:
            return from_json(text, cls)
        except MunicipalError as exc:
            first = first or exc
    assert first is not None  # every kind is printed from at least one type
    raise first


def render_file(
    kind: str, data: str, out: Path, *, full_ids: bool = False, arabic_digits: bool = False
) -> int:
    """Render the ``kind`` document of the object in the JSON file ``data`` to ``out``.

    Returns the size of the PDF written. Raises the typed errors of reading, loading,
    building and writing (``NotFound`` for a missing data file).
    """
    from municipal_core.documents._printables import printable
    from municipal_core.documents._render import RenderOptions, render

    which = printable_kind(kind)  # before the file: a typo in KIND is the likelier mistake
    obj = load_object(which, read_text(data, field="data"))
    document = printable(which, obj, mask_ids=not full_ids, arabic_digits=arabic_digits)
    pdf = render(document, options=RenderOptions(document_id=document.reference))
    return write_file(out, pdf, field="out")


def add_parser(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``render`` to the command's subparsers."""
    parser = commands.add_parser("render", parents=parents, help="print a document as PDF")
    parser.add_argument(
        "kind", metavar="KIND", help="a document kind: lease_contract, invoice, receipt..."
    )
    parser.add_argument("--data", required=True, help="the domain object, as JSON")
    parser.add_argument("--out", required=True, help="the PDF file to write")
    parser.add_argument(
        "--arabic-digits", action="store_true", help="Arabic-Indic digits in Arabic text"
    )
    parser.add_argument(
        "--full-ids", action="store_true", help="print identity and CR numbers unmasked"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: Output) -> ExitCode:
    """Run ``municipal render`` with parsed ``args``."""
    target = Path(args.out)
    size = render_file(
        args.kind, args.data, target, full_ids=args.full_ids, arabic_digits=args.arabic_digits
    )
    line = f"{label('wrote', out.lang)} {target} ({size} {label('bytes', out.lang)})"
    return out.result({"kind": args.kind, "out": str(target), "bytes": size}, [line])
