"""``municipal demo``: both portals end to end, deterministic, every document written."""

import contextlib
import io
import json
import subprocess
import sys

import pytest

from municipal_core._cli_demo import DATABASE, _fresh_store
from municipal_core._demo_steps import SA_CR_TYPED, SA_MOBILE_TYPED, Holder
from municipal_core.cli import main
from municipal_core.registry import SQLiteTransactionStore, lookup
from municipal_core.serialization import from_json, to_json
from municipal_core.testing import BuildContext, build_transaction

EXPECTED_PDFS = {
    "om-lease-contract.pdf",
    "om-lease-invoice.pdf",
    "om-lease-receipt.pdf",
    "om-lease-amendment-contract.pdf",
    "om-lease-amendment-receipt.pdf",
    "om-lease-renewal-contract.pdf",
    "om-lease-renewal-receipt.pdf",
    "om-permit-certificate.pdf",
    "om-permit-invoice.pdf",
    "om-permit-receipt.pdf",
    "sa-licence-certificate.pdf",
    "sa-licence-invoice.pdf",
    "sa-licence-receipt.pdf",
    "sa-violation-notice.pdf",
    "sa-violation-receipt.pdf",
}


@pytest.fixture(scope="module")
def in_process(tmp_path_factory):
    """One in-process run (seed 0) with --json: (folder, exit code, stdout, stderr)."""
    folder = tmp_path_factory.mktemp("demo") / "out"
    # capsys is function-scoped; a module-scoped run captures with redirect_* instead.
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["demo", "--out", str(folder), "--json"])
    return folder, code, out.getvalue(), err.getvalue()


def test_demo_writes_every_document_and_the_summary(in_process):
    folder, code, stdout, _ = in_process
    summary = json.loads(stdout)
    assert code == 0
    assert {p.name for p in folder.glob("*.pdf")} == EXPECTED_PDFS
    assert all(p.read_bytes().startswith(b"%PDF-") for p in folder.glob("*.pdf"))
    listed = {f["file"]: f["bytes"] for f in summary["files"]}
    assert set(listed) == EXPECTED_PDFS | {"summary.json", "transactions.sqlite"}
    assert all(listed[name] == (folder / name).stat().st_size for name in listed)


def test_summary_lists_the_look_ups_by_phone_and_cr(in_process):
    folder, _, _, _ = in_process
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    by_phone, by_cr, om_phone = summary["lookups"]
    assert (by_phone["by"], by_phone["typed"]) == ("phone", SA_MOBILE_TYPED)
    assert {t["kind"] for t in by_phone["found"]} == {"account_registration", "licence"}
    assert (by_cr["by"], by_cr["typed"]) == ("cr", SA_CR_TYPED)
    assert {t["kind"] for t in by_cr["found"]} == {"licence", "violation", "violation_payment"}
    assert {t["kind"] for t in om_phone["found"]} == {
        "account_registration",
        "lease_registration",
        "lease_amendment",
        "lease_renewal",
        "permit",
        "complaint",
    }
    assert summary["transactions"] == 10
    assert len(summary["steps"]) == 10


def test_workflows_reached_their_end_with_payment(in_process):
    folder, _, _, _ = in_process
    with SQLiteTransactionStore(folder / "transactions.sqlite") as store:
        found = lookup(store, "cr", SA_CR_TYPED, jurisdiction="sa-balady").items
        licence = next(t for t in found if t.kind.value == "licence")
        assert licence.status.code == "ISSUED"
        assert [e.action for e in licence.timeline][-2:] == ["APPROVE", "PAY"]
        assert [link.status.value for link in licence.invoices] == ["paid"]
        assert store.count() == 10


def test_progress_goes_to_stderr_one_line_per_step(in_process):
    _, _, stdout, stderr = in_process
    steps = [line for line in stderr.splitlines() if line.startswith("[")]
    assert len(steps) == 10
    assert steps[0].startswith("[ 1] om-sohar: account")
    assert "[" not in stdout.splitlines()[0][:1]


def test_python_m_demo_matches_the_in_process_run(in_process, tmp_path):
    """The module entry point works, and the same seed writes the same bytes."""
    folder, _, _, _ = in_process
    again = tmp_path / "again"
    done = subprocess.run(
        [sys.executable, "-m", "municipal_core", "demo", "--out", str(again)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("wrote 17")
    assert "summary.json" in done.stdout
    for pdf in EXPECTED_PDFS:
        assert (again / pdf).read_bytes() == (folder / pdf).read_bytes(), pdf
    summary = json.loads((again / "summary.json").read_text(encoding="utf-8"))
    assert summary == json.loads((folder / "summary.json").read_text(encoding="utf-8"))


def test_a_rerun_starts_from_an_empty_store(tmp_path):
    with SQLiteTransactionStore(tmp_path / DATABASE) as store:
        store.add(build_transaction(BuildContext()))
    (tmp_path / "notes.txt").write_text("the user's own file")
    with _fresh_store(tmp_path) as store:
        assert store.count() == 0
    assert (tmp_path / "notes.txt").read_text() == "the user's own file"


def test_unwritable_out_is_a_typed_error(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["demo", "--out", str(blocker / "out"), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "cli.file.unwritable"


def test_holder_round_trips_through_the_converter():
    holder = Holder("ACC-1", "12345678", "سالم", "Salim", "+96891234567")
    assert from_json(to_json(holder), Holder) == holder
