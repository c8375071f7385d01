"""Export a workflow definition as a Mermaid state diagram, for docs and reviews.

The output is deterministic (states and actions in definition order), so it can be
committed and diffed: a changed workflow shows up as a changed diagram.

Examples:
    >>> from municipal_core.workflow import Action, State, WorkflowDefinition
    >>> wf = WorkflowDefinition("demo", (
    ...     State("NEW", "New", "جديد", is_start=True),
    ...     State("DONE", "Done", "منجز", is_terminal=True),
    ... ), (Action("FINISH", ("NEW",), "DONE", ("CLERK",)),))
    >>> print(to_mermaid(wf), end="")
    stateDiagram-v2
        [*] --> NEW
        NEW --> DONE : FINISH
        DONE --> [*]
"""

from __future__ import annotations

from municipal_core._text import language
from municipal_core.errors import Language
from municipal_core.workflow._definition import WorkflowDefinition

__all__ = ["to_mermaid"]

_INDENT = "    "


def _quoted(label: str) -> str:
    # Mermaid has no backslash escapes inside quoted labels; it uses HTML entity codes.
    return label.replace("#", "#35;").replace('"', "#quot;").replace("\n", " ")


def to_mermaid(definition: WorkflowDefinition, *, lang: Language | None = None) -> str:
    """Return ``definition`` as Mermaid ``stateDiagram-v2`` text, ending in a newline.

    Args:
        definition: the workflow.
        lang: ``"en"`` or ``"ar"`` to show each state's public label; ``None`` for names.

    Raises:
        InvalidComponent: ``lang`` is not ``"en"``, ``"ar"`` or ``None`` (code ``language``).

    Examples:
        >>> from municipal_core.workflow import LICENCE_WORKFLOW
        >>> print(to_mermaid(LICENCE_WORKFLOW, lang="ar").splitlines()[2])
            state "مسودة" as DRAFT
    """
    lines = ["stateDiagram-v2"]
    lines += [f"[*] --> {s.name}" for s in definition.states if s.is_start]
    if lang is not None:
        chosen = language(lang)
        lines += [f'state "{_quoted(s.label(chosen))}" as {s.name}' for s in definition.states]
    for state in definition.states:
        lines += [
            f"{state.name} --> {a.to_state} : {a.name}" for a in definition.actions_from(state.name)
        ]
    lines += [f"{s.name} --> [*]" for s in definition.states if s.is_terminal]
    return "\n".join([lines[0], *(_INDENT + line for line in lines[1:])]) + "\n"
