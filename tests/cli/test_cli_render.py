"""``municipal render KIND --data FILE.json --out FILE.pdf``: every printable, and its errors."""

import json

import pytest

from municipal_core._cli_render import load_object
from municipal_core.cli import main
from municipal_core.documents._samples import sample_objects
from municipal_core.serialization import to_json

SAMPLES = sample_objects()


@pytest.fixture
def data_file(tmp_path):
    def write(name):
        path = tmp_path / f"{name}.json"
        path.write_text(to_json(SAMPLES[name][1]), encoding="utf-8")
        return str(path)

    return write


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_sample_loads_back_as_the_object_printed(name):
    kind, obj = SAMPLES[name]
    assert load_object(kind, to_json(obj)) == obj


@pytest.mark.parametrize(
    "name", ["lease_contract", "receipt_bare", "construction_licence", "violation_notice"]
)
def test_render_writes_a_pdf(capsys, tmp_path, data_file, name):
    kind = SAMPLES[name][0].value
    out = tmp_path / "deep" / f"{name}.pdf"
    assert main(["render", kind, "--data", data_file(name), "--out", str(out), "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert out.read_bytes().startswith(b"%PDF-")
    assert body == {"kind": kind, "out": str(out), "bytes": out.stat().st_size}


def test_render_options_change_the_document(capsys, tmp_path, data_file):
    data = data_file("lease_contract")
    plain, full = tmp_path / "plain.pdf", tmp_path / "full.pdf"
    assert main(["render", "lease_contract", "--data", data, "--out", str(plain)]) == 0
    argv = ["render", "lease_contract", "--data", data, "--out", str(full)]
    assert main([*argv, "--full-ids", "--arabic-digits", "--lang", "ar"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"wrote {plain} (")
    assert lines[1].startswith("كُتب")
    assert plain.read_bytes() != full.read_bytes()


@pytest.mark.parametrize(
    ("kind", "data", "code", "error_code"),
    [
        ("menu", "lease_contract", 1, "cli.render.kind"),
        ("invoice", "lease_contract", 1, "serialization.invalid"),
        ("lease_contract", None, 3, "cli.file.missing"),
        ("lease_contract", "not json", 1, "serialization.invalid"),
        ("renewal_contract", "lease_contract", 1, None),  # a renewal that renews nothing
    ],
)
def test_render_errors(capsys, tmp_path, data_file, kind, data, code, error_code):
    if data is None:
        path = str(tmp_path / "missing.json")
    elif data in SAMPLES:
        path = data_file(data)
    else:
        (tmp_path / "bad.json").write_text(data, encoding="utf-8")
        path = str(tmp_path / "bad.json")
    out = tmp_path / "out.pdf"
    assert main(["render", kind, "--data", path, "--out", str(out), "--json"]) == code
    error = json.loads(capsys.readouterr().out)["error"]
    assert error["code"] == error_code or (error_code is None and error["code"])
    assert not out.exists()


def test_unreadable_data_and_unwritable_out(capsys, tmp_path, data_file):
    (tmp_path / "latin1.json").write_bytes(b"\xff\xfe")
    argv = ["render", "invoice", "--data", str(tmp_path / "latin1.json"), "--out", "x.pdf"]
    assert main([*argv, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "cli.file.unreadable"
    blocker = tmp_path / "file"
    blocker.write_text("")
    argv = ["render", "invoice", "--data", data_file("invoice"), "--out", str(blocker / "x.pdf")]
    assert main([*argv, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "cli.file.unwritable"
