"""The fast path behind :func:`municipal_core.identifiers.phone.normalize_many`.

``phonenumbers.parse`` + ``is_valid_number`` cost some 30 µs a number, because ``parse``
is written for every shape a human can type: RFC 3966 URIs, extensions, vanity letters,
text around the number. What a portal stores is nearly always plain: digits (ASCII or
Arabic-Indic), a few separators, perhaps a leading ``+``. For exactly those shapes this
module replays phonenumbers' own parsing steps -- international prefix, country code,
the default region's country code typed without ``+``, national prefix, validity by
number type -- with regular expressions compiled once, at first use, from phonenumbers'
metadata (``PhoneMetadata.metadata_for_region``), so a metadata update changes our
answers exactly as it changes phonenumbers'. Text with letters or ``#`` first meets
phonenumbers' own viability check and extension stripping (its private helpers, looked
up with care); what is still not plain -- vanity letters, RFC 3966 URIs, a ``+`` inside
the number -- and numbers of regions whose metadata rewrites the number while stripping
its national prefix, go to phonenumbers' ``parse`` itself.

Each step names the phonenumbers function it mirrors. The guarantee that the two agree
is the differential property test in ``tests/identifiers/test_phone.py``, plus a probe
run once at first use: if phonenumbers' parsing code ever changes so that the probe
disagrees, the fast path switches itself off and every input goes to phonenumbers.

Private: the public face is :mod:`municipal_core.identifiers.phone`.
"""

from __future__ import annotations

import random
import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, TypeAlias, Union

if TYPE_CHECKING:
    from phonenumbers import PhoneMetadata

__all__ = [
    "CODE_COUNTRY",
    "CODE_FORMAT",
    "CODE_INVALID",
    "CODE_LENGTH",
    "Outcome",
    "Plan",
    "fast_outcome",
    "parse_error_code",
    "prepare",
    "sample_inputs",
    "slow_outcome",
]

CODE_FORMAT: Final = "phone.format"
CODE_LENGTH: Final = "phone.length"
CODE_COUNTRY: Final = "phone.country"
CODE_INVALID: Final = "phone.invalid"

Outcome: TypeAlias = "tuple[str | None, str | None]"
"""``(e164, None)`` for a valid number, ``(None, error_code)`` otherwise."""

# A step of the replay: (plan of the number's country, national number), an error code,
# or None for "ask phonenumbers".
_Step: TypeAlias = Union["tuple[Plan, str]", str, None]
_NO_COUNTRY_CODE: Final = "<none>"  # _without_plus found no country code in the number

# Our mirror of phonenumbers' ValidationResult, for Plan.length_result (our own values;
# slow_outcome maps phonenumbers' by name).
_IS_POSSIBLE = 0
_IS_POSSIBLE_LOCAL_ONLY = 1
_TOO_SHORT = 3
_INVALID_LENGTH = 4
_TOO_LONG = 5
_NOT_KEPT = frozenset((_TOO_SHORT, _IS_POSSIBLE_LOCAL_ONLY, _INVALID_LENGTH))
_LENGTH_REASONS = frozenset((_TOO_SHORT, _IS_POSSIBLE_LOCAL_ONLY, _INVALID_LENGTH, _TOO_LONG))

# Separators we drop. Each is in phonenumbers' _VALID_PUNCTUATION and in no extension
# label, so dropping it changes nothing in its parse. "~", "x", tabs and the bidi marks
# are deliberately absent (they are extension labels, or make the input "not a number"
# for phonenumbers): an input holding one goes to the slow path.
_ASCII_SEPARATORS = b" -./()"
_SEPARATORS = _ASCII_SEPARATORS.decode() + "\u00a0\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# As a table indexed by code point: str.translate looks a sequence up faster than a dict.
_DIGITS_AND_SEPARATORS: Final = tuple(
    None if chr(cp) in _SEPARATORS
    # Arabic-Indic and Extended Arabic-Indic (Persian) digits, which phonenumbers reads.
    else ord("0") + cp - 0x0660 if 0x0660 <= cp <= 0x0669
    else ord("0") + cp - 0x06F0 if 0x06F0 <= cp <= 0x06F9
    else cp
    for cp in range(max(map(ord, _SEPARATORS)) + 1)
)
# Copies of phonenumbers' _VALID_START_CHAR_PATTERN and _UNWANTED_END_CHAR_PATTERN: text
# before the first "+" or digit, and non-word characters after the number, are dropped
# before anything else is looked at.
_START = re.compile("[+\uff0b\\d]")
_UNWANTED_END = re.compile(r"(?:_|[^#\w])+$")
_TWO_DIGITS = re.compile(r"\d\d")
# An Arabic letter is neither punctuation, nor a vanity letter, nor part of an extension
# label, so a number with one inside is "not a number" for phonenumbers.
_ARABIC_LETTER = re.compile("[\u0620-\u064a]")
# Fusing patterns (see _Validity) is sound unless one refers to its own groups or sets
# flags inline; a region whose metadata does either falls back.
_NOT_FUSABLE = re.compile(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]")

# phonenumbers' parser limits and its country codes, read from it once (_load()).
_MIN_NSN = 2
_MAX_NSN = 17
_MAX_INPUT = 250
_loaded = False
_enabled = True
# phonenumbers' _extract_possible_number, _is_viable_phone_number, _maybe_strip_extension
_helpers: tuple[Callable[[str], str], Callable[[str], bool],
                Callable[[str], tuple[str, str]]] | None = None
_cc_by_prefix: dict[str, str] = {}  # first 3 digits after "+"/IDD -> country code
# first 3 digits after "+"/IDD -> (plan, length of the country code), for built plans
_routes: dict[str, tuple[Plan, int]] = {}
_plans_by_region: dict[str, Plan | None] = {}
_plans_by_cc: dict[str, Plan | None] = {}
_lock = threading.RLock()


def _load() -> None:
    global _MIN_NSN, _MAX_NSN, _MAX_INPUT
    import phonenumbers as pn
    from phonenumbers import phonenumberutil as pu

    # Private constants of phonenumbers; should a release rename them, the values they
    # have had since libphonenumber's first Python port stand in (and the probe checks).
    _MIN_NSN = getattr(pu, "_MIN_LENGTH_FOR_NSN", 2)
    _MAX_NSN = getattr(pu, "_MAX_LENGTH_FOR_NSN", 17)
    _MAX_INPUT = getattr(pu, "_MAX_INPUT_STRING_LENGTH", 250)
    # _extract_country_code tries the first 1, 2, then 3 digits; after "+" or an IDD
    # there are always at least 3 (fewer is TOO_SHORT_AFTER_IDD), so one look-up of the
    # first three digits gives its answer.
    codes = {str(cc) for cc in pn.COUNTRY_CODE_TO_REGION_CODE}
    global _helpers
    found = [getattr(pu, name, None) for name in (
        "_extract_possible_number", "_is_viable_phone_number", "_maybe_strip_extension")]
    _helpers = tuple(found) if all(map(callable, found)) else None  # type: ignore[assignment]
    width = getattr(pu, "_MAX_LENGTH_COUNTRY_CODE", 3)
    for n in range(10 ** (width - 1), 10**width):
        head = str(n)
        for k in range(1, width + 1):
            if head[:k] in codes:
                _cc_by_prefix[head] = head[:k]
                break


def _literal(pattern: str | None) -> str | None:
    """Return ``pattern`` if it is a plain run of digits (then ``startswith`` will do)."""
    return pattern if pattern and pattern.isascii() and pattern.isdigit() else None


class _Validity(dict[int, "re.Pattern[str] | None"]):
    """Per national-number length, one expression saying whether ``is_valid_number`` holds.

    ``is_valid_number`` is ``_number_type_helper(...) != UNKNOWN``: the general pattern
    and lengths, then any type whose pattern matches and whose lengths (when given)
    include the number's -- the special types, fixed line, and mobile unless its pattern
    is the fixed line's (phonenumbers then never looks at it). We fuse that into one
    expression, the general pattern as a look-ahead and the types as alternatives (the
    verdict does not depend on their order, so mobile and fixed line go first), compiled
    the first time a number of that length comes by.
    """

    __slots__ = ("general", "types")

    def __init__(self, metadata: PhoneMetadata) -> None:
        super().__init__()
        general = metadata.general_desc
        self.general = general
        descs = [
            metadata.fixed_line, metadata.premium_rate, metadata.toll_free,
            metadata.shared_cost, metadata.voip, metadata.personal_number, metadata.pager,
            metadata.uan, metadata.voicemail,
        ]
        if not metadata.same_mobile_and_fixed_line_pattern:
            descs.insert(0, metadata.mobile)
        self.types = [(d.national_number_pattern, d.possible_length)
                      for d in descs if d is not None and d.national_number_pattern]
        texts = [text for text, _ in self.types]
        if general is not None and general.national_number_pattern:
            texts.append(general.national_number_pattern)
        if any(_NOT_FUSABLE.search(text) for text in texts):
            raise LookupError(metadata.id)

    def __missing__(self, length: int) -> re.Pattern[str] | None:
        general = self.general
        pattern = None
        # _match_national_number: no general pattern never matches.
        if (
            general is not None and general.national_number_pattern
            and (not general.possible_length or length in general.possible_length)
        ):
            alternatives = [t for t, lengths in self.types if not lengths or length in lengths]
            if alternatives:
                pattern = re.compile(
                    f"(?=(?:{general.national_number_pattern})\\Z)(?:"
                    + "|".join(f"(?:{a})" for a in alternatives) + ")"
                )
        self[length] = pattern
        return pattern


_DIGITS = "0123456789"
_UNICODE_FLAG = re.UNICODE.value  # set on every str pattern
_TABLE_DEPTH = 3  # at most 1000 entries per table


class _Automaton:
    r"""Metadata patterns as one automaton over the ten digits, to judge numbers by prefix.

    The patterns in phonenumbers' metadata are plain regular expressions -- digits,
    classes, ``\d``, alternatives, counted repeats -- so for a number of a given length
    the first few digits usually settle the verdict: every ``5`` + 8 digits is a valid
    Saudi mobile number whatever follows ``50``, no general pattern starts with ``0``.
    :meth:`table` works those prefixes out once, from the patterns' own syntax tree (a
    Thompson automaton), so a look-up replaces most regular-expression matches; a prefix
    it cannot settle within three digits is left to the expression. Python's parser of
    regular expressions is private (``re._parser``, ``sre_parse`` before 3.11): if it is
    missing, changed, or meets a construct we do not model, there is simply no table.
    """

    def __init__(self) -> None:
        import importlib

        try:
            self._parser = importlib.import_module("re._parser")
            self._maxrepeat = importlib.import_module("re._constants").MAXREPEAT
        except ImportError:  # Python 3.10
            self._parser = importlib.import_module("sre_parse")
            self._maxrepeat = importlib.import_module("sre_constants").MAXREPEAT
        self.eps: list[list[int]] = []
        self.moves: list[list[tuple[frozenset[str], int]]] = []
        self._closures: dict[frozenset[int], frozenset[int]] = {}
        self._steps: dict[tuple[frozenset[int], str], frozenset[int]] = {}
        self._verdicts: dict[tuple[frozenset[int], frozenset[int] | None, int], int] = {}

    def _new(self) -> int:
        if len(self.eps) > 20_000:
            raise LookupError("automaton too large")
        self.eps.append([])
        self.moves.append([])
        return len(self.eps) - 1

    def add(self, pattern: str) -> tuple[int, int]:
        """Add ``pattern``; return its start and accepting state."""
        parsed = self._parser.parse(pattern)
        if parsed.state.flags & ~_UNICODE_FLAG:
            raise LookupError("flags")  # (?i) and the like: not modelled
        start = self._new()
        return start, self._sequence(list(parsed), start)

    def _sequence(self, items: list[tuple[Any, Any]], state: int) -> int:
        for op, arg in items:
            state = self._item(str(op), arg, state)
        return state

    def _item(self, op: str, arg: Any, state: int) -> int:
        if op in ("LITERAL", "IN"):
            chars = self._chars(op, arg)
            target = self._new()
            self.moves[state].append((chars, target))
            return target
        if op == "BRANCH":
            end = self._new()
            for alternative in arg[1]:
                begin = self._new()
                self.eps[state].append(begin)
                self.eps[self._sequence(list(alternative), begin)].append(end)
            return end
        if op == "SUBPATTERN":
            _, add_flags, del_flags, items = arg
            if add_flags or del_flags:
                raise LookupError("flags")
            return self._sequence(list(items), state)
        if op in ("MAX_REPEAT", "MIN_REPEAT"):
            low, high, items = arg
            for _ in range(low):
                state = self._sequence(list(items), state)
            if high == self._maxrepeat:
                loop = self._new()
                self.eps[state].append(loop)
                self.eps[self._sequence(list(items), loop)].append(loop)
                return loop
            for _ in range(high - low):
                end = self._new()
                begin = self._new()
                self.eps[state] += [begin, end]
                self.eps[self._sequence(list(items), begin)].append(end)
                state = end
            return state
        raise LookupError(op)  # anchors, look-arounds, back-references: no table

    def _chars(self, op: str, arg: Any) -> frozenset[str]:
        """The digits a LITERAL or IN item accepts (our numbers hold digits only)."""
        if op == "LITERAL":
            return frozenset(chr(arg)) & frozenset(_DIGITS)
        chars: set[str] = set()
        negate = False
        for kind, value in arg:
            kind = str(kind)
            if kind == "NEGATE":
                negate = True
            elif kind == "LITERAL":
                chars.add(chr(value))
            elif kind == "RANGE":
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            elif kind == "CATEGORY" and str(value) == "CATEGORY_DIGIT":
                chars.update(_DIGITS)
            else:
                raise LookupError(kind)
        digits = frozenset(_DIGITS)
        return digits - chars if negate else digits & chars

    def closure(self, states: frozenset[int]) -> frozenset[int]:
        """The states reachable from ``states`` without reading a digit."""
        found = self._closures.get(states)
        if found is None:
            seen = set(states)
            todo = list(states)
            while todo:
                for nxt in self.eps[todo.pop()]:
                    if nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
            found = self._closures[states] = frozenset(seen)
        return found

    def step(self, states: frozenset[int], digit: str) -> frozenset[int]:
        """The states after reading ``digit``."""
        key = (states, digit)
        found = self._steps.get(key)
        if found is None:
            found = self._steps[key] = self.closure(frozenset(
                target for state in states for chars, target in self.moves[state]
                if digit in chars
            ))
        return found

    def _verdict(self, first: frozenset[int], second: frozenset[int] | None,
                 ends: tuple[frozenset[int], frozenset[int]], left: int) -> int:
        """1 if every ``left`` more digits are accepted by both parts, 0 if none, else 2.

        ``second`` is None when there is one part only.
        """
        if not first or (second is not None and not second):
            return 0
        key = (first, second, left)
        found = self._verdicts.get(key)
        if found is None:
            if left == 0:
                found = int(bool(first & ends[0]) and (second is None or bool(second & ends[1])))
            else:
                seen = {
                    self._verdict(self.step(first, d),
                                  None if second is None else self.step(second, d), ends, left - 1)
                    for d in _DIGITS
                }
                found = seen.pop() if len(seen) == 1 else 2
            self._verdicts[key] = found
        return found

    def table(
        self, first: frozenset[int], second: frozenset[int] | None,
        ends: tuple[frozenset[int], frozenset[int]], length: int,
    ) -> tuple[int, dict[str, bool]]:
        """Verdicts on numbers of ``length`` digits, by their first ``depth`` digits.

        ``first`` and ``second`` are the (closed) start states of two parts that must both
        accept; a prefix left out of the table needs the regular expression.
        """
        leaves: list[tuple[str, int]] = []
        todo = [("", self.closure(first), None if second is None else self.closure(second))]
        while todo:
            prefix, one, two = todo.pop()
            verdict = self._verdict(one, two, ends, length - len(prefix))
            if verdict != 2 or len(prefix) == min(_TABLE_DEPTH, length):
                leaves.append((prefix, verdict))
            else:
                todo += [(prefix + d, self.step(one, d), None if two is None else self.step(two, d))
                         for d in _DIGITS]
        depth = max(len(prefix) for prefix, _ in leaves)
        table: dict[str, bool] = {}
        for prefix, verdict in leaves:
            if verdict == 2:
                continue
            pad = depth - len(prefix)
            for n in range(10**pad):
                table[prefix + (str(n).zfill(pad) if pad else "")] = verdict == 1
        return depth, table


_Check: TypeAlias = "tuple[int, dict[str, bool], re.Pattern[str] | None]"
"""A verdict by leading digits: ``(depth, verdict by the first depth digits, expression
for numbers the table leaves out)``."""


_Parts: TypeAlias = "tuple[_Automaton, int, int, list[tuple[int, int, tuple[int, ...]]]]"

# Regions whose plans get prefix tables: ours, and every default region asked for. Other
# countries' numbers are rarer; the regular expressions serve them without set-up cost.
_TABLE_REGIONS = {"SA", "OM"}


class _Checks(dict[int, _Check]):
    """Per length: whether a number is valid, or (without metadata) fits the pattern.

    An :class:`_Automaton` table backed by the regular expression, built at first need.
    """

    __slots__ = ("_general_only", "_parts", "_plan")

    def __init__(self, plan: Plan, metadata: PhoneMetadata | None) -> None:
        super().__init__()
        self._plan = plan
        self._general_only = metadata is None
        self._parts: _Parts | bool | None = False  # False: not built yet

    def _build(self) -> _Parts | None:
        validity = self._plan.valid_by_length
        general = validity.general
        try:
            automaton = _Automaton()
            assert general is not None
            assert general.national_number_pattern
            start, end = automaton.add(general.national_number_pattern)
            types = [] if self._general_only else [
                (*automaton.add(text), tuple(lengths)) for text, lengths in validity.types
            ]
        except Exception:  # any surprise in a private parser: no tables
            return None
        return automaton, start, end, types

    def __missing__(self, length: int) -> _Check:
        plan = self._plan
        pattern = plan.general if self._general_only else plan.valid_by_length[length]
        check: _Check = (0, {}, pattern)
        if self._parts is False and plan.region in _TABLE_REGIONS:
            self._parts = self._build()
        parts = self._parts
        if pattern is None:
            check = (0, {"": False}, None)
        elif isinstance(parts, tuple) and length <= _MAX_NSN + 3:
            automaton, start, end, types = parts
            try:
                ends: tuple[frozenset[int], frozenset[int]]
                if self._general_only:
                    second, ends = None, (frozenset((end,)), frozenset())
                else:
                    allowed = [t for t in types if not t[2] or length in t[2]]
                    second = frozenset(t[0] for t in allowed)
                    ends = (frozenset((end,)), frozenset(t[1] for t in allowed))
                depth, table = automaton.table(frozenset((start,)), second, ends, length)
                check = (depth, table, pattern)
            except Exception:  # no table: the expression decides
                check = (0, {}, pattern)
        self[length] = check
        return check


class Plan:
    """A country code's parsing and validation rules, compiled from phonenumbers' metadata.

    Parsing follows the main region of the country code (the one phonenumbers'
    ``region_code_for_country_code`` names); validity follows
    ``region_code_for_number``: one region, or -- for a code shared by several regions
    (+1, +44, +7...) -- the first whose leading digits, or else whose patterns, match.
    """

    __slots__ = (
        "cc",
        "checks",
        "e164_prefix",
        "flows",
        "general",
        "general_checks",
        "idd",
        "idd_literal",
        "invalid_code",
        "length_result",
        "members",
        "national_prefix",
        "national_prefix_literal",
        "region",
        "valid_by_length",
    )

    def __init__(self, metadata: PhoneMetadata, members: list[PhoneMetadata]) -> None:
        general = metadata.general_desc
        if (
            general is None
            or not general.national_number_pattern
            or not general.possible_length
            or metadata.country_code is None
            or metadata.national_prefix_transform_rule
        ):
            # A transform rule rewrites the number while stripping the national prefix
            # (Argentina, Brazil...); we do not replay that, so such a region falls back.
            raise LookupError(metadata.id)
        self.region = metadata.id
        self.cc = str(metadata.country_code)
        self.e164_prefix = "+" + self.cc
        idd = metadata.international_prefix
        self.idd_literal = _literal(idd)
        self.idd = re.compile(idd) if idd else None
        npfp = metadata.national_prefix_for_parsing
        self.national_prefix_literal = _literal(npfp)
        self.national_prefix = re.compile(npfp) if npfp else None
        self.general = re.compile(general.national_number_pattern)

        # _test_number_length on the general description, for every length there is.
        lengths = general.possible_length
        local = general.possible_length_local_only
        results = []
        for n in range(_MAX_INPUT + 1):
            if n in local:
                results.append(_IS_POSSIBLE_LOCAL_ONLY)
            elif n == lengths[0]:
                results.append(_IS_POSSIBLE)
            elif n < lengths[0]:
                results.append(_TOO_SHORT)
            elif n > lengths[-1]:
                results.append(_TOO_LONG)
            else:
                results.append(_IS_POSSIBLE if n in lengths else _INVALID_LENGTH)
        self.length_result = tuple(results)
        # What is_possible_number_with_reason makes of an invalid number, as our code.
        self.invalid_code = tuple(
            CODE_LENGTH if r in _LENGTH_REASONS else CODE_INVALID for r in results
        )
        self.valid_by_length = _Validity(metadata)
        # Per national-number length, the outcome by leading digits (see _finish).
        self.flows: list[dict[str, tuple[int, str]]] = [{} for _ in range(_MAX_NSN + 4)]
        self.checks = _Checks(self, metadata)
        self.general_checks = _Checks(self, None)
        self.members: tuple[tuple[re.Pattern[str] | None, _Validity], ...]
        self.members = tuple(
            (re.compile(m.leading_digits) if m.leading_digits is not None else None,
             _Validity(m))
            for m in members
        ) if len(members) > 1 else ()

    def fits(self, number: str) -> bool:
        """Whether ``number`` matches the general pattern (``_match_national_number``)."""
        if len(number) >= len(self.flows):
            return self.general.fullmatch(number) is not None
        depth, table, pattern = self.general_checks[len(number)]
        verdict = table.get(number[:depth])
        if verdict is None:
            return pattern is not None and pattern.fullmatch(number) is not None
        return verdict

    def strip_national_prefix(self, number: str) -> str:
        """Mirror ``_maybe_strip_national_prefix_carrier_code`` (no transform rule)."""
        prefix = self.national_prefix
        if prefix is None or not number:
            return number
        literal = self.national_prefix_literal
        if literal is not None:
            if not number.startswith(literal):
                return number
            rest = number[len(literal):]
        else:
            match = prefix.match(number)
            if match is None:
                return number
            rest = number[match.end():]
        # Keep the prefix when the number was viable with it and is not without it.
        if self.fits(number) and not self.fits(rest):
            return number
        return rest

    def is_valid(self, nsn: str) -> bool:
        """Mirror ``is_valid_number`` for a number with this plan's country code."""
        if not self.members:
            pattern = self.valid_by_length[len(nsn)]
            return pattern is not None and pattern.fullmatch(nsn) is not None
        # _region_code_for_number_from_list, then is_valid_number_for_region.
        for leading, by_length in self.members:
            pattern = by_length[len(nsn)]
            if leading is not None:
                if leading.match(nsn) is None:
                    continue
            elif pattern is None or pattern.fullmatch(nsn) is None:
                continue
            return pattern is not None and pattern.fullmatch(nsn) is not None
        return False


def prepare(region: str | None) -> tuple[bool, Plan | None]:
    """Return whether the fast path may run for ``region``, and the region's plan.

    ``region`` is an upper-case region code, or None for "no default region". The fast
    path may run for None, and for a region that has a plan: one whose country code is
    its own or whose main region it is, and whose metadata has no national-prefix
    transform rule. The first call runs the probe (see the module docstring).
    """
    global _loaded
    if not _loaded:
        with _lock:
            if not _loaded:
                _load()
                _probe()
                # Only now may other threads take the fast path: the probe has had its say.
                _loaded = True
    if not _enabled:
        return False, None
    if region is None:
        return True, None
    _TABLE_REGIONS.add(region)
    plan = _plan_for_region(region)
    return plan is not None, plan


def _plan_for_region(region: str) -> Plan | None:
    try:
        return _plans_by_region[region]
    except KeyError:
        pass
    import phonenumbers as pn

    metadata = pn.PhoneMetadata.metadata_for_region(region, None)
    plan = None
    if metadata is not None and metadata.country_code is not None:
        regions = pn.COUNTRY_CODE_TO_REGION_CODE.get(metadata.country_code, ())
        if regions[:1] == (region,):
            plan = _plan_for_cc(str(metadata.country_code))
    with _lock:
        _plans_by_region[region] = plan
    return plan


def _plan_for_cc(cc: str) -> Plan | None:
    try:
        return _plans_by_cc[cc]
    except KeyError:
        pass
    import phonenumbers as pn

    with _lock:
        if cc in _plans_by_cc:
            return _plans_by_cc[cc]
        plan = None
        regions = pn.COUNTRY_CODE_TO_REGION_CODE.get(int(cc), ())
        found = [pn.PhoneMetadata.metadata_for_region(r, None) for r in regions]
        members = [m for m in found if m is not None]
        # Non-geographical codes (+800, +882...) have no region metadata: slow path.
        if members and members[0].id == regions[0]:
            try:
                plan = Plan(members[0], members)
            except LookupError:
                plan = None
        _plans_by_cc[cc] = plan
        if plan is not None:
            for head, code in _cc_by_prefix.items():
                if code == cc:
                    _routes[head] = plan, len(cc)
        return plan


def _probe() -> None:
    """Switch the fast path off if it disagrees with phonenumbers on a few examples.

    A canary, run once: the metadata is read, not copied, but the parsing steps are
    replayed, so a change to them in a new phonenumbers release must not go unnoticed.
    """
    global _enabled
    import phonenumbers as pn

    probes = ["", "N/A", "12", "00", "+", "966", "+968", "0096650", "+00966501234567"]
    for home in ("SA", "OM"):
        metadata = pn.PhoneMetadata.metadata_for_region(home)
        assert metadata is not None
        cc = str(metadata.country_code)
        for desc in (metadata.fixed_line, metadata.mobile, metadata.toll_free):
            nsn = desc.example_number if desc is not None else None
            if nsn:
                for body in (nsn, nsn[:-1], "0" + nsn):
                    probes += [body, f"+{cc} {body[:2]}-{body[2:]}", "00" + cc + body, cc + body]
    for region in ("SA", "OM", None):
        plan = _plan_for_region(region) if region else None
        if region and plan is None:
            continue
        for text in probes:
            fast = fast_outcome(text, plan)
            if fast is not None and fast != slow_outcome(text, region):
                _enabled = False
                return


_UNDECIDED: Final = (-1, "")
_FLOW_KEY = 4  # leading digits that key Plan.flows: a national prefix + a table's depth


def _table_says(check: _Check, head: str, length: int) -> bool | None:
    """A check's verdict on a number of ``length`` digits that starts with ``head``."""
    depth, table, _ = check
    if depth > len(head) and len(head) < length:
        return None  # the table needs digits we do not have
    return table.get(head[:depth])


def _decide(plan: Plan, head: str, length: int) -> tuple[int, str]:
    """What :func:`_finish_in_full` does with all ``length``-digit numbers after ``head``.

    If the prefix tables settle it: ``(digits to strip, "")`` for valid, ``(0, code)``
    for invalid; ``_UNDECIDED`` otherwise.
    """
    if length < _MIN_NSN:
        return 0, CODE_LENGTH
    if plan.members or (plan.national_prefix is not None and plan.national_prefix_literal is None):
        return _UNDECIDED
    strip = 0
    literal = plan.national_prefix_literal
    if literal is not None and head.startswith(literal):
        # strip_national_prefix: the prefix goes unless the number fits the general
        # pattern with it (and not without: rare, so left to _finish_in_full).
        size = len(literal)
        if _table_says(plan.general_checks[length], head, length) is not False:
            return _UNDECIDED
        if plan.length_result[length - size] not in _NOT_KEPT:
            strip = size
    n = length - strip
    if n < _MIN_NSN or n > _MAX_NSN:
        return 0, CODE_LENGTH
    valid = _table_says(plan.checks[n], head[strip:], n)
    if valid is None:
        return _UNDECIDED
    return (strip, "") if valid else (0, plan.invalid_code[n])


def _finish_in_full(plan: Plan, national: str) -> Outcome:
    """Mirror the end of ``parse`` plus ``is_valid_number`` and ``format_number(E164)``.

    The pattern checks read the plans' prefix tables first (inlined).
    """
    if len(national) < _MIN_NSN:
        return None, CODE_LENGTH  # TOO_SHORT_NSN
    stripped = plan.strip_national_prefix(national)
    if plan.length_result[len(stripped)] not in _NOT_KEPT:
        national = stripped
    n = len(national)
    if n < _MIN_NSN or n > _MAX_NSN:
        return None, CODE_LENGTH  # TOO_SHORT_NSN / TOO_LONG
    # national_significant_number() gives back exactly these digits (leading zeros are
    # kept by the italian_leading_zero fields), so E.164 is "+", the code, the digits.
    valid: bool | None
    if plan.members:
        valid = plan.is_valid(national)
    else:
        depth, table, pattern = plan.checks[n]
        valid = table.get(national[:depth])
        if valid is None:
            valid = pattern is not None and pattern.fullmatch(national) is not None
    if valid:
        return plan.e164_prefix + national, None
    return None, plan.invalid_code[n]


def _after_idd(digits: str) -> _Step:
    """The country code after ``+`` or an international prefix, per phonenumbers."""
    if len(digits) <= _MIN_NSN:
        return CODE_LENGTH  # TOO_SHORT_AFTER_IDD
    cc = _cc_by_prefix.get(digits[:3])
    if cc is None:
        return CODE_COUNTRY  # INVALID_COUNTRY_CODE
    try:
        plan = _plans_by_cc[cc]
    except KeyError:
        plan = _plan_for_cc(cc)
    if plan is None:
        return None  # a country code we do not replay: ask phonenumbers
    return plan, digits[len(cc):]


def _without_plus(digits: str, default: Plan) -> _Step:
    """Mirror ``_maybe_extract_country_code`` for a number typed without ``+``.

    Returns ``_NO_COUNTRY_CODE`` when the number holds no country code.
    """
    literal = default.idd_literal
    if literal is not None:
        end = len(literal) if digits.startswith(literal) else -1
    else:
        match = default.idd.match(digits) if default.idd is not None else None
        end = match.end() if match is not None else -1
    # _parse_prefix_as_idd: the prefix counts only if the next digit is not 0.
    if end >= 0 and digits[end:end + 1] != "0":
        return _after_idd(digits[end:])
    cc = default.cc
    if digits.startswith(cc):
        # The default region's own country code typed without "+": phonenumbers strips
        # it only if that turns an invalid number into a viable one, or the number was
        # too long with it.
        rest = default.strip_national_prefix(digits[len(cc):])
        if (
            not default.fits(digits) and default.fits(rest)
        ) or default.length_result[len(digits)] == _TOO_LONG:
            return default, rest
    return _NO_COUNTRY_CODE


def fast_outcome(text: str, default: Plan | None, whole: bool = True) -> Outcome | None:
    """Return phonenumbers' outcome for ``text``, or None when it must ask phonenumbers.

    ``default`` is the default region's plan, or None for no default region (the number
    must then carry ``+`` and a country code). Call :func:`prepare` first: it loads
    phonenumbers' limits, and says whether the fast path may run for the region at all.
    ``whole=False`` reads a number whose extension :func:`_unusual` has removed: ``parse``
    strips one extension, once.
    """
    if len(text) > _MAX_INPUT:
        return None, CODE_LENGTH
    plus = False
    if text.isascii():
        # The common case, on bytes: C-speed deletion of the separators.
        digits = text.encode().translate(None, _ASCII_SEPARATORS).decode()
        plain = digits.isdigit()
    else:
        digits = text.translate(_DIGITS_AND_SEPARATORS)
        plain = digits.isdigit() and digits.isascii()
    if not plain:
        if digits[:1] == "+" and digits[1:].isdigit() and digits.isascii():
            plus, digits = True, digits[1:]
        else:
            cleaned = _cleaned(text, default, whole)
            if type(cleaned) is not str:
                return cleaned  # type: ignore[return-value]
            plus, digits = cleaned[0] == "+", cleaned.lstrip("+")
    # phonenumbers' viability check: three digits, or exactly two and nothing else.
    if len(digits) < 3 and (len(digits) < 2 or plus or _TWO_DIGITS.search(text) is None):
        return None, CODE_FORMAT
    # Which country's plan reads the number, and its national part. The common cases
    # come first, inlined; the rest go through _after_idd and _without_plus.
    plan: Plan | None = None
    national = ""
    if plus:
        route = _routes.get(digits[:3])
        if route is not None:
            plan, size = route
            national = digits[size:]
    elif default is None:
        return None, CODE_COUNTRY  # no region, no "+": "Missing or invalid default region"
    else:
        idd = default.idd_literal
        if idd is not None:
            if not digits.startswith(idd):
                if not digits.startswith(default.cc):
                    # A national number: no international prefix, no country code.
                    plan, national = default, digits
            else:
                rest = digits[len(idd):]
                # (The next digit must not be 0: no route starts with one.)
                route = _routes.get(rest[:3]) if len(rest) > 2 else None
                if route is not None:
                    plan, size = route
                    national = rest[size:]
    if plan is None:
        step: _Step
        if plus:
            step = _after_idd(digits)
            if step == CODE_COUNTRY:
                # parse() retries a "+" number whose country code is unknown as if the
                # "+" were not there (so "+00966..." is read through the "00" prefix).
                if default is None:
                    return None, CODE_COUNTRY
                step = _without_plus(digits, default)
                if step == _NO_COUNTRY_CODE:
                    return None, CODE_COUNTRY
        else:
            assert default is not None
            step = _without_plus(digits, default)
            if step == _NO_COUNTRY_CODE:
                step = default, digits
        if step is None:
            return None
        if isinstance(step, str):
            return None, step
        plan, national = step
    # _finish, with its look-up inlined.
    length = len(national)
    if length < len(plan.flows):
        flows = plan.flows[length]
        key = national[:_FLOW_KEY]
        decided = flows.get(key)
        if decided is None:
            decided = flows[key] = _decide(plan, key, length)
        if decided is not _UNDECIDED:
            strip, code = decided
            if code:
                return None, code
            return plan.e164_prefix + national[strip:], None
    return _finish_in_full(plan, national)


def _cleaned(text: str, default: Plan | None, whole: bool) -> str | Outcome | None:
    """The digits of text that is not plain ("+" in front if it has one), or the outcome.

    Or None, to ask phonenumbers. Text before the first "+" or digit is ignored by
    phonenumbers (unless the input is an RFC 3966 URI, which ";" gives away), as are
    trailing non-word characters; what is left must be our plain shape.
    """
    if ";" in text:
        return None
    start = _START.search(text)
    if start is None:
        return None, CODE_FORMAT  # no "+" or digit: not a number
    body = text[start.start():]
    end = _UNWANTED_END.search(body)
    if end is not None:
        body = body[:end.start()]
    if _ARABIC_LETTER.search(body) is not None:
        return None, CODE_FORMAT
    digits = body.translate(_DIGITS_AND_SEPARATORS)
    if not digits:
        return None, CODE_FORMAT  # only a "+" and separators: not a number
    bare = digits.lstrip("+")
    if not (bare.isdigit() and bare.isascii()) or (
        # pluses apart ("+ +966"): not viable
        bare != digits and not body.startswith("+" * (len(digits) - len(bare)))
    ):
        return _unusual(text, default) if whole else None
    # Several "+" in a row read as one: _PLUS_CHARS_PATTERN takes them all.
    return "+" + bare if bare != digits else bare


def _unusual(text: str, default: Plan | None) -> Outcome | None:
    """One more try before phonenumbers' full parse, for text with letters or ``#``.

    Using phonenumbers' own helpers (private, so looked up with care): text that fails
    its viability check is "not a number" (``05O1234567``, ``050 123 4567 #``); with an
    extension (``ext. 12``, ``x5``) the rest is read as usual, as ``parse`` does.
    Anything else -- vanity letters, say -- is left to ``parse``.
    """
    helpers = _helpers
    if helpers is None:
        return None
    extract, viable, strip_extension = helpers
    extracted = extract(text)
    if not viable(extracted):
        return None, CODE_FORMAT  # NOT_A_NUMBER
    extension, number = strip_extension(extracted)
    if not extension:
        return None
    # What is left goes on through parse() from the country code on: no second look for
    # text around it or another extension (a letter left inside sends it to parse()).
    return fast_outcome(number, default, whole=False)


def slow_outcome(text: object, region: str | None) -> Outcome:
    """Return phonenumbers' own outcome: parse, is_valid_number, format_number(E164)."""
    import phonenumbers as pn

    if not isinstance(text, str):
        return None, CODE_FORMAT
    try:
        number = pn.parse(text, region)
    except pn.NumberParseException as exc:
        return None, parse_error_code(exc.error_type)
    if pn.is_valid_number(number):
        return pn.format_number(number, pn.PhoneNumberFormat.E164), None
    reason = pn.is_possible_number_with_reason(number)
    v = pn.ValidationResult
    if reason == v.INVALID_COUNTRY_CODE:
        return None, CODE_COUNTRY
    if reason in (v.TOO_SHORT, v.TOO_LONG, v.INVALID_LENGTH, v.IS_POSSIBLE_LOCAL_ONLY):
        return None, CODE_LENGTH
    return None, CODE_INVALID


def parse_error_code(error_type: int) -> str:
    """Map a ``NumberParseException.error_type`` to our error code."""
    import phonenumbers as pn

    e = pn.NumberParseException
    if error_type == e.INVALID_COUNTRY_CODE:
        return CODE_COUNTRY
    if error_type in (e.TOO_SHORT_AFTER_IDD, e.TOO_SHORT_NSN, e.TOO_LONG):
        return CODE_LENGTH
    return CODE_FORMAT  # NOT_A_NUMBER


def sample_inputs(count: int, seed: int = 968_966) -> list[str]:
    """Return ``count`` realistic, seeded phone inputs for the benchmark and the tests.

    The mix: Omani and Saudi mobiles and landlines typed every way people type them
    (``+``, ``00``, bare country code, national ``0``, spaces, dashes, dots, parentheses,
    Arabic-Indic digits), invalid ones (too short, too long, wrong prefix), foreign
    numbers and junk.
    """
    rng = random.Random(seed)
    return [_one_input(rng) for _ in range(count)]


_ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_JUNK = (
    "", " ", "-", "+", "N/A", "n/a", "لا يوجد", "none", "0", "00", "12", "123",
    "test", "???", "mohammed@example.com", "tel:+966501234567", "+966 50 123 4567 ext. 12",
    "+968 2412 3456 x5", "050 123 4567 #", "1-800-FLOWERS", "0501234567/0551234567",
    "Tel: 0501234567", "(050) 123 4567 mobile", "٠٥٠١٢٣٤٥٦٧ جوال", "+٩٦٦٥٠١٢٣٤٥٦٧",
    "0096650123456789", "\u200f0501234567", "05O1234567", "٩٦٨ ٩١٢٣ ٤٥٦٧", "++966501234567",
)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _sa_national(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.7:  # mobile: 5 + operator digit + 7
        return "5" + rng.choice("0345689") + _digits(rng, 7)
    if kind < 0.9:  # landline: area code 11, 12, 13, 14, 16, 17 + 7 digits
        return "1" + rng.choice("123467") + _digits(rng, 7)
    return rng.choice(("800", "9200")) + _digits(rng, 7 if kind < 0.95 else 5)


def _om_national(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.7:
        return rng.choice("97") + rng.choice("12456789") + _digits(rng, 6)
    if kind < 0.95:
        return "2" + rng.choice("123456") + _digits(rng, 6)
    return "800" + _digits(rng, 5)


def _group(rng: random.Random, digits: str) -> str:
    """Insert separators the way people do: groups of 2-4 with a space, dash or dot."""
    style = rng.random()
    if style < 0.4:
        return digits
    sep = rng.choice((" ", " ", "-", ".", " - "))
    out, i = [], 0
    while i < len(digits):
        step = rng.choice((2, 3, 3, 4))
        out.append(digits[i:i + step])
        i += step
    if style > 0.9 and len(out) > 1:
        out[0] = "(" + out[0] + ")"
    return sep.join(out)


def _one_input(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.04:
        return rng.choice(_JUNK)
    if roll < 0.08:  # foreign numbers people leave in forms
        return rng.choice((
            "+44 20 7946 0" + _digits(rng, 3),
            "+971 5" + rng.choice("0245") + " " + _digits(rng, 7),
            "00971 4 " + _digits(rng, 7), "+1 (212) 555-" + _digits(rng, 4),
            "+20 10 " + _digits(rng, 8), "+91 98" + _digits(rng, 8), "+965 " + _digits(rng, 8),
            "+973 3" + _digits(rng, 7), "+974 " + _digits(rng, 8), "+63 917 " + _digits(rng, 7),
        ))
    saudi = rng.random() < 0.55
    nsn = _sa_national(rng) if saudi else _om_national(rng)
    cc = "966" if saudi else "968"
    defect = rng.random()
    if defect < 0.08:
        nsn = nsn[:rng.randint(2, len(nsn) - 1)]  # too short
    elif defect < 0.13:
        nsn += _digits(rng, rng.randint(1, 4))  # too long
    elif defect < 0.2:
        nsn = rng.choice("03468") + nsn[1:]  # wrong prefix
    form = rng.random()
    grouped = _group(rng, nsn)
    if form < 0.3:
        text = "+" + cc + rng.choice(("", " ", "-", " (0)")) + grouped
    elif form < 0.42:
        text = "00" + cc + rng.choice(("", " ")) + grouped
    elif form < 0.5:
        text = cc + rng.choice(("", " ")) + grouped
    elif form < 0.6 and saudi:
        text = "(0" + grouped[:2] + ") " + grouped[2:] if len(grouped) > 3 else "0" + grouped
    else:
        text = ("0" if saudi else "") + grouped
    script = rng.random()
    if script < 0.1:
        text = text.translate(_ARABIC)
    elif script < 0.12:
        text = text.translate(_PERSIAN)
    if rng.random() < 0.05:
        text = rng.choice((" ", "  ", "\u00a0")) + text + rng.choice((" ", "", "."))
    return text

