"""``municipal workflow list`` and ``municipal workflow diagram NAME``.

The workflows are those of the service catalogue
(:func:`~municipal_core.licensing.workflow_registry`: licences, permits, complaints, and
the account and lease workflows); a diagram is Mermaid ``stateDiagram-v2`` text from
:func:`~municipal_core.workflow.to_mermaid`, with state labels in ``--lang``.

Examples:
    >>> diagram("complaint", "en").splitlines()[0]
    'stateDiagram-v2'
    >>> diagram("no.such", "en")
    Traceback (most recent call last):
        ...
    municipal_core.errors.NotFound: No workflow has that name; see `municipal workflow list`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from municipal_core._cli_output import ExitCode, Output, label
from municipal_core.errors import Language, NotFound

if TYPE_CHECKING:
    from municipal_core.workflow import WorkflowDefinition


def _registry() -> Any:
    # Imported on use: the licensing package takes ~0.4 s to load (see cli.py).
    from municipal_core.licensing import workflow_registry

    return workflow_registry()


__all__ = ["add_parser", "diagram", "run", "workflow"]


def workflow(name: str) -> WorkflowDefinition:
    """Return the catalogue's workflow called ``name``.

    Raises:
        NotFound: no such workflow (``cli.workflow.unknown``).

    Examples:
        >>> workflow("lease.contract").start_state.name
        'DRAFT'
    """
    found: WorkflowDefinition | None = _registry().get(name)
    if found is None:
        raise NotFound(
            "No workflow has that name; see `municipal workflow list`.",
            "لا يوجد سير عمل بهذا الاسم؛ راجع `municipal workflow list`.",
            code="cli.workflow.unknown",
            field="name",
        )
    return found


def diagram(name: str, lang: Language) -> str:
    """Return the Mermaid state diagram of the workflow ``name``, labels in ``lang``."""
    from municipal_core.workflow import to_mermaid

    return to_mermaid(workflow(name), lang=lang)


def add_parser(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``workflow list`` and ``workflow diagram NAME`` to the command's subparsers."""
    parser = commands.add_parser("workflow", help="the portals' workflows")
    actions = parser.add_subparsers(dest="workflow_action", metavar="list|diagram", required=True)
    listing = actions.add_parser("list", parents=parents, help="every workflow by name")
    listing.set_defaults(run=run)
    drawing = actions.add_parser("diagram", parents=parents, help="a Mermaid state diagram")
    drawing.add_argument("name", metavar="NAME", help="a name from `municipal workflow list`")
    drawing.set_defaults(run=run)


def run(args: argparse.Namespace, out: Output) -> ExitCode:
    """Run ``municipal workflow list|diagram`` with parsed ``args``."""
    if args.workflow_action == "diagram":
        text = diagram(args.name, out.lang)
        return out.result({"name": args.name, "mermaid": text}, [text.rstrip("\n")])
    rows = [
        {"name": name, "version": wf.version, "states": len(wf.states)}
        for name, wf in sorted(_registry().items())
    ]
    states = label("states", out.lang)
    lines = [f"{row['name']}  (v{row['version']}, {row['states']} {states})" for row in rows]
    return out.result({"workflows": rows}, lines)
