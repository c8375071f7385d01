r"""What the ``municipal`` command prints, where, and with which exit code.

Every command hands its result to one :class:`Output`: a JSON object on stdout with
``--json``, readable lines otherwise; progress lines go to stderr so they never mix with
a result a script parses. A :class:`~municipal_core.errors.MunicipalError` becomes its
stable code and its message in ``--lang``, never a traceback, and an :class:`ExitCode`.

Examples:
    >>> import io
    >>> out = Output(json=True, stdout=io.StringIO(), stderr=io.StringIO())
    >>> from municipal_core.errors import InvalidChecksum
    >>> out.error(InvalidChecksum("Bad check digit.", "خانة تحقق خاطئة.", code="x.checksum"))
    <ExitCode.INVALID: 1>
    >>> out.stdout.getvalue()
    '{"error": {"code": "x.checksum", "field": null, "message": "Bad check digit."}}\n'
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

import attrs

from municipal_core.errors import InvalidFormat, Language, MunicipalError, NotFound

__all__ = ["LABELS", "ExitCode", "Output", "label", "make_folder", "read_text", "write_file"]


class ExitCode(enum.IntEnum):
    """The command's exit status; the same number for the same kind of outcome.

    Examples:
        >>> int(ExitCode.NOT_FOUND)
        3
    """

    OK = 0
    """The command did what was asked."""
    INVALID = 1
    """Invalid input or a domain rule refused it (a typed ``MunicipalError``)."""
    USAGE = 2
    """The command line itself is wrong (argparse's own status)."""
    NOT_FOUND = 3
    """Something named does not exist: a workflow, a jurisdiction, a file."""
    INTERNAL = 70
    """A bug: an exception that is not a ``MunicipalError`` (``EX_SOFTWARE``)."""


LABELS: Mapping[str, tuple[str, str]] = {
    "error": ("error", "خطأ"),
    "internal": (
        "internal error; please report it with the command you ran",
        "خطأ داخلي؛ يرجى الإبلاغ عنه مع الأمر الذي نفذته",
    ),
    "compact": ("compact", "الصيغة المختصرة"),
    "formatted": ("formatted", "الصيغة المنسقة"),
    "masked": ("masked", "الصيغة المخفية"),
    "identifier": ("identifier", "المعرّف"),
    "total": ("total", "الإجمالي"),
    "wrote": ("wrote", "كُتب"),
    "bytes": ("bytes", "بايت"),
    "states": ("states", "حالات"),
    "done": ("done", "تم"),
}
"""The few words the command prints itself, in English and Arabic."""


def label(key: str, lang: Language) -> str:
    """Return the word ``key`` of :data:`LABELS` in ``lang``.

    Examples:
        >>> label("total", "ar")
        'الإجمالي'
    """
    en, ar = LABELS[key]
    return ar if lang == "ar" else en


def _json_default(value: object) -> Any:
    # Only what results hold besides JSON's own types; domain objects are turned into
    # dicts by serialization.to_dict before they reach here.
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (Decimal, Path)):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(type(value).__name__)


def read_text(path: str, *, field: str) -> str:
    """Return the text of the file ``path`` (UTF-8), or raise a typed error.

    Raises:
        NotFound: no such file (``cli.file.missing``).
        InvalidFormat: a directory, unreadable or not UTF-8 (``cli.file.unreadable``).

    Examples:
        >>> read_text("/no/such/file.json", field="data")
        Traceback (most recent call last):
            ...
        municipal_core.errors.NotFound: The file does not exist.
    """
    file = Path(path)
    if not file.exists():
        raise NotFound(
            "The file does not exist.", "الملف غير موجود.", code="cli.file.missing", field=field
        )
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidFormat(
            "The file cannot be read as UTF-8 text.",
            "تعذرت قراءة الملف نصًا بترميز UTF-8.",
            code="cli.file.unreadable",
            field=field,
        ) from exc


def _unwritable(field: str) -> InvalidFormat:
    return InvalidFormat(
        "The file cannot be written.", "تعذرت كتابة الملف.", code="cli.file.unwritable", field=field
    )


def make_folder(path: Path, *, field: str) -> Path:
    """Create the folder ``path`` (and its parents) if missing; return it.

    Raises:
        InvalidFormat: it cannot be created, or is a file (``cli.file.unwritable``).

    Examples:
        >>> make_folder(Path("/dev/null/out"), field="out")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: The file cannot be written.
    """
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _unwritable(field) from exc
    return path


def write_file(path: Path, data: bytes, *, field: str) -> int:
    """Write ``data`` to ``path`` (creating its folder); return the size written.

    Raises:
        InvalidFormat: the file cannot be written (``cli.file.unwritable``).

    Examples:
        >>> write_file(Path("/dev/null/x.pdf"), b"%PDF", field="out")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: The file cannot be written.
    """
    make_folder(path.parent, field=field)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise _unwritable(field) from exc
    return len(data)


@attrs.define
class Output:
    """Where one run of the command writes, and how.

    Attributes:
        json: print results and errors as one JSON object on stdout.
        lang: ``"en"`` or ``"ar"``, for messages and labels.
        stdout: results (``sys.stdout`` at the time of the call when ``None``).
        stderr: progress and, without ``json``, errors.
    """

    json: bool = False
    lang: Language = "en"
    stdout: TextIO | None = None
    stderr: TextIO | None = None

    @property
    def out(self) -> TextIO:
        """The stream results go to."""
        return self.stdout if self.stdout is not None else sys.stdout

    @property
    def err(self) -> TextIO:
        """The stream progress and text errors go to."""
        return self.stderr if self.stderr is not None else sys.stderr

    def result(self, data: Mapping[str, Any], lines: Iterable[str]) -> ExitCode:
        r"""Print ``data`` as JSON with ``--json``, else ``lines``; return ``OK``.

        Examples:
            >>> import io
            >>> out = Output(stdout=io.StringIO())
            >>> out.result({"a": 1}, ["a: 1"]), out.stdout.getvalue()
            (<ExitCode.OK: 0>, 'a: 1\n')
        """
        if self.json:
            print(
                json.dumps(data, ensure_ascii=False, default=_json_default),
                file=self.out,
            )
        else:
            for line in lines:
                print(line, file=self.out)
        return ExitCode.OK

    def progress(self, line: str) -> None:
        r"""Print one progress line to stderr (in JSON mode too: stdout stays one object).

        Examples:
            >>> import io
            >>> out = Output(stderr=io.StringIO())
            >>> out.progress("step 1"); out.stderr.getvalue()
            'step 1\n'
        """
        print(line, file=self.err, flush=True)

    def _fail(self, code: str, message: str, field: str | None) -> None:
        if self.json:
            body = {"error": {"code": code, "field": field, "message": message}}
            print(json.dumps(body, ensure_ascii=False), file=self.out)
        else:
            where = f" ({field})" if field else ""
            print(f"{label('error', self.lang)} [{code}]{where}: {message}", file=self.err)

    def error(self, exc: MunicipalError) -> ExitCode:
        """Report a typed error: its code and message in :attr:`lang`; return its status.

        ``NotFound`` gives :attr:`ExitCode.NOT_FOUND`, every other typed error
        :attr:`ExitCode.INVALID`.
        """
        self._fail(exc.code, exc.message(self.lang), exc.field)
        return ExitCode.NOT_FOUND if isinstance(exc, NotFound) else ExitCode.INVALID

    def usage(self, message: str) -> ExitCode:
        """Report a command-line mistake (argparse's message); return ``USAGE``.

        Examples:
            >>> import io
            >>> out = Output(stderr=io.StringIO())
            >>> out.usage("the following arguments are required: KIND")
            <ExitCode.USAGE: 2>
        """
        self._fail("cli.usage", message, None)
        return ExitCode.USAGE

    def internal(self, exc: BaseException) -> ExitCode:
        """Report an unexpected exception without a traceback; return ``INTERNAL``."""
        self._fail("cli.internal", f"{label('internal', self.lang)}: {type(exc).__name__}", None)
        return ExitCode.INTERNAL
