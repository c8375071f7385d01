"""The code in docs/cli.md and the cookbook pages runs and prints what the pages show."""

import doctest
import re
import runpy
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from municipal_core._cli_demo import DATABASE, SUMMARY, _run_story
from municipal_core._demo_steps import Demo
from municipal_core.cli import main
from municipal_core.registry import InMemoryTransactionStore

ROOT = Path(__file__).resolve().parents[2]
CLI_PAGE = ROOT / "docs" / "cli.md"
BLOCK = re.compile(r"^```(console|python|text)\n(.*?)^```", re.S | re.M)


def blocks(page, kind):
    return [
        body for found, body in BLOCK.findall(page.read_text(encoding="utf-8")) if found == kind
    ]


def test_console_and_python_examples_print_what_the_page_shows(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ran = 0
    page = CLI_PAGE.read_text(encoding="utf-8")
    checker = doctest.OutputChecker()
    for kind, body in BLOCK.findall(page):
        if kind == "python":
            exec(compile(body, str(CLI_PAGE), "exec"), {})
            continue
        if kind != "console":
            continue
        command, _, want = body.partition("\n")
        assert command.startswith("$ municipal ")
        main(shlex.split(command)[2:])
        captured = capsys.readouterr()
        got = captured.out + captured.err
        assert checker.check_output(want, got, doctest.ELLIPSIS), f"{command}\n{got}"
        ran += 1
    assert ran >= 8
    assert (tmp_path / "lease.pdf").read_bytes().startswith(b"%PDF-")


def test_demo_listing_on_the_page_names_the_files_the_demo_writes():
    (listing,) = [body for body in blocks(CLI_PAGE, "text") if "municipal demo" in body]
    shown = [line.split()[0] for line in listing.splitlines()[2:]]
    demo = Demo(seed=0, store=InMemoryTransactionStore())
    _run_story(demo)
    assert shown == [f"{name}.pdf" for name, _ in demo.documents] + [DATABASE, SUMMARY]


@pytest.mark.parametrize("page", ["web-portal.md", "batch-documents.md"])
def test_cookbook_snippets_exist(page):
    text = (ROOT / "docs" / "cookbook" / page).read_text(encoding="utf-8")
    for path, section in re.findall(r'--8<-- "([^":]+):(\w+)"', text):
        source = (ROOT / path).read_text(encoding="utf-8")
        assert f"# --8<-- [start:{section}]" in source
        assert f"# --8<-- [end:{section}]" in source


def test_web_portal_example_answers_like_an_api(capsys):
    answers = runpy.run_path(str(ROOT / "examples" / "web_portal.py"))["main"]()
    assert answers["register"][0] == 201
    assert answers["register again"] == (
        409,
        {
            "error": {
                "code": "accounts.duplicate.phone",
                "field": "phone",
                "message": "An account with this mobile number already exists.",
            }
        },
    )
    assert answers["activate"][1] == {"status": "ACTIVE", "outcome": "verified"}
    assert [item["kind"] for item in answers["look up"][1]["items"]] == ["account_registration"]
    assert answers["bad phone"][0] == 422
    assert answers["bad date"][1]["error"]["code"] == "serialization.invalid"
    assert answers["fee"][1]["total"] == {"amount": "126.090", "currency": "OMR"}
    assert "register" in capsys.readouterr().out


def test_batch_example_renders_the_same_bytes_in_a_process_pool(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "examples" / "batch_documents.py"),
            "--count",
            "6",
            "--workers",
            "1",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "6 documents: serial" in done.stdout
    assert "(same bytes)" in done.stdout
    written = sorted(tmp_path.glob("*.pdf"))
    assert len(written) == 6
    assert all(path.read_bytes().startswith(b"%PDF-") for path in written)
