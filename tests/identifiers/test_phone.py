import random
import subprocess
import sys

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from municipal_core.errors import (
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    MunicipalError,
    NotFound,
    ValidationError,
)
from municipal_core.identifiers import _phone_fast, phone
from municipal_core.identifiers.phone import PhoneBatch, PhoneResult, PhoneType

ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def reference(text: str, region: str | None) -> str | None:
    """phonenumbers' own answer, written out independently of our code."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# --- every way people type a number ---------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "region", "e164"),
    [
        ("+968 9123 4567", None, "+96891234567"),
        ("+968 9123 4567", "SA", "+96891234567"),  # another country's number stays valid
        ("00968 9123 4567", "OM", "+96891234567"),
        ("00968-9123-4567", "SA", "+96891234567"),
        ("968 9123 4567", "OM", "+96891234567"),  # the country code without "+"
        ("91234567", "OM", "+96891234567"),
        ("7123 4567", "OM", "+96871234567"),
        ("2412 3456", "OM", "+96824123456"),
        ("0501234567", "SA", "+966501234567"),
        ("050-123-4567", "SA", "+966501234567"),
        ("(050) 123 4567", "SA", "+966501234567"),
        ("050.123.4567", "SA", "+966501234567"),
        ("+966 50 123 4567", None, "+966501234567"),
        ("+966 (0) 50 123 4567", None, "+966501234567"),  # the national 0 after +966
        ("00966501234567", "SA", "+966501234567"),
        ("966501234567", "SA", "+966501234567"),
        ("501234567", "SA", "+966501234567"),
        ("٠٥٠١٢٣٤٥٦٧", "SA", "+966501234567"),
        ("+٩٦٦ ٥٠ ١٢٣ ٤٥٦٧", None, "+966501234567"),
        ("۰۵۰۱۲۳۴۵۶۷", "SA", "+966501234567"),
        ("011 234 5678", "SA", "+966112345678"),
        ("8001234567", "SA", "+9668001234567"),
        ("Tel: 0501234567", "sa", "+966501234567"),  # text before the number, region case
        ("\u200f0501234567", "SA", "+966501234567"),  # an RTL mark pasted in front
        ("++966501234567", None, "+966501234567"),
        ("+00966501234567", "SA", "+966501234567"),  # phonenumbers retries "+00..." as "00..."
        ("+966 50 123 4567 ext. 12", None, "+966501234567"),  # extensions are dropped
        ("+44 20 7946 0958", "SA", "+442079460958"),
        ("+971 50 123 4567", "OM", "+971501234567"),
    ],
)
def test_every_typed_form_gives_phonenumbers_e164(raw: str, region: str | None, e164: str) -> None:
    assert phone.validate(raw, region) == e164
    assert phone.normalize(raw, region) == e164
    assert phone.is_valid(raw, region)
    assert reference(raw, region.upper() if region else None) == e164
    batch = phone.normalize_many([raw], region)
    assert batch.e164s == (e164,)
    assert batch[0] == PhoneResult(0, e164=e164)


@pytest.mark.parametrize(
    ("raw", "region", "error", "code"),
    [
        ("0501234567", None, InvalidComponent, "phone.country"),  # national, no region
        ("+999 1234 5678", None, InvalidComponent, "phone.country"),
        ("0599", "SA", InvalidLength, "phone.length"),
        ("05012345678901", "SA", InvalidLength, "phone.length"),
        ("9123 4", "OM", InvalidLength, "phone.length"),
        ("00", "SA", InvalidLength, "phone.length"),
        ("0401234567", "SA", InvalidComponent, "phone.invalid"),  # wrong prefix
        ("31234567", "OM", InvalidComponent, "phone.invalid"),
        ("91234567", "SA", InvalidLength, "phone.length"),  # Omani digits, Saudi region
        ("N/A", "SA", InvalidFormat, "phone.format"),
        ("", "SA", InvalidFormat, "phone.format"),
        ("لا يوجد", "OM", InvalidFormat, "phone.format"),
        ("0501234567 جوال", "SA", InvalidFormat, "phone.format"),
        ("1 2", "SA", InvalidFormat, "phone.format"),
        ("9" * 300, "SA", InvalidLength, "phone.length"),
    ],
)
def test_invalid_numbers_raise_the_most_specific_error(
    raw: str, region: str | None, error: type[ValidationError], code: str
) -> None:
    with pytest.raises(error) as info:
        phone.validate(raw, region)
    assert info.value.code == code
    assert info.value.field == "phone"
    assert info.value.message_ar
    assert not phone.is_valid(raw, region)
    assert phone.normalize_many([raw], region).errors == (code,)


@pytest.mark.parametrize("value", [None, 966501234567, b"+966501234567", ["+966501234567"]])
def test_non_text_is_a_format_error(value: object) -> None:
    with pytest.raises(InvalidFormat):
        phone.validate(value)  # type: ignore[arg-type]
    assert phone.is_valid(value) is False  # type: ignore[arg-type]
    assert not phone.is_mobile(value)  # type: ignore[arg-type]
    assert phone.normalize_many([value]).errors == ("phone.format",)


@pytest.mark.parametrize("text", ["😀" * 5, "\x00\x01\x1b[31m", "\ud800", "\u202e+966501234567"])
def test_odd_text_gets_a_verdict_never_a_crash(text: str) -> None:
    assert phone.is_valid(text, "SA") == (reference(text, "SA") is not None)
    assert len(phone.normalize_many([text], "SA")) == 1


def test_error_messages_never_contain_the_number() -> None:
    for raw in ("0401234567", "+999 1234 5678", "050123"):
        with pytest.raises(ValidationError) as info:
            phone.validate(raw, "SA")
        assert raw not in info.value.message_en + info.value.message_ar
        assert "0401234567" not in repr(info.value)


@pytest.mark.parametrize("region", ["XX", "sau", "", 966])
def test_unknown_region_is_refused(region: object) -> None:
    with pytest.raises(InvalidComponent) as info:
        phone.is_valid("0501234567", region)  # type: ignore[arg-type]
    assert info.value.code == "phone.region"
    assert info.value.field == "region"
    with pytest.raises(InvalidComponent):
        phone.normalize_many(["0501234567"], region)  # type: ignore[arg-type]


# --- formatting, types, masking, generating -------------------------------------------


@pytest.mark.parametrize(
    ("raw", "region", "international", "national"),
    [
        ("0501234567", "SA", "+966 50 123 4567", "050 123 4567"),
        ("0112345678", "SA", "+966 11 234 5678", "011 234 5678"),
        ("٩٢٠٠١٢٣٤٥", "SA", "+966 9200 12345", "9200 12345"),
        ("+96891234567", None, "+968 9123 4567", "9123 4567"),
        ("24123456", "OM", "+968 24 123456", "24 123456"),
    ],
)
def test_format_styles(raw: str, region: str | None, international: str, national: str) -> None:
    assert phone.format(raw, region) == international
    assert phone.format(raw, region, style="national") == national
    assert phone.format(raw, region, style="e164") == phone.validate(raw, region)
    assert phone.validate(international) == phone.validate(raw, region)


def test_format_refuses_an_unknown_style_and_an_invalid_number() -> None:
    with pytest.raises(InvalidComponent) as info:
        phone.format("+966501234567", style="rfc3966")  # type: ignore[arg-type]
    assert info.value.code == "phone.style"
    with pytest.raises(InvalidComponent):
        phone.format("+966401234567")


@pytest.mark.parametrize(
    ("raw", "region", "kind"),
    [
        ("0501234567", "SA", PhoneType.MOBILE),
        ("0112345678", "SA", PhoneType.FIXED_LINE),
        ("8001234567", "SA", PhoneType.TOLL_FREE),
        ("920012345", "SA", PhoneType.SHARED_COST),
        ("92123456", "OM", PhoneType.MOBILE),
        ("72123456", "OM", PhoneType.MOBILE),
        ("23123456", "OM", PhoneType.FIXED_LINE),
        ("80071234", "OM", PhoneType.TOLL_FREE),
        ("+1 212 555 0100", None, PhoneType.FIXED_LINE_OR_MOBILE),
    ],
)
def test_number_type_and_is_mobile(raw: str, region: str | None, kind: PhoneType) -> None:
    assert phone.number_type(raw, region) is kind
    assert phone.is_mobile(raw, region) == (
        kind in (PhoneType.MOBILE, PhoneType.FIXED_LINE_OR_MOBILE))


def test_every_phonenumbers_type_has_a_name() -> None:
    names = {m.name for m in PhoneType}
    ours = {n for n in dir(phonenumbers.PhoneNumberType) if n.isupper()}
    assert ours <= names


def test_validate_can_require_a_mobile() -> None:
    assert phone.validate("0501234567", "SA", mobile=True) == "+966501234567"
    with pytest.raises(InvalidComponent) as info:
        phone.validate("0112345678", "SA", mobile=True)
    assert info.value.code == "phone.not_mobile"


def test_region_code() -> None:
    assert phone.region_code("0501234567", "SA") == "SA"
    assert phone.region_code("+968 9123 4567", "SA") == "OM"
    assert phone.region_code("+44 1534 412345") == "JE"


@pytest.mark.parametrize(
    ("raw", "region", "masked"),
    [
        ("0501234567", "SA", "+9665******67"),
        ("+966 50 123 4567", None, "+9665******67"),
        ("+968 9123 4567", None, "+9689*****67"),
        ("123", None, "**3"),
        ("N/A", None, "*A"),
    ],
)
def test_mask_keeps_country_code_first_and_last_two(
    raw: str, region: str | None, masked: str
) -> None:
    assert phone.mask(raw, region) == masked


@given(st.text(alphabet="0123456789+- ", min_size=3, max_size=20))
def test_mask_never_shows_more_than_it_should(raw: str) -> None:
    masked = phone.mask(raw, "SA")
    digits = sum(c.isdigit() for c in masked)
    national = phone.compact(raw, "SA")
    if national.startswith("+") and phone.is_valid(raw, "SA"):
        assert digits <= 3 + 3  # country code, first digit, last two
    assert "*" in masked or len(phone.compact(raw, "SA")) < 2


def test_compact_is_validate_for_valid_numbers_and_never_validates() -> None:
    assert phone.compact("050-123-4567", "SA") == phone.validate("050-123-4567", "SA")
    assert phone.compact("0401234567", "SA") == "+966401234567"  # readable, not valid
    assert phone.compact("+968 1234") == "+9681234"
    assert phone.compact(" N/A ") == "NA"
    with pytest.raises(InvalidFormat):
        phone.compact(None)  # type: ignore[arg-type]
    with pytest.raises(InvalidLength):
        phone.compact("1" * 1000)


@given(seed=st.integers(0, 2**32), region=st.sampled_from([None, "SA", "OM", "AE"]),
       mobile=st.booleans())
def test_generated_numbers_are_valid_of_the_type_asked_and_in_the_region(
    seed: int, region: str | None, mobile: bool
) -> None:
    value = phone.generate(random.Random(seed), region, mobile=mobile)
    assert phone.validate(value) == value
    assert phone.is_mobile(value) == mobile
    assert phone.region_code(value) in ((region,) if region else ("SA", "OM"))
    assert phone.generate(random.Random(seed), region, mobile=mobile) == value


def test_module_shape_works_without_a_region() -> None:
    value = phone.generate(random.Random(1))
    assert phone.validate(value) == value == phone.compact(value)
    assert phone.is_valid(phone.format(value))
    assert phone.mask(value) != value


def test_importing_does_not_import_phonenumbers() -> None:
    code = (
        "import sys, municipal_core, municipal_core.identifiers.phone; "
        "print('phonenumbers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


# --- the bulk path ---------------------------------------------------------------------


def test_batch_is_a_sequence_of_results() -> None:
    batch = phone.normalize_many(
        (x for x in ["0501234567", "0401234567", None, "+968 9123 4567"]), "SA")  # type: ignore[misc]
    assert len(batch) == 4
    assert batch.e164s == ("+966501234567", None, None, "+96891234567")
    assert batch.errors == (None, "phone.invalid", "phone.format", None)
    assert [r.index for r in batch] == [0, 1, 2, 3]
    assert [r.valid for r in batch] == [True, False, False, True]
    assert batch[-1] == PhoneResult(3, e164="+96891234567")
    assert batch[1:3] == (PhoneResult(1, error="phone.invalid"),
                          PhoneResult(2, error="phone.format"))
    assert batch.valid_count == 2
    assert [r.index for r in batch.invalid()] == [1, 2]
    assert batch.index(PhoneResult(2, error="phone.format")) == 2
    assert [r.index for r in reversed(batch)] == [3, 2, 1, 0]
    with pytest.raises(NotFound) as info:
        batch[4]
    assert isinstance(info.value, IndexError)
    with pytest.raises(InvalidFormat):
        batch["0"]  # type: ignore[call-overload]


def test_empty_batch() -> None:
    batch = phone.normalize_many([], "OM")
    assert len(batch) == 0
    assert batch.e164s == batch.errors == ()


@pytest.mark.parametrize("numbers", ["0501234567", b"0501234567", 501234567, None])
def test_normalize_many_wants_a_collection(numbers: object) -> None:
    with pytest.raises(InvalidFormat) as info:
        phone.normalize_many(numbers, "SA")  # type: ignore[arg-type]
    assert info.value.code == "phone.batch"


def test_normalize_many_takes_str_subclasses_and_huge_strings() -> None:
    class Text(str):
        pass

    batch = phone.normalize_many([Text("0501234567"), "5" * 100_000, "+" * 251], "SA")
    assert batch.e164s[0] == "+966501234567"
    assert batch.errors[1:] == ("phone.length", "phone.length")


@pytest.mark.parametrize(
    ("e164", "error"),
    [(None, None), ("+966501234567", "phone.length"), ("966501234567", None),
     ("+96650123456a", None)],
)
def test_a_result_holds_exactly_one_of_e164_and_error(e164: str | None,
                                                       error: str | None) -> None:
    with pytest.raises(InvalidFormat):
        PhoneResult(0, e164=e164, error=error)


@pytest.mark.parametrize(("index", "e164"), [(-1, "+966501234567"), (True, "+966501234567"),
                                             ("0", "+966501234567"), (0, 966501234567),
                                             (0, "+9")])
def test_a_result_checks_its_position_and_number(index: object, e164: object) -> None:
    with pytest.raises(InvalidFormat):
        PhoneResult(index, e164=e164)  # type: ignore[arg-type]


def test_a_result_error_is_one_of_our_codes() -> None:
    assert not PhoneResult(3, error="phone.country").valid
    with pytest.raises(InvalidFormat):
        PhoneResult(0, error="unknown")


def test_a_batch_checks_its_columns() -> None:
    with pytest.raises(InvalidFormat):
        PhoneBatch("SA", ("+966501234567", None), ("phone.length",))
    with pytest.raises(InvalidFormat):
        PhoneBatch("SA", ("+966501234567", None), ("phone.length", None))
    with pytest.raises(InvalidFormat):
        PhoneBatch("SA", (None,), (None,))
    with pytest.raises(InvalidFormat):
        PhoneBatch("SA", (1,), (None,))  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        PhoneBatch("SA", ("966501234567",), (None,))
    with pytest.raises(InvalidFormat):
        PhoneBatch("SA", ("+96650+234567",), (None,))
    with pytest.raises(InvalidFormat):
        PhoneBatch("SA", ("+٩٦٦٥٠١٢٣٤٥٦٧",), (None,))
    with pytest.raises(InvalidFormat):
        PhoneBatch("SA", (None,), ("phone.nope",))
    with pytest.raises(InvalidFormat):
        PhoneBatch("SA", [None], ["phone.length"])  # type: ignore[arg-type]
    with pytest.raises(InvalidComponent):
        PhoneBatch("sa", (None,), ("phone.length",))
    assert len(PhoneBatch("SA", ("+966501234567", None), (None, "phone.length"))) == 2


def test_results_are_frozen_values() -> None:
    result = PhoneResult(0, e164="+966501234567")
    with pytest.raises(AttributeError):
        result.e164 = "+966000"  # type: ignore[misc]
    assert result == PhoneResult(0, e164="+966501234567")
    assert "501234567" not in repr(result)  # masked for logs
    batch = phone.normalize_many(["0501234567", "x"], "SA")
    assert repr(batch) == "<PhoneBatch region='SA' size=2 valid=1>"


# --- the differential guarantee: normalize_many == phonenumbers, input by input ----------

LEADS = [
    "", "", "", "+", "++", "+ ", "+ +", "00", "000", "0", "+00", "+0", "966", "968", "9660",
    "+966", "+968", "+9660", "00966", "00968", "009660", "(+966)", "+(968) ", "+44", "+1",
    "+971", "00971", "+7", "+39", "+800", "+262", "001", "٠٠٩٦٦", "+٩٦٨", "tel:", "Tel: ",
    "\u200f", "(", ")", "x", "abc", "#", "*", ";phone-context=+966", "\t",
]
SEPARATORS = [
    "", "", "", " ", " ", "-", ".", "(", ")", "/", "\u00a0", "\u2013", "\u2212", " - ",
    "\t", "~", "x", "X", "#", ";", ",", ",,", "*", "_", "+", "ext", " int ", "доб", "٫",
]
TAILS = ["", "", "", " ", ".", " ext. 12", " x5", "#", " #", " جوال", "mobile", "\u200f",
         ")", "-", "abc", ";isub=1", " / x12", ";ext=7", " anexo 3", "-503#", ",,9"]
DIGITS = st.text(alphabet="0123456789", max_size=12)
# Runs that start like real numbers, so the metadata's patterns get exercised.
STARTS = st.sampled_from(["5", "50", "55", "579", "1", "11", "12", "800", "920", "925", "9",
                          "91", "90", "900", "7", "72", "2", "24", "1505", "500", "8007",
                          "0", "08", "07", "8"])


@st.composite
def typed_numbers(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 19)) == 0:
        return draw(st.text(max_size=30))
    runs = draw(st.lists(st.one_of(DIGITS, st.builds(str.__add__, STARTS, DIGITS)),
                         min_size=1, max_size=4))
    text = runs[0]
    for run in runs[1:]:
        text += draw(st.sampled_from(SEPARATORS)) + run
    text = draw(st.sampled_from(LEADS)) + text + draw(st.sampled_from(TAILS))
    script = draw(st.sampled_from([None, None, None, ARABIC, PERSIAN, "mixed"]))
    if script == "mixed":
        cut = draw(st.integers(0, len(text)))
        text = text[:cut].translate(ARABIC) + text[cut:]
    elif script is not None:
        text = text.translate(script)
    return text


# Ours first; then regions whose metadata exercises other branches: shared country codes
# (US, GB, IT, RU), a region without its own plan (JE), general patterns that accept the
# national prefix itself (ID, RW).
REGIONS = st.sampled_from(["SA", "SA", "SA", "OM", "OM", "OM", None, None, "AE", "US", "GB",
                           "EG", "IT", "IN", "JE", "RU", "ID", "RW"])


@settings(max_examples=2000)
@given(texts=st.lists(typed_numbers(), min_size=1, max_size=8), region=REGIONS)
def test_normalize_many_agrees_with_phonenumbers_on_every_input(
    texts: list[str], region: str | None
) -> None:
    batch = phone.normalize_many(texts, region)
    for text, e164, error in zip(texts, batch.e164s, batch.errors, strict=True):
        assert e164 == reference(text, region), (text, region)
        # The error code is the one phonenumbers' own path gives (the slow path).
        assert (e164, error) == _phone_fast.slow_outcome(text, region), (text, region)
        assert phone.is_valid(text, region) == (e164 is not None)


@pytest.mark.parametrize("region", ["SA", "OM", None])
def test_normalize_many_agrees_with_phonenumbers_on_the_benchmark_mix(
    region: str | None,
) -> None:
    texts = _phone_fast.sample_inputs(5000, seed=7)
    batch = phone.normalize_many(texts, region)
    assert list(batch.e164s) == [reference(t, region) for t in texts]
    assert [(e, c) for e, c in zip(batch.e164s, batch.errors, strict=True)] == [
        _phone_fast.slow_outcome(t, region) for t in texts]
    # A mix, not all one thing (without a region only "+" numbers can be valid).
    assert (0.1 if region is None else 0.3) < batch.valid_count / len(texts) < 0.8


@pytest.mark.parametrize("region", ["SA", "OM"])
def test_the_fast_path_is_on_for_our_regions(region: str) -> None:
    # If a phonenumbers release made the probe fail, everything would still be right but
    # slow; this test says so.
    usable, plan = _phone_fast.prepare(region)
    assert usable
    assert plan is not None
    texts = _phone_fast.sample_inputs(1000, seed=3)
    answered = sum(_phone_fast.fast_outcome(t, plan) is not None for t in texts)
    assert answered / len(texts) > 0.95


def test_with_the_fast_path_off_answers_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _phone_fast.sample_inputs(500, seed=11)
    fast = phone.normalize_many(texts, "SA")
    monkeypatch.setattr(_phone_fast, "_enabled", False)
    assert _phone_fast.prepare("SA") == (False, None)
    assert phone.normalize_many(texts, "SA") == fast


@pytest.mark.parametrize("region", ["SA", "OM"])
@pytest.mark.parametrize("general", [False, True])
def test_prefix_tables_agree_with_the_metadata_patterns(region: str, general: bool) -> None:
    # The tables say "every number of this length starting with these digits is valid"
    # (or none is); check that against the regular expression on random completions.
    _, plan = _phone_fast.prepare(region)
    assert plan is not None
    rng = random.Random(region)
    tables = 0
    for length in range(2, 18):
        check = (plan.general_checks if general else plan.checks)[length]
        depth, table, pattern = check
        tables += bool(table)
        for prefix, verdict in table.items():
            for _ in range(3):
                number = prefix + "".join(rng.choice("0123456789")
                                          for _ in range(length - depth))
                matched = pattern is not None and pattern.fullmatch(number) is not None
                assert matched == verdict, (length, number)
    assert tables  # the tables exist, so the fast path uses them


@given(st.text(alphabet="0123456789", min_size=2, max_size=17), st.sampled_from(["SA", "OM"]))
def test_prefix_tables_on_any_digits(digits: str, region: str) -> None:
    _, plan = _phone_fast.prepare(region)
    assert plan is not None
    depth, table, pattern = plan.checks[len(digits)]
    verdict = table.get(digits[:depth])
    if verdict is not None:
        assert verdict == (pattern is not None and pattern.fullmatch(digits) is not None)


def test_errors_are_municipal_errors() -> None:
    with pytest.raises(MunicipalError) as info:
        phone.validate("+968 1234")
    assert info.value.to_dict()["code"] == "phone.length"
