"""The ``municipal`` command: the library at work from a shell.

``municipal demo`` runs both portals end to end and writes every document;
``validate``, ``fee``, ``render`` and ``workflow`` expose one piece each. Every command
takes ``--json`` (one JSON object on stdout, errors too) and ``--lang en|ar``, and exits
with an :class:`~municipal_core._cli_output.ExitCode`: 0 ok, 1 invalid input or a domain
rule, 2 a usage error, 3 not found, 70 an internal error. This module only parses the
command line and dispatches; each command lives in its own ``_cli_*`` module.

Examples:
    >>> main(["validate", "civil-number", "12345678", "--json"])
    {"kind": "civil-number", "valid": true, "identifier": "om.civil_number", \
"compact": "12345678", "formatted": "12345678", "masked": "*****678"}
    0
    >>> main(["workflow", "diagram", "no.such", "--json"])
    {"error": {"code": "cli.workflow.unknown", "field": "name", "message": "No workflow \
has that name; see `municipal workflow list`."}}
    3
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from municipal_core import _cli_demo, _cli_fee, _cli_render, _cli_validate, _cli_workflow
from municipal_core._cli_output import ExitCode, Output
from municipal_core.errors import Language, MunicipalError

__all__ = ["build_parser", "main"]


class _UsageError(Exception):
    def __init__(self, usage: str, message: str) -> None:
        super().__init__(message)
        self.usage = usage


class _Parser(argparse.ArgumentParser):
    # argparse prints and exits on a usage error; raising instead lets main() report it
    # like every other error (as JSON with --json) and return rather than exit.
    def error(self, message: str) -> NoReturn:
        raise _UsageError(self.format_usage(), message)


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print one JSON object")
    common.add_argument("--lang", choices=("en", "ar"), default="en", help="language of messages")
    return common


def build_parser() -> argparse.ArgumentParser:
    """Return the command's argument parser (every subcommand registered).

    Examples:
        >>> build_parser().parse_args(["workflow", "list", "--lang", "ar"]).lang
        'ar'
    """
    from municipal_core import __version__

    parser = _Parser(
        prog="municipal",
        description="Municipal services of Oman (Sohar) and Saudi Arabia (Balady).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=_Parser
    )
    parents = [_common()]
    for command in (_cli_demo, _cli_validate, _cli_fee, _cli_render, _cli_workflow):
        command.add_parser(commands, parents)
    return parser


def _raw_lang(argv: Sequence[str]) -> Language:
    # Only for reporting a usage error, when parsing failed and args.lang is unknown.
    for i, arg in enumerate(argv):
        if arg == "--lang=ar" or (arg == "--lang" and argv[i + 1 : i + 2] == ["ar"]):
            return "ar"
    return "en"


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (a test's capture)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    Never raises (``--help`` and ``--version`` print and return 0): the ``municipal``
    script runs ``sys.exit(main())``.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(arguments)
    except _UsageError as exc:
        out = Output(json="--json" in arguments, lang=_raw_lang(arguments))
        if not out.json:
            out.err.write(exc.usage)
        return int(out.usage(str(exc)))
    except SystemExit as exc:  # --help and --version print, then exit 0
        return exc.code if isinstance(exc.code, int) else int(ExitCode.OK)
    out = Output(json=args.json, lang=args.lang)
    try:
        return int(args.run(args, out))
    except MunicipalError as exc:
        return int(out.error(exc))
    except BrokenPipeError:
        # The reader went away (`municipal workflow list | head -1`): not an error of
        # ours. Point stdout at devnull so the interpreter's final flush stays quiet.
        _silence_stdout()
        return int(ExitCode.OK)
    except Exception as exc:  # the last resort: a bug, reported without a traceback
        return int(out.internal(exc))
