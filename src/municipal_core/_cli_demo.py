"""``municipal demo [--out DIR] [--seed N]``: both portals end to end, every document written.

Runs the story of :mod:`municipal_core._demo_oman` and :mod:`municipal_core._demo_saudi`
on a fixed clock, with the transactions in an embedded SQLite store
(``DIR/transactions.sqlite``), looks them up by a phone number and a CR typed in
Arabic-Indic digits, renders every document to PDF and writes ``DIR/summary.json``.
Progress goes to stderr, one line per step; the run ends by listing every file it wrote
with its size. The same seed writes the same files (``tests/cli/test_cli_demo.py`` runs
it and checks that).

Examples:
    >>> from municipal_core.cli import build_parser
    >>> args = build_parser().parse_args(["demo", "--seed", "3"])
    >>> args.out, args.seed, args.run is run
    ('out', 3, True)
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from municipal_core._cli_output import ExitCode, Output, label, make_folder, write_file

if TYPE_CHECKING:
    from municipal_core._demo_steps import Demo
    from municipal_core.registry import SQLiteTransactionStore, TransactionStore

# The story imports every package; it loads when the demo runs (see cli.py).

__all__ = ["DATABASE", "SUMMARY", "add_parser", "lookups", "run", "run_demo"]

DATABASE = "transactions.sqlite"
"""The store's file name in the output folder (replaced on every run)."""

SUMMARY = "summary.json"
"""The summary's file name in the output folder."""


def lookups(store: TransactionStore, om_mobile: str) -> list[dict[str, Any]]:
    """Look transactions up as a person types the numbers; return what each finds.

    Examples:
        >>> from municipal_core.registry import InMemoryTransactionStore
        >>> lookups(InMemoryTransactionStore(), "+96891234567")[0]["found"]
        []
    """
    from municipal_core._demo_steps import SA_CR_TYPED, SA_MOBILE_TYPED
    from municipal_core.registry import lookup

    queries = [
        ("phone", SA_MOBILE_TYPED, "sa-balady"),
        ("cr", SA_CR_TYPED, "sa-balady"),
        ("phone", om_mobile, "om-sohar"),
    ]
    results = []
    for kind, typed, jurisdiction in queries:
        page = lookup(store, kind, typed, jurisdiction=jurisdiction)
        found = [
            {"reference": t.reference, "kind": t.kind.value, "status": t.status.code}
            for t in page.items
        ]
        results.append({"by": kind, "typed": typed, "jurisdiction": jurisdiction, "found": found})
    return results


def _fresh_store(folder: Path) -> SQLiteTransactionStore:
    from municipal_core.registry import SQLiteTransactionStore

    # A demo run starts from an empty store: remove only the files a previous run wrote.
    for suffix in ("", "-wal", "-shm"):
        (folder / f"{DATABASE}{suffix}").unlink(missing_ok=True)
    return SQLiteTransactionStore(folder / DATABASE)


def _run_story(demo: Demo) -> str:
    from municipal_core import _demo_oman as oman
    from municipal_core import _demo_saudi as saudi

    om_holder = oman.oman_account(demo)
    oman.oman_lease(demo, om_holder)
    oman.oman_permit(demo, om_holder)
    oman.oman_complaint(demo, om_holder)
    sa_holder = saudi.saudi_account(demo)
    saudi.saudi_licence(demo, sa_holder)
    saudi.saudi_violation(demo, sa_holder)
    # The Omani mobile as a person would type it: local digits with a space.
    national = om_holder.mobile.removeprefix("+968")
    return f"{national[:4]} {national[4:]}"


def run_demo(folder: Path, *, seed: int, out: Output) -> dict[str, Any]:
    """Run the demo into ``folder``; return the summary it wrote as ``summary.json``."""
    from municipal_core._demo_steps import Demo
    from municipal_core.documents._render import RenderOptions, render_many
    from municipal_core.serialization import to_dict

    make_folder(folder, field="out")
    with _fresh_store(folder) as store:
        demo = Demo(seed=seed, store=store, report=out.progress)
        om_mobile = _run_story(demo)
        found = lookups(store, om_mobile)
        for query in found:
            out.progress(f"     look-up by {query['by']} {query['typed']}: {len(query['found'])}")
        out.progress(f"     rendering {len(demo.documents)} documents")
        options = RenderOptions(creation_date=demo.clock.now(), document_id=f"demo-{seed}")
        pdfs = render_many((doc for _name, doc in demo.documents), options=options)
        files = [
            {"file": f"{name}.pdf", "bytes": write_file(folder / f"{name}.pdf", pdf, field="out")}
            for (name, _doc), pdf in zip(demo.documents, pdfs, strict=True)
        ]
        summary: dict[str, Any] = {
            "seed": seed,
            "steps": to_dict(demo.steps),
            "transactions": store.count(),
            "lookups": found,
            "documents": files,
        }
    body = json.dumps(summary, ensure_ascii=False, indent=2).encode()
    files.append({"file": DATABASE, "bytes": (folder / DATABASE).stat().st_size})
    files.append({"file": SUMMARY, "bytes": write_file(folder / SUMMARY, body, field="out")})
    return {**summary, "out": str(folder), "files": files}


def _listing(files: Iterable[dict[str, Any]], folder: str, lang: str) -> list[str]:
    rows = list(files)
    lines = [f"{label('wrote', 'ar' if lang == 'ar' else 'en')} {len(rows)} → {folder}"]
    width = max(len(row["file"]) for row in rows)
    lines += [f"  {row['file']:<{width}}  {row['bytes']:>9,}" for row in rows]
    return lines


def add_parser(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``demo`` to the command's subparsers."""
    parser = commands.add_parser(
        "demo", parents=parents, help="run both portals end to end and write every document"
    )
    parser.add_argument("--out", default="out", help="output folder (default ./out)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the people and numbers")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: Output) -> ExitCode:
    """Run ``municipal demo`` with parsed ``args``."""
    summary = run_demo(Path(args.out), seed=args.seed, out=out)
    return out.result(summary, _listing(summary["files"], summary["out"], out.lang))
