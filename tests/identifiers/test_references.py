import datetime
import random
import re
import threading
from collections import defaultdict
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import given, reject
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.iso7064 import mod_97_10

from municipal_core.errors import (
    DateOutOfRange,
    DomainRuleError,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    MunicipalError,
    ValidationError,
)
from municipal_core.identifiers import IdentifierModule
from municipal_core.identifiers.references import (
    MUSCAT_LEASE_AGREEMENT,
    TRANSACTION_NUMBER,
    InMemorySequence,
    ReferenceFormat,
    ReferenceParts,
    SequenceSource,
    next_reference,
    parse,
)

D = datetime.date
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
ARABIC_LETTERS = re.compile("[\u0600-\u06ff]")


# ------------------------------------------------------------------- the two examples


def test_muscat_lease_agreement_number() -> None:
    assert MUSCAT_LEASE_AGREEMENT.render(on=D(2023, 8, 1), sequence=29458) == "29458/2023"
    parts = MUSCAT_LEASE_AGREEMENT.parse("٢٩٤٥٨/٢٠٢٣")
    assert parts == ReferenceParts(text="29458/2023", year=2023, sequence=29458)
    assert MUSCAT_LEASE_AGREEMENT.validate(" 29458/2023 ") == "29458/2023"
    assert not MUSCAT_LEASE_AGREEMENT.is_valid("029458/2023")  # one spelling only
    assert MUSCAT_LEASE_AGREEMENT.mask("29458/2023") == "***58/2023"


def test_lease_serials_restart_each_year() -> None:
    seq = InMemorySequence({MUSCAT_LEASE_AGREEMENT.sequence_key(on=D(2023, 1, 1)): 29457})
    issued = [
        next_reference(MUSCAT_LEASE_AGREEMENT, on=on, sequence=seq)
        for on in (D(2023, 12, 30), D(2023, 12, 31), D(2024, 1, 1), D(2024, 1, 2))
    ]
    assert issued == ["29458/2023", "29459/2023", "1/2024", "2/2024"]


def test_transaction_number() -> None:
    seq = InMemorySequence()
    on = D(2026, 2, 10)
    first = next_reference(TRANSACTION_NUMBER, on=on, sequence=seq, jurisdiction="SOH")
    other = next_reference(TRANSACTION_NUMBER, on=on, sequence=seq, jurisdiction="mct")
    again = next_reference(TRANSACTION_NUMBER, on=on, sequence=seq, jurisdiction="soh")
    assert (first, other, again) == (
        "SOH-TRX-2026-000001", "MCT-TRX-2026-000001", "SOH-TRX-2026-000002")
    parts = parse(TRANSACTION_NUMBER, "soh-trx-٢٠٢٦-000123")
    assert parts.text == "SOH-TRX-2026-000123"
    assert (parts.jurisdiction, parts.financial_year, parts.sequence) == ("SOH", "2026", 123)
    assert parts.financial_year_start == 2026
    assert parts.date is None


# ------------------------------------------------------------------ pattern errors


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("", "reference.pattern.empty"),
        ("x" * 300, "reference.pattern.length"),
        ("SOH-[seq", "reference.pattern.syntax"),
        ("SOH-seq]", "reference.pattern.syntax"),
        ("[se[q]]", "reference.pattern.syntax"),
        ("[SEQ_EG_TL_APL]", "reference.pattern.token"),
        ("[cy:yyyy-MM-dd]-[seq]", "reference.pattern.token"),
        ("[seq]-[seq:6]", "reference.pattern.duplicate"),
        ("[seq]-[date:%Y]-[date:%y]", "reference.pattern.duplicate"),
        ("[seq:0]", "reference.pattern.width"),
        ("[seq:19]", "reference.pattern.width"),
        ("[seq:06]", "reference.pattern.width"),
        ("[rand]", "reference.pattern.token"),
        ("[rand:x]", "reference.pattern.width"),
        ("[fy:yyyy-yy]-[seq]", "reference.pattern.token"),
        ("[jurisdiction:3]-[seq]", "reference.pattern.token"),
        ("[check:crc]-[seq]", "reference.pattern.token"),
        ("[date:%m%d]-[seq]", "reference.pattern.date"),
        ("[date:%Y%y]-[seq]", "reference.pattern.date"),
        ("[date:%Y%d]-[seq]", "reference.pattern.date"),
        ("[date:%Y%m%m]-[seq]", "reference.pattern.date"),
        ("[date:%Y %m]-[seq]", "reference.pattern.date"),
        ("[date:%H]-[seq]", "reference.pattern.date"),
        ("SOH-[fy]", "reference.pattern.unique"),
        ("LITERAL", "reference.pattern.unique"),
        ("[check:luhn]-[seq]", "reference.pattern.check_position"),
        ("[seq:6][check:luhn]-X", "reference.pattern.check_position"),
        ("[jurisdiction][seq]", "reference.pattern.ambiguous"),
        ("[jurisdiction]TRX[seq]", "reference.pattern.ambiguous"),
        ("[seq]0[jurisdiction]", "reference.pattern.ambiguous"),
        ("SOH [seq]", "reference.pattern.literal"),
        ("عقد-[seq]", "reference.pattern.literal"),
        ("SOH\t[seq]", "reference.pattern.literal"),
    ],
)
def test_invalid_patterns_are_refused_at_construction(pattern: str, code: str) -> None:
    with pytest.raises(InvalidFormat) as info:
        ReferenceFormat(pattern)
    assert info.value.code == code
    assert info.value.field == "pattern"
    assert ARABIC_LETTERS.search(info.value.message_ar)


@pytest.mark.parametrize("pattern", [None, 42, b"[seq]", ["[seq]"]])
def test_pattern_must_be_text(pattern: object) -> None:
    with pytest.raises(InvalidFormat) as info:
        ReferenceFormat(pattern)  # type: ignore[arg-type]
    assert info.value.code == "reference.pattern.type"


@pytest.mark.parametrize("month", [0, 13, -1, True, "4", 4.0, None])
def test_financial_year_start_month_must_be_1_to_12(month: object) -> None:
    with pytest.raises(InvalidComponent) as info:
        ReferenceFormat("[fy]-[seq]", month)  # type: ignore[arg-type]
    assert info.value.code == "reference.financial_year_start_month"


@pytest.mark.parametrize(
    "pattern",
    [
        "[jurisdiction]-[seq]",
        "[jurisdiction]-X-[date:%Y]-[seq]",
        "[jurisdiction][seq:6]",  # only one variable-length token
        "[seq]/[date:%Y]",
        "PB-TL-[date:%Y-%m-%d]-[seq:6]",
        "[date:%d.%m.%y]-[rand:4][check:mod97]",
        "#[rand:18][check:luhn]",
    ],
)
def test_valid_patterns(pattern: str) -> None:
    fmt = ReferenceFormat(pattern)
    assert fmt.pattern == pattern
    assert fmt.is_valid(fmt.generate(random.Random(0)))


def test_formats_are_plain_values() -> None:
    fmt = ReferenceFormat("[fy]-[seq:4]", financial_year_start_month=4)
    assert fmt == ReferenceFormat("[fy]-[seq:4]", 4)
    assert hash(fmt) == hash(ReferenceFormat("[fy]-[seq:4]", 4))
    assert attrs.evolve(fmt, financial_year_start_month=7).financial_year_start_month == 7
    with pytest.raises(InvalidFormat):
        attrs.evolve(fmt, pattern="[nope]")
    converter = cattrs.Converter()
    data = converter.unstructure(fmt)
    assert data == {"pattern": "[fy]-[seq:4]", "financial_year_start_month": 4}
    assert converter.structure(data, ReferenceFormat) == fmt
    parts = fmt.parse("2026-27-0042")
    assert converter.structure(converter.unstructure(parts), ReferenceParts) == parts


# ------------------------------------------------------------------------ rendering


def test_financial_year_labels() -> None:
    april = ReferenceFormat("[fy]-[seq:3]", financial_year_start_month=4)
    assert april.render(on=D(2026, 3, 31), sequence=1) == "2025-26-001"
    assert april.render(on=D(2026, 4, 1), sequence=1) == "2026-27-001"
    assert april.render(on=D(2099, 12, 1), sequence=1) == "2099-00-001"
    calendar = ReferenceFormat("[fy]-[seq:3]")
    assert calendar.render(on=D(2026, 12, 31), sequence=1) == "2026-001"
    with pytest.raises(DateOutOfRange) as info:
        april.render(on=D(1, 1, 1), sequence=1)
    assert info.value.code == "reference.financial_year"


def test_sequences_restart_with_the_visible_scope() -> None:
    fmt = ReferenceFormat("[jurisdiction]-[fy]-[seq:4]", financial_year_start_month=4)
    seq = InMemorySequence()

    def issue(on: datetime.date, jurisdiction: str = "SOH") -> str:
        return next_reference(fmt, on=on, sequence=seq, jurisdiction=jurisdiction)

    assert issue(D(2026, 3, 30)) == "SOH-2025-26-0001"
    assert issue(D(2026, 3, 31)) == "SOH-2025-26-0002"
    assert issue(D(2026, 4, 1)) == "SOH-2026-27-0001"
    assert issue(D(2026, 4, 1), "MCT") == "MCT-2026-27-0001"
    assert issue(D(2027, 3, 31)) == "SOH-2026-27-0002"
    assert fmt.sequence_key(on=D(2026, 4, 1), jurisdiction="soh") == (
        "[jurisdiction]-[fy]-[seq:4] jurisdiction=SOH fy=2026-27")
    daily = ReferenceFormat("PB-TL-[date:%Y-%m-%d]-[seq:4]")
    assert daily.sequence_key(on=D(2026, 4, 1)) == "PB-TL-[date:%Y-%m-%d]-[seq:4] date=2026-04-01"
    assert ReferenceFormat("X-[seq]").sequence_key() == "X-[seq]"


def test_sequence_overflow_is_an_error_never_a_longer_number() -> None:
    fmt = ReferenceFormat("T-[seq:2]")
    seq = InMemorySequence({"T-[seq:2]": 98})
    assert next_reference(fmt, on=D(2026, 1, 1), sequence=seq) == "T-99"
    with pytest.raises(DomainRuleError) as info:
        next_reference(fmt, on=D(2026, 1, 1), sequence=seq)
    assert info.value.code == "reference.sequence_overflow"
    with pytest.raises(DomainRuleError):
        MUSCAT_LEASE_AGREEMENT.render(on=D(2026, 1, 1), sequence=10**18)
    assert MUSCAT_LEASE_AGREEMENT.render(on=D(2026, 1, 1), sequence=10**18 - 1) == (
        "999999999999999999/2026")


class _BrokenSource:
    def __init__(self, value: object) -> None:
        self.value = value

    def next_value(self, key: str) -> int:
        return self.value  # type: ignore[return-value]


@pytest.mark.parametrize("value", [0, -1, True, "7", 1.0, None])
def test_a_bad_sequence_source_is_a_typed_error(value: object) -> None:
    with pytest.raises(DomainRuleError) as info:
        next_reference(MUSCAT_LEASE_AGREEMENT, on=D(2026, 1, 1), sequence=_BrokenSource(value))
    assert info.value.code == "reference.sequence_invalid"


@pytest.mark.parametrize(
    ("kwargs", "error", "code"),
    [
        ({"on": datetime.datetime(2026, 1, 1, 23, 30)}, InvalidFormat, "reference.date"),
        ({"on": "2026-01-01"}, InvalidFormat, "reference.date"),
        ({"jurisdiction": None}, InvalidFormat, "reference.missing_value"),
        ({"jurisdiction": "S-H"}, InvalidFormat, "reference.jurisdiction"),
        ({"jurisdiction": "سحار"}, InvalidFormat, "reference.jurisdiction"),
        ({"jurisdiction": "X" * 17}, InvalidFormat, "reference.jurisdiction"),
        ({"jurisdiction": 7}, InvalidFormat, "reference.jurisdiction"),
        ({"sequence": None}, InvalidFormat, "reference.missing_value"),
    ],
)
def test_bad_inputs_do_not_use_up_a_number(
    kwargs: dict[str, Any], error: type[MunicipalError], code: str
) -> None:
    seq = InMemorySequence()
    call: dict[str, Any] = {"on": D(2026, 1, 1), "sequence": seq, "jurisdiction": "SOH"}
    call.update(kwargs)
    with pytest.raises(error) as info:
        next_reference(TRANSACTION_NUMBER, **call)
    assert info.value.code == code
    key = TRANSACTION_NUMBER.sequence_key(on=D(2026, 1, 1), jurisdiction="SOH")
    assert seq.peek(key) == 1


def test_two_digit_years_cover_2000_to_2099_only() -> None:
    fmt = ReferenceFormat("[date:%y%m]-[seq:3]")
    assert fmt.render(on=D(2099, 12, 31), sequence=5) == "9912-005"
    assert fmt.parse("9912-005").year == 2099
    for year in (1999, 2100):
        with pytest.raises(DateOutOfRange) as info:
            fmt.render(on=D(year, 1, 1), sequence=1)
        assert info.value.code == "reference.date"


def test_render_checks_its_values() -> None:
    fmt = ReferenceFormat("[rand:4]")
    assert fmt.render(random_digits="0042") == "0042"
    for bad in ("42", "00042", "٠٠٤٢", "abcd", 42, None):
        with pytest.raises(InvalidFormat):
            fmt.render(random_digits=bad)  # type: ignore[arg-type]
    with pytest.raises(DomainRuleError):
        MUSCAT_LEASE_AGREEMENT.render(on=D(2026, 1, 1), sequence=0)


def test_random_digits_come_from_the_injected_rng_or_secrets() -> None:
    fmt = ReferenceFormat("R-[rand:8]")
    a = next_reference(fmt, on=D(2026, 1, 1), rng=random.Random(5))
    assert a == next_reference(fmt, on=D(2026, 1, 1), rng=random.Random(5))
    drawn = {next_reference(fmt, on=D(2026, 1, 1)) for _ in range(20)}
    assert len(drawn) > 15
    assert all(fmt.is_valid(r) for r in drawn)


def test_next_reference_and_parse_need_a_format() -> None:
    with pytest.raises(InvalidFormat):
        next_reference("[seq]", on=D(2026, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        parse("[seq]", "1")  # type: ignore[arg-type]


# -------------------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("fmt", "text", "error", "code"),
    [
        (TRANSACTION_NUMBER, "SOH-TRN-2026-000123", InvalidFormat, "reference.format"),
        (TRANSACTION_NUMBER, "SOH-TRX-2026-00123", InvalidFormat, "reference.format"),
        (TRANSACTION_NUMBER, "SOH-TRX-2026-0000123", InvalidFormat, "reference.format"),
        (TRANSACTION_NUMBER, "SOH-TRX-2026-000000", InvalidComponent, "reference.sequence"),
        (TRANSACTION_NUMBER, "", InvalidFormat, "reference.format"),
        (TRANSACTION_NUMBER, "S" * 300, InvalidLength, "reference.length"),
        (MUSCAT_LEASE_AGREEMENT, "0/2023", InvalidFormat, "reference.format"),
        (MUSCAT_LEASE_AGREEMENT, "07/2023", InvalidFormat, "reference.format"),
        (MUSCAT_LEASE_AGREEMENT, "12/0000", InvalidComponent, "reference.date"),
        (MUSCAT_LEASE_AGREEMENT, "2023/12/1", InvalidFormat, "reference.format"),
        (ReferenceFormat("[date:%Y%m%d]-[seq:2]"), "20260230-01", InvalidComponent,
         "reference.date"),
        (ReferenceFormat("[date:%Y%m%d]-[seq:2]"), "2026023-01", InvalidLength,
         "reference.length"),
        (ReferenceFormat("[date:%Y%m%d]-[seq:2]"), "20260230_01", InvalidFormat,
         "reference.format"),
        (ReferenceFormat("[fy]-[seq:2]", 4), "2026-28-01", InvalidComponent,
         "reference.financial_year"),
        (ReferenceFormat("[fy]-[seq:2]", 4), "0000-01-01", InvalidComponent,
         "reference.financial_year"),
        (ReferenceFormat("[date:%Y%m]-[fy]-[seq:2]", 4), "202603-2026-27-01",
         InvalidComponent, "reference.financial_year"),
        (ReferenceFormat("[date:%Y]-[fy]-[seq:2]", 4), "2026-2027-28-01",
         InvalidComponent, "reference.financial_year"),
        (ReferenceFormat("[seq:6][check:luhn]"), "0001231", InvalidChecksum,
         "reference.checksum"),
        (ReferenceFormat("[seq:6][check:mod97]"), "00012300", InvalidChecksum,
         "reference.checksum"),
    ],
)
def test_text_not_matching_the_format_raises_a_specific_error(
    fmt: ReferenceFormat, text: str, error: type[ValidationError], code: str
) -> None:
    with pytest.raises(error) as info:
        fmt.parse(text)
    assert type(info.value) is error
    assert info.value.code == code
    assert info.value.field == "reference"
    assert ARABIC_LETTERS.search(info.value.message_ar)
    assert not fmt.is_valid(text)
    if len(text) >= 8:
        assert text not in info.value.message_en


def test_date_and_financial_year_must_agree() -> None:
    fmt = ReferenceFormat("[date:%Y%m]-[fy]-[seq:2]", financial_year_start_month=4)
    assert fmt.is_valid("202603-2025-26-01")
    assert fmt.is_valid("202604-2026-27-01")
    year_only = ReferenceFormat("[date:%Y]-[fy]-[seq:2]", financial_year_start_month=4)
    assert year_only.is_valid("2026-2025-26-01")
    assert year_only.is_valid("2026-2026-27-01")


def test_parse_is_lenient_about_case_digits_and_marks_and_returns_canonical_text() -> None:
    fmt = ReferenceFormat("[jurisdiction]-lse-[date:%d/%m/%Y]-[seq:4]")
    canonical = "SOH-lse-09/05/2026-0042"
    for typed in (canonical, "soh-LSE-09/05/2026-0042", "SOH-lse-٠٩/٠٥/٢٠٢٦-۰۰۴۲",
                  "\u200f SOH-lse-09/05/2026-0042\u200e\n"):
        parts = fmt.parse(typed)
        assert parts.text == canonical
        assert parts.date == D(2026, 5, 9)
        assert fmt.format(typed) == canonical


def test_parse_does_not_accept_unicode_lookalikes() -> None:
    # Case-insensitive matching stays ASCII: the long s and Kelvin sign are not s and k.
    fmt = ReferenceFormat("[jurisdiction]-SK-[seq:3]")
    assert fmt.is_valid("SOH-sk-001")
    assert not fmt.is_valid("SOH-\u017fk-001")
    assert not fmt.is_valid("SOH-s\u212a-001")
    assert not fmt.is_valid("\u017fOH-SK-001")


def test_check_digits_agree_with_python_stdnum() -> None:
    luhn_fmt = ReferenceFormat("[jurisdiction]-[seq:6][check:luhn]")
    mod97_fmt = ReferenceFormat("[jurisdiction]-[seq:6][check:mod97]")
    for n in (1, 123, 999_999):
        ref = luhn_fmt.render(jurisdiction="RUH1", sequence=n)
        assert luhn.is_valid("".join(c for c in ref if c.isdigit()))
        ref = mod97_fmt.render(jurisdiction="RUH1", sequence=n)
        assert mod_97_10.is_valid(ref.replace("-", ""))


def test_mask() -> None:
    fmt = ReferenceFormat("[jurisdiction]-[rand:4]-[seq:5][check:luhn]")
    ref = fmt.render(jurisdiction="SOH", random_digits="1234", sequence=42)
    assert fmt.mask(ref) == "SOH-**34-***42*"
    assert MUSCAT_LEASE_AGREEMENT.mask("7/2023") == "*/2023"
    assert MUSCAT_LEASE_AGREEMENT.mask("junk-123456") == "*******3456"


def test_reference_format_satisfies_the_identifier_protocol() -> None:
    shape: IdentifierModule = TRANSACTION_NUMBER
    value = shape.generate(random.Random(3))
    assert shape.validate(value) == value
    assert shape.compact(f" {value} ") == value
    assert shape.mask(value) != value
    source: SequenceSource = InMemorySequence()
    assert source.next_value("k") == 1


def test_reference_parts_validate_their_types() -> None:
    assert ReferenceParts(text="1/2023", year=2023, sequence=1).sequence == 1
    for bad in ({"text": None}, {"text": 5}, {"text": "x", "year": "2023"},
                {"text": "x", "sequence": True}, {"text": "x", "check": 1}):
        with pytest.raises(InvalidFormat):
            ReferenceParts(**bad)


# ------------------------------------------------------------------------ sequences


def test_in_memory_sequence() -> None:
    seq = InMemorySequence({"a": 41})
    assert seq.peek("a") == 42
    assert seq.peek("a") == 42  # peeking uses nothing up
    assert [seq.next_value("a") for _ in range(3)] == [42, 43, 44]
    assert seq.next_value("b") == 1
    assert seq.peek("c") == 1
    assert repr(seq) == "InMemorySequence(keys=2)"


@pytest.mark.parametrize(
    ("last_values", "error"),
    [
        ({"a": -1}, InvalidComponent),
        ({"a": True}, InvalidComponent),
        ({"a": "1"}, InvalidComponent),
        ({1: 1}, InvalidFormat),
        ({"": 1}, InvalidFormat),
        ([("a", 1)], InvalidFormat),
    ],
)
def test_in_memory_sequence_checks_its_start(last_values: Any, error: type) -> None:
    with pytest.raises(error):
        InMemorySequence(last_values)


@pytest.mark.parametrize("key", [None, 1, "", b"k"])
def test_sequence_keys_must_be_text(key: object) -> None:
    with pytest.raises(InvalidFormat) as info:
        InMemorySequence().next_value(key)  # type: ignore[arg-type]
    assert info.value.code == "reference.sequence_key"
    with pytest.raises(InvalidFormat):
        InMemorySequence().peek(key)  # type: ignore[arg-type]


def test_sequences_are_unique_and_gapless_under_threads() -> None:
    seq = InMemorySequence()
    results: dict[str, list[int]] = defaultdict(list)
    lock = threading.Lock()
    barrier = threading.Barrier(8)

    def work(worker: int) -> None:
        barrier.wait()
        local = [(k, seq.next_value(k)) for k in ("odd", "even") * 500
                 if (k == "odd") == bool(worker % 2) or worker < 2]
        with lock:
            for k, v in local:
                results[k].append(v)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for values in results.values():
        assert sorted(values) == list(range(1, len(values) + 1))
    assert len(results["odd"]) == len(results["even"]) == 500 * 5


def test_references_are_unique_under_threads() -> None:
    seq = InMemorySequence()
    issued: list[str] = []
    lock = threading.Lock()

    def work() -> None:
        mine = [next_reference(TRANSACTION_NUMBER, on=D(2026, 5, 1), sequence=seq,
                               jurisdiction="SOH") for _ in range(250)]
        with lock:
            issued.extend(mine)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(issued)) == 1000
    assert max(issued) == "SOH-TRX-2026-001000"


# ------------------------------------------------------------------- property tests

_TOKENS = {
    "jurisdiction": ["[jurisdiction]"],
    "date": ["[date:%Y%m%d]", "[date:%d/%m/%y]", "[date:%Y]", "[date:%Y-%m]", "[date:%y]"],
    "fy": ["[fy]"],
    "seq": ["[seq]", "[seq:1]", "[seq:3]", "[seq:6]", "[seq:18]"],
    "rand": ["[rand:1]", "[rand:4]", "[rand:18]"],
}
_LITERALS = ["", "", "-", "/", ".", "X", "TRX-", "_", "A1", "#", "-lse-"]


@st.composite
def formats(draw: st.DrawFn) -> ReferenceFormat:
    kinds = draw(st.lists(st.sampled_from(sorted(_TOKENS)), min_size=1, max_size=5,
                          unique=True))
    if "seq" not in kinds and "rand" not in kinds:
        kinds.append(draw(st.sampled_from(["seq", "rand"])))
    tokens = [draw(st.sampled_from(_TOKENS[k])) for k in kinds]
    pieces = [draw(st.sampled_from(_LITERALS))]
    for token in tokens:
        pieces += [token, draw(st.sampled_from(_LITERALS))]
    pattern = "".join(pieces) + draw(st.sampled_from(["", "[check:luhn]", "[check:mod97]"]))
    month = draw(st.integers(1, 12))
    try:
        return ReferenceFormat(pattern, month)
    except InvalidFormat as err:
        # The strategy builds only valid patterns, bar two variable-length tokens that
        # nothing but letters and digits separate.
        assert err.code == "reference.pattern.ambiguous", pattern
        reject()


def _width(fmt: ReferenceFormat, kind: str) -> int:
    found = re.search(rf"\[{kind}:(\d+)\]", fmt.pattern)
    return int(found.group(1)) if found else 0


def _fy(on: datetime.date, start_month: int) -> str:
    start = on.year if on.month >= start_month else on.year - 1
    return str(start) if start_month == 1 else f"{start}-{(start + 1) % 100:02d}"


@given(
    fmt=formats(),
    on=st.dates(D(2000, 1, 1), D(2099, 12, 31)),
    jurisdiction=st.from_regex(r"[A-Za-z0-9]{1,16}", fullmatch=True),
    data=st.data(),
)
def test_render_parse_round_trip_recovers_the_parts(
    fmt: ReferenceFormat, on: datetime.date, jurisdiction: str, data: st.DataObject
) -> None:
    seq_width = _width(fmt, "seq")
    rand_width = _width(fmt, "rand")
    sequence = data.draw(st.integers(1, 10 ** (seq_width or 18) - 1))
    random_digits = data.draw(st.text("0123456789", min_size=rand_width,
                                      max_size=rand_width)) if rand_width else None
    text = fmt.render(on=on, jurisdiction=jurisdiction, sequence=sequence,
                      random_digits=random_digits)
    parts = fmt.parse(text)
    has = fmt.pattern.__contains__
    assert parts.text == text
    assert parts.jurisdiction == (jurisdiction.upper() if has("[jurisdiction]") else None)
    assert parts.sequence == (sequence if has("[seq") else None)
    assert parts.random_digits == random_digits
    assert parts.financial_year == (_fy(on, fmt.financial_year_start_month)
                                    if has("[fy]") else None)
    assert parts.year == (on.year if has("[date:") else None)
    assert parts.month == (on.month if has("%m") else None)
    assert parts.day == (on.day if has("%d") else None)
    assert parts.date == (on if has("%d") else None)
    assert (parts.check is not None) == has("[check:")
    # Canonical text is a fixed point; typed variants read back to it.
    assert fmt.validate(text) == text
    assert fmt.validate(text.lower()) == text
    assert fmt.validate(f" {text.translate(ARABIC)}\u200f") == text
    if not has("[jurisdiction]") and not has("[seq]"):
        # Every token has a fixed width, so a wrong length is reported as such.
        with pytest.raises(InvalidLength):
            fmt.parse(text + "9")
        with pytest.raises(InvalidLength):
            fmt.parse(text[1:])


@given(fmt=formats(), seed=st.integers(0, 2**32))
def test_generated_references_validate_and_mask(fmt: ReferenceFormat, seed: int) -> None:
    value = fmt.generate(random.Random(seed))
    assert value == fmt.generate(random.Random(seed))
    assert fmt.validate(value) == value
    assert fmt.is_valid(value)
    masked = fmt.mask(value)
    assert len(masked) == len(value)
    assert "*" in masked


@given(fmt=formats(), on=st.dates(D(2000, 1, 1), D(2099, 12, 31)),
       seed=st.integers(0, 2**32))
def test_next_reference_round_trip(fmt: ReferenceFormat, on: datetime.date, seed: int) -> None:
    seq = InMemorySequence()
    refs = [next_reference(fmt, on=on, sequence=seq, jurisdiction="SOH",
                           rng=random.Random(seed + i)) for i in range(3)]
    parsed = [fmt.parse(r) for r in refs]
    if "[seq" in fmt.pattern:
        assert [p.sequence for p in parsed] == [1, 2, 3]
        assert len(set(refs)) == 3


@given(fmt=formats(), seed=st.integers(0, 2**32), data=st.data())
def test_a_single_changed_digit_is_caught_by_a_check_digit(
    fmt: ReferenceFormat, seed: int, data: st.DataObject
) -> None:
    if "[check:" not in fmt.pattern:
        fmt = ReferenceFormat(fmt.pattern + "[check:mod97]", fmt.financial_year_start_month)
    value = fmt.generate(random.Random(seed))
    positions = [i for i, c in enumerate(value) if c.isdigit()]
    i = data.draw(st.sampled_from(positions))
    new = data.draw(st.sampled_from([d for d in "0123456789" if d != value[i]]))
    changed = value[:i] + new + value[i + 1:]
    # Luhn and MOD 97-10 both catch every single-digit substitution.
    with pytest.raises(ValidationError):
        fmt.parse(changed)


@given(fmt=formats(), text=st.text(max_size=60))
def test_junk_text_raises_only_validation_errors(fmt: ReferenceFormat, text: str) -> None:
    try:
        parts = fmt.parse(text)
    except ValidationError as err:
        assert err.code.startswith("reference.")
        assert err.message_ar
    else:
        assert fmt.validate(parts.text) == parts.text
    assert fmt.is_valid(text) in (True, False)
    assert isinstance(fmt.mask(text), str)


@given(fmt=formats(), seed=st.integers(0, 2**32), data=st.data())
def test_mutated_references_raise_only_validation_errors(
    fmt: ReferenceFormat, seed: int, data: st.DataObject
) -> None:
    value = fmt.generate(random.Random(seed))
    i = data.draw(st.integers(0, len(value)))
    insert = data.draw(st.text(max_size=3))
    cut = data.draw(st.integers(0, 2))
    mutated = value[:i] + insert + value[i + cut:]
    try:
        fmt.parse(mutated)
    except ValidationError as err:
        assert err.code.startswith("reference.")


@given(st.text(max_size=40), st.integers(-2, 14))
def test_junk_patterns_raise_only_validation_errors(pattern: str, month: int) -> None:
    try:
        fmt = ReferenceFormat(pattern, month)
    except ValidationError as err:
        assert err.code.startswith("reference.")
    else:
        assert fmt.is_valid(fmt.generate(random.Random(0)))


@given(st.lists(st.sampled_from(["a", "b", "c", "a b"]), max_size=60))
def test_sequences_increase_per_key_and_keys_are_independent(keys: list[str]) -> None:
    seq = InMemorySequence()
    seen: dict[str, list[int]] = defaultdict(list)
    for key in keys:
        seen[key].append(seq.next_value(key))
    for key, values in seen.items():
        assert values == list(range(1, len(values) + 1))
        assert seq.peek(key) == len(values) + 1


@given(width=st.integers(1, 18), sequence=st.integers(1, 10**19))
def test_padded_sequence_fits_or_raises(width: int, sequence: int) -> None:
    fmt = ReferenceFormat(f"S-[seq:{width}]")
    if sequence < 10**width:
        text = fmt.render(sequence=sequence)
        assert len(text) == 2 + width
        assert fmt.parse(text).sequence == sequence
    else:
        with pytest.raises(DomainRuleError):
            fmt.render(sequence=sequence)


@given(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=40))
def test_mod97_matches_stdnum(text: str) -> None:
    fmt = ReferenceFormat("[jurisdiction]-[rand:1][check:mod97]")
    jurisdiction = text[:16]
    ref = fmt.render(jurisdiction=jurisdiction, random_digits="7")
    body = jurisdiction + "7"
    assert ref[-2:] == mod_97_10.calc_check_digits(body)


@pytest.mark.parametrize("text", ["2026-20260015-1", "2026-20260100-1", "2026-20261301-1"])
def test_impossible_dates_in_a_reference_are_typed_errors(text: str) -> None:
    fmt = ReferenceFormat("[fy]-[date:%Y%m%d]-[seq]")
    with pytest.raises(InvalidComponent) as info:
        fmt.parse(text)
    assert info.value.code == "reference.date"
