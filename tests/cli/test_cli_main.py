"""The command's frame: parsing, usage errors, exit codes, --json and --lang for errors."""

import datetime as dt
import io
import json

import pytest

from municipal_core import _cli_validate, cli
from municipal_core._cli_output import LABELS, ExitCode, Output, label
from municipal_core.errors import InvalidChecksum, NotFound


def test_exit_codes_are_the_documented_numbers():
    assert [int(code) for code in ExitCode] == [0, 1, 2, 3, 70]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["nope"],
        ["validate"],
        ["validate", "passport", "1"],
        ["fee"],
        ["fee", "lease"],
        ["workflow"],
        ["validate", "iqama", "1", "--lang", "fr"],
        ["fee", "lease", "--rent", "1", "--months", "three"],
    ],
)
def test_usage_errors_exit_2_with_usage_text(capsys, argv):
    assert cli.main(argv) == ExitCode.USAGE
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "usage: municipal" in captured.err
    assert "[cli.usage]" in captured.err


def test_usage_error_as_json_is_one_object_on_stdout(capsys):
    assert cli.main(["validate", "--json"]) == 2
    body = json.loads(capsys.readouterr().out)
    assert body["error"]["code"] == "cli.usage"
    assert "KIND" in body["error"]["message"]


def test_usage_error_label_in_arabic(capsys):
    assert cli.main(["validate", "--lang", "ar"]) == 2
    assert "خطأ [cli.usage]" in capsys.readouterr().err


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_return_0(capsys, flag):
    assert cli.main([flag]) == 0
    assert "municipal" in capsys.readouterr().out


def test_main_reads_sys_argv_when_not_given(capsys, monkeypatch):
    monkeypatch.setattr("sys.argv", ["municipal", "validate", "civil-number", "12345678"])
    assert cli.main() == 0
    assert "compact: 12345678" in capsys.readouterr().out


def test_a_bug_is_exit_70_without_a_traceback(capsys, monkeypatch):
    def broken(*_args):
        raise KeyError("secret internals")

    monkeypatch.setattr(_cli_validate, "validate", broken)
    assert cli.main(["validate", "civil-number", "12345678"]) == ExitCode.INTERNAL
    err = capsys.readouterr().err
    assert "[cli.internal]" in err
    assert "KeyError" in err
    assert "Traceback" not in err
    assert "secret internals" not in err


def test_a_bug_as_json(capsys, monkeypatch):
    monkeypatch.setattr(_cli_validate, "validate", lambda *_a: 1 / 0)
    assert cli.main(["validate", "civil-number", "1", "--json"]) == 70
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "cli.internal"


def test_output_error_maps_not_found_to_3_and_others_to_1():
    out = Output(stdout=io.StringIO(), stderr=io.StringIO(), lang="ar")
    assert out.error(NotFound("Gone.", "غير موجود.", code="x.gone")) == ExitCode.NOT_FOUND
    assert out.error(InvalidChecksum("Bad.", "خطأ.", code="x.bad", field="f")) == 1
    assert out.stderr.getvalue().splitlines() == [
        "خطأ [x.gone]: غير موجود.",
        "خطأ [x.bad] (f): خطأ.",
    ]
    assert out.stdout.getvalue() == ""


def test_json_result_keeps_arabic_readable():
    out = Output(json=True, stdout=io.StringIO())
    out.result({"name": "سالم", "at": dt.date(2026, 3, 1)}, ["ignored"])
    assert json.loads(out.stdout.getvalue()) == {"name": "سالم", "at": "2026-03-01"}
    assert "سالم" in out.stdout.getvalue()


def test_every_label_has_both_languages():
    for key, (en, ar) in LABELS.items():
        assert label(key, "en") == en
        assert label(key, "ar") == ar != en


class _ClosedPipe(io.StringIO):
    def write(self, _text):
        raise BrokenPipeError


def test_a_closed_pipe_ends_quietly(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdout", _ClosedPipe())
    assert cli.main(["workflow", "list"]) == 0
    assert capsys.readouterr().err == ""
