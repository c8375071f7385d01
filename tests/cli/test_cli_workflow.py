"""``municipal workflow list|diagram``: every catalogue workflow, as Mermaid, in both languages."""

import json

import pytest

from municipal_core.cli import main
from municipal_core.licensing import workflow_registry
from municipal_core.workflow import to_mermaid

NAMES = sorted(workflow_registry())


def test_list_names_every_workflow(capsys):
    assert main(["workflow", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["workflows"]
    assert [row["name"] for row in rows] == NAMES
    assert {"account.registration", "lease.contract", "sa.licence.commercial"} <= set(NAMES)
    assert all(row["states"] == len(workflow_registry()[row["name"]].states) for row in rows)


def test_list_as_text_in_arabic(capsys):
    assert main(["workflow", "list", "--lang", "ar"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(NAMES)
    assert lines[0].startswith(NAMES[0])
    assert "حالات" in lines[0]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_diagram_is_the_engines_mermaid(capsys, name, lang):
    assert main(["workflow", "diagram", name, "--lang", lang]) == 0
    assert capsys.readouterr().out == to_mermaid(workflow_registry()[name], lang=lang)


def test_diagram_json(capsys):
    assert main(["workflow", "diagram", "complaint", "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["name"] == "complaint"
    assert body["mermaid"].startswith("stateDiagram-v2\n")


def test_unknown_workflow_is_not_found(capsys):
    assert main(["workflow", "diagram", "sa.licence.fishing", "--lang", "ar"]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "[cli.workflow.unknown]" in captured.err
    assert "لا يوجد سير عمل" in captured.err
