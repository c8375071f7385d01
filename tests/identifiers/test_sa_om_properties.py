"""Properties every Saudi and Omani identifier module (other than the national ID) keeps.

Per-module edge cases live in test_sa_*.py and test_om_*.py beside this file.
"""

import inspect
import random
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.errors import (
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)
from municipal_core.identifiers import IdentifierModule
from municipal_core.identifiers.om import address as om_address
from municipal_core.identifiers.om import civil_number as om_civil_number
from municipal_core.identifiers.om import commercial_registration as om_cr
from municipal_core.identifiers.om import vatin as om_vatin
from municipal_core.identifiers.sa import commercial_registration as sa_cr
from municipal_core.identifiers.sa import national_address as sa_national_address

MODULES = [sa_cr, sa_national_address, om_civil_number, om_cr, om_vatin, om_address]

# The field each module's errors name, and the start of their codes.
FIELDS = {
    sa_cr: ("commercial_registration", "sa.cr."),
    sa_national_address: ("short_address", "sa.national_address.short_address."),
    om_civil_number: ("civil_number", "om.civil_number."),
    om_cr: ("commercial_registration", "om.cr."),
    om_vatin: ("vatin", "om.vatin."),
    om_address: ("address_number", "om.address.number."),
}

# Prefixes a module's compact() accepts in front of the number.
PREFIXES = {sa_cr: ["CR", "cr: ", "س.ت "], om_cr: ["CR", "cr-", "س.ت: "], om_vatin: ["OM", "om "]}

ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

# (module, as typed, compact value): the forms people type, one table for all modules.
VALID = [
    (sa_cr, "1010123456", "1010123456"),
    (sa_cr, "7001234567", "7001234567"),
    (sa_cr, "١٠١٠١٢٣٤٥٦", "1010123456"),
    (sa_cr, "cr: 1010-123-456", "1010123456"),
    (sa_cr, "C.R. 4030123456", "4030123456"),
    (sa_cr, "س.ت ١٠١٠١٢٣٤٥٦", "1010123456"),
    (sa_cr, "\u200f7001234567\u200f", "7001234567"),
    (sa_national_address, "rrrd2929", "RRRD2929"),
    (sa_national_address, "RRRD ٢٩٢٩", "RRRD2929"),
    (sa_national_address, " rRrD-2929 ", "RRRD2929"),
    (sa_national_address, "ABCD۰۰۰۱", "ABCD0001"),
    (om_civil_number, "12345678", "12345678"),
    (om_civil_number, "۱۲۳ ۴۵۶ ۷۸۹", "123456789"),
    (om_civil_number, " 1234-5678 ", "12345678"),
    (om_civil_number, "01234567", "01234567"),  # a leading zero is accepted (documented)
    (om_cr, "Cr 1234567", "1234567"),
    (om_cr, "CR: 123 4567", "1234567"),
    (om_cr, "س.ت: ١٢٣٤٥٦٧", "1234567"),
    (om_cr, "\u200fCR1234567", "1234567"),
    (om_vatin, "OM١١٠٠٠١٢٣٤٥", "1100012345"),
    (om_vatin, " Om:1100012345 ", "1100012345"),
    (om_address, "٢٣", "23"),
    (om_address, " 12 345 ", "12345"),
]

# (module, input, error class, code): each refusal and the most specific error it raises.
INVALID = [
    (sa_cr, "0101234567", InvalidComponent, "sa.cr.first_digit"),
    (sa_cr, "101012345", InvalidLength, "sa.cr.length"),
    (sa_cr, "10101234567", InvalidLength, "sa.cr.length"),
    (sa_cr, "1010I23456", InvalidFormat, "sa.cr.format"),
    (sa_cr, "CR", InvalidFormat, "sa.cr.format"),
    (sa_cr, "CR 1010123456 X", InvalidFormat, "sa.cr.format"),
    (sa_national_address, "RRRD292", InvalidLength, "sa.national_address.short_address.length"),
    (sa_national_address, "2929RRRD", InvalidFormat, "sa.national_address.short_address.format"),
    (sa_national_address, "RRR12929", InvalidFormat, "sa.national_address.short_address.format"),
    (sa_national_address, "رررد2929", InvalidFormat, "sa.national_address.short_address.format"),
    (sa_national_address, "RRRÉ2929", InvalidFormat, "sa.national_address.short_address.format"),
    (sa_national_address, "", InvalidLength, "sa.national_address.short_address.length"),
    (om_civil_number, "1234567", InvalidLength, "om.civil_number.length"),
    (om_civil_number, "1234567890", InvalidLength, "om.civil_number.length"),
    (om_civil_number, "1234S678", InvalidFormat, "om.civil_number.format"),
    (om_civil_number, 12345678, InvalidFormat, "om.civil_number.format"),
    (om_cr, "CR2234567", InvalidComponent, "om.cr.first_digit"),
    (om_cr, "CR123456", InvalidLength, "om.cr.length"),
    (om_cr, "CRX234567", InvalidFormat, "om.cr.format"),
    (om_cr, "OM1234567", InvalidFormat, "om.cr.format"),
    (om_vatin, "OM110001234", InvalidLength, "om.vatin.length"),
    (om_vatin, "SA1100012345", InvalidFormat, "om.vatin.format"),
    (om_vatin, "OM", InvalidFormat, "om.vatin.format"),
    (om_address, "0", InvalidFormat, "om.address.number.leading_zero"),
    (om_address, "012", InvalidFormat, "om.address.number.leading_zero"),
    (om_address, "123456", InvalidLength, "om.address.number.length"),
    (om_address, "12A", InvalidFormat, "om.address.number.format"),
]


def _name(module: object) -> str:
    return module.__name__.split(".", 2)[2] if isinstance(module, ModuleType) else repr(module)


by_module = pytest.mark.parametrize("module", MODULES, ids=_name)

seeds = st.integers(min_value=0, max_value=2**32)
junk = st.one_of(
    st.text(),
    st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩CRَOMABست .-/:\u200f\u202e", max_size=20),
    st.none(),
    st.integers(),
    st.floats(),
    st.binary(),
    st.lists(st.text(max_size=3), max_size=3),
)


@st.composite
def typed_forms(draw: st.DrawFn, module: ModuleType) -> tuple[str, str]:
    """A generated valid value, and the same value as a person might type it."""
    value = module.generate(random.Random(draw(seeds)))
    typed = value.lower() if draw(st.booleans()) else value
    typed = typed.translate(draw(st.sampled_from([ARABIC, PERSIAN, {}])))
    cut = draw(st.integers(0, len(typed)))
    typed = typed[:cut] + draw(st.sampled_from(["", " ", "-", "\u00a0"])) + typed[cut:]
    prefix = draw(st.sampled_from(["", *PREFIXES.get(module, [])]))
    return value, f" {prefix}{typed} "


@pytest.mark.parametrize(("module", "raw", "expected"), VALID, ids=_name)
def test_typed_forms_validate(module: ModuleType, raw: str, expected: str) -> None:
    assert module.compact(raw) == expected
    assert module.validate(raw) == expected
    assert module.is_valid(raw)
    assert module.validate(module.format(raw)) == expected


@pytest.mark.parametrize(("module", "raw", "error", "code"), INVALID, ids=_name)
def test_refusals_raise_the_most_specific_error(
    module: ModuleType, raw: object, error: type[ValidationError], code: str
) -> None:
    with pytest.raises(error) as info:
        module.validate(raw)
    assert info.value.code == code
    assert info.value.field == FIELDS[module][0]
    assert not module.is_valid(raw)
    with pytest.raises(error):
        module.format(raw)


@by_module
def test_module_functions_fit_the_protocol(module: ModuleType) -> None:
    # Each protocol function takes one positional argument; anything a module adds must be
    # keyword-only with a default, so a caller of the protocol never trips on it.
    names = [n for n in vars(IdentifierModule) if not n.startswith("_")]
    assert len(names) == 6
    for name in names:
        params = list(inspect.signature(getattr(module, name)).parameters.values())
        assert params[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD, name
        for extra in params[1:]:
            assert extra.kind is inspect.Parameter.KEYWORD_ONLY, (name, extra.name)
            assert extra.default is not inspect.Parameter.empty, (name, extra.name)


@by_module
@given(data=st.data())
def test_generated_values_are_valid_and_compact(module: ModuleType, data: st.DataObject) -> None:
    value = module.generate(random.Random(data.draw(seeds)))
    assert module.validate(value) == value
    assert module.compact(value) == value
    assert module.is_valid(value)


@by_module
def test_generate_is_deterministic_for_a_seed(module: ModuleType) -> None:
    first = [module.generate(random.Random(42)) for _ in range(3)]
    assert len(set(first)) == 1
    assert len({module.generate(random.Random(seed)) for seed in range(50)}) > 5


@by_module
@given(data=st.data())
def test_typed_forms_validate_to_the_generated_value(
    module: ModuleType, data: st.DataObject
) -> None:
    value, typed = data.draw(typed_forms(module))
    assert module.validate(typed) == value
    assert module.is_valid(typed)


@by_module
@given(data=st.data())
def test_format_revalidates_to_the_same_compact_value(
    module: ModuleType, data: st.DataObject
) -> None:
    value, typed = data.draw(typed_forms(module))
    printed = module.format(module.validate(typed))
    assert module.validate(printed) == value
    assert module.format(printed) == printed


@by_module
@given(text=st.text(max_size=40))
def test_compact_is_idempotent(module: ModuleType, text: str) -> None:
    once = module.compact(text)
    assert module.compact(once) == once


@by_module
@given(value=junk)
def test_junk_raises_only_validation_errors(module: ModuleType, value: object) -> None:
    for function in (module.compact, module.validate, module.format, module.mask):
        try:
            function(value)
        except ValidationError as err:
            field, code = FIELDS[module]
            assert err.field == field
            assert err.code.startswith(code)
    assert isinstance(module.is_valid(value), bool)


@by_module
@given(value=junk)
def test_is_valid_agrees_with_validate(module: ModuleType, value: object) -> None:
    try:
        module.validate(value)
    except ValidationError:
        assert module.is_valid(value) is False
    else:
        assert module.is_valid(value) is True


@by_module
@given(data=st.data())
def test_mask_hides_at_least_half(module: ModuleType, data: st.DataObject) -> None:
    value = module.generate(random.Random(data.draw(seeds)))
    masked = module.mask(value)
    assert len(masked) == len(value)
    shown = len(masked) - masked.count("*")
    assert shown <= len(value) // 2
    assert masked.endswith(value[len(value) - shown:])


@by_module
def test_errors_never_echo_the_value(module: ModuleType) -> None:
    value = module.generate(random.Random(1))
    for bad in (value + "98765", "Z" + value):
        with pytest.raises(ValidationError) as info:
            module.validate(bad)
        assert value not in info.value.message_en
        assert value not in info.value.message_ar
        assert info.value.message_ar != info.value.message_en


@by_module
def test_huge_input_is_refused_cheaply(module: ModuleType) -> None:
    with pytest.raises(ValidationError) as info:
        module.validate("1" * 1_000_000)
    assert info.value.code.endswith(".length")
