"""Names in parts: tidying, scripts, one-line parsing, Arabic/Latin pairs, required parts."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.accounts import MAX_NAME_LENGTH, MAX_PART_LENGTH, NameParts, PersonName, Script
from municipal_core.errors import (
    DomainRuleError,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)
from municipal_core.jurisdictions import get
from municipal_core.serialization import from_json, to_json
from municipal_core.testing.strategies import person_names

ON = dt.date(2026, 1, 1)
ARABIC_LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
# Words the parser treats specially (connectors, compound halves, particles), to keep out
# of the random words below.
SPECIAL = {
    "bin", "bint", "ibn", "بن", "بنت", "ابن", "إبن", "عبد", "ابو", "أبو", "ابي", "أبي",
    "ام", "أم", "abd", "abdul", "abdel", "abdal", "abu", "abou", "abo", "umm", "آل", "ال",
    "al", "el", "الله", "الدين", "allah", "ullah", "uddin", "eddin", "eddine",
}  # fmt: skip

arabic_words = st.text(ARABIC_LETTERS, min_size=2, max_size=8).filter(lambda w: w not in SPECIAL)
latin_words = st.text(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=8
).filter(lambda w: w.casefold() not in SPECIAL)


def names_of(words: st.SearchStrategy[str]) -> st.SearchStrategy[NameParts]:
    """Two to four one-word parts, in the order given, father, grandfather, family."""
    return st.lists(words, min_size=2, max_size=4).map(
        lambda ws: NameParts(
            ws[0],
            father=ws[1] if len(ws) > 2 else None,
            grandfather=ws[2] if len(ws) > 3 else None,
            family=ws[-1],
        )
    )


any_names = st.one_of(names_of(arabic_words), names_of(latin_words))


# --- Tidying and checking one part ---


def test_harakat_and_tatweel_are_stripped() -> None:
    assert NameParts("مُحَمَّد", family="الرَّحْمٰن").full() == "محمد الرحمن"
    assert NameParts("محـــمد", family="سعيد").given == "محمد"


@given(word=arabic_words, marks=st.lists(st.sampled_from(HARAKAT), max_size=6), data=st.data())
def test_harakat_anywhere_never_change_an_arabic_name(
    word: str, marks: list[str], data: st.DataObject
) -> None:
    marked = list(word)
    for mark in marks:
        marked.insert(data.draw(st.integers(1, len(marked))), mark)
    assert NameParts("".join(marked), family=word) == NameParts(word, family=word)


def test_whitespace_and_typography_are_normalised() -> None:
    name = NameParts(" Abdul \t  Rahman\u200b ", family="O\u2019Brien\u2010Smith")
    assert name.given == "Abdul Rahman"
    assert name.family == "O'Brien-Smith"


def test_decomposed_arabic_is_composed() -> None:
    # ا + hamza above (U+0654) is أ once composed (NFC).
    assert NameParts("\u0627\u0654حمد", family="سعيد").given == "أحمد"


def test_every_hamza_form_and_ta_marbuta_are_letters() -> None:
    name = NameParts("أسامة", father="إبراهيم", grandfather="مؤمن", family="آل رئيس")
    assert name.script is Script.ARABIC
    assert NameParts("هناء", family="موسى").count == 2


@pytest.mark.parametrize(
    ("given_name", "code"),
    [
        ("Ahmed1", "accounts.name.letters"),
        ("أحمد٣", "accounts.name.letters"),
        ("Ahmed!", "accounts.name.letters"),
        ("Ahmed\u202e", "accounts.name.letters"),
        ("Ah\x00med", "accounts.name.letters"),
        ("Sa\ud800ra", "accounts.name.letters"),
        ("أحمدAhmed", "accounts.name.mixed_script"),
        ("-Ahmed", "accounts.name.punctuation"),
        ("Ahmed-", "accounts.name.punctuation"),
        ("Ah--med", "accounts.name.punctuation"),
        ("Ahmed'", "accounts.name.punctuation"),
        ("سعيد-علي", "accounts.name.punctuation"),
    ],
)
def test_bad_characters_are_refused_with_the_part_as_field(given_name: str, code: str) -> None:
    with pytest.raises(InvalidFormat) as info:
        NameParts(given_name, family="Said")
    assert info.value.code == code
    assert info.value.field == "given"
    assert info.value.message_ar


@pytest.mark.parametrize("value", ["", "   ", "\u200b", "ـــ", "x" * (MAX_PART_LENGTH + 1)])
def test_empty_or_long_required_parts_are_refused(value: str) -> None:
    with pytest.raises(InvalidLength) as info:
        NameParts("Sara", family=value)
    assert (info.value.code, info.value.field) == ("accounts.name.length", "family")


def test_a_part_of_the_maximum_length_and_a_one_letter_part_are_accepted() -> None:
    long = "a" * MAX_PART_LENGTH
    assert NameParts(long, family="O").family == "O"


@pytest.mark.parametrize("value", [None, 12, b"Sara", ["Sara"]])
def test_non_text_is_refused(value: object) -> None:
    with pytest.raises(InvalidFormat) as info:
        NameParts(value, family="Said")  # type: ignore[arg-type]
    assert info.value.code == "accounts.name.format"


def test_blank_optional_parts_are_absent() -> None:
    name = NameParts("Sara", father="  \u200b", grandfather="", family="Said")
    assert (name.father, name.grandfather, name.count) == (None, None, 2)


def test_a_grandfather_needs_a_father() -> None:
    with pytest.raises(InvalidComponent) as info:
        NameParts("Sara", grandfather="Hamad", family="Said")
    assert (info.value.code, info.value.field) == ("accounts.name.missing_father", "father")


def test_parts_in_two_scripts_are_refused() -> None:
    with pytest.raises(InvalidFormat) as info:
        NameParts("Sara", father="علي", family="Said")
    assert info.value.code == "accounts.name.mixed_script"


@given(any_names)
def test_construction_is_idempotent(name: NameParts) -> None:
    assert NameParts(**attrs.asdict(name)) == name


# --- Formatting ---


def test_full_and_short_use_the_present_parts() -> None:
    name = NameParts("سالم", father="علي", grandfather="حمد", family="الحارثي")
    assert name.full() == "سالم علي حمد الحارثي"
    assert name.short() == "سالم الحارثي"
    assert name.parts() == ("سالم", "علي", "حمد", "الحارثي")


@given(any_names)
def test_full_starts_with_given_and_ends_with_family(name: NameParts) -> None:
    assert name.full().startswith(name.given + " ")
    assert name.full().endswith(" " + name.family)
    assert name.short() == f"{name.given} {name.family}"
    assert len(name.full().split(" ")) == name.count


# --- Parsing one line ---


@given(any_names)
def test_parse_inverts_full(name: NameParts) -> None:
    assert NameParts.parse(name.full()) == name


@given(names_of(latin_words), st.sampled_from(["bin", "BIN", "ibn", "bint"]))
def test_connectors_between_parts_are_dropped(name: NameParts, connector: str) -> None:
    typed = f" {connector} ".join(name.parts())
    assert NameParts.parse(typed) == name


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("أحمد بن سعيد بن علي آل سعيد", ("أحمد", "سعيد", "علي", "آل سعيد")),
        ("محمد بن عبد الرحمن البلوشي", ("محمد", "عبد الرحمن", None, "البلوشي")),
        ("أبو بكر ابن عمر", ("أبو بكر", None, None, "عمر")),
        ("نور الدين بنت سالم", ("نور الدين", None, None, "سالم")),
        ("Abdul Rahman bin Said Al-Balushi", ("Abdul Rahman", "Said", None, "Al-Balushi")),
        ("Ahmed bin Said bin Ali Al Busaidi", ("Ahmed", "Said", "Ali", "Al Busaidi")),
        ("Saif Al Din Al Busaidi", ("Saif Al Din", None, None, "Al Busaidi")),
        ("Nur ud-Din Khan", ("Nur ud-Din", None, None, "Khan")),
        ("abu al khair said", ("abu al khair", None, None, "said")),
        ("Ibn Sina Hakim", ("Ibn Sina", None, None, "Hakim")),
    ],
)
def test_parse_keeps_compounds_and_particles(
    typed: str, expected: tuple[str, str | None, str | None, str]
) -> None:
    name = NameParts.parse(typed)
    assert (name.given, name.father, name.grandfather, name.family) == expected


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Ahmed", "accounts.name.too_few_parts"),
        ("عبد الله", "accounts.name.too_few_parts"),
        ("Ahmed bin", "accounts.name.too_few_parts"),
        ("a b c d e", "accounts.name.too_many_parts"),
        ("أحمد بن سعيد بن علي بن حمد آل سعيد", "accounts.name.too_many_parts"),
    ],
)
def test_parse_refuses_too_few_or_too_many_parts(typed: str, code: str) -> None:
    with pytest.raises(InvalidComponent) as info:
        NameParts.parse(typed)
    assert (info.value.code, info.value.field) == (code, "name")


def test_parse_refuses_an_overlong_line_before_work() -> None:
    with pytest.raises(InvalidLength) as info:
        NameParts.parse("a " * 10_000)
    assert info.value.field == "name"
    assert MAX_NAME_LENGTH < 20_000


@given(st.text(max_size=60))
def test_parse_of_anything_returns_a_name_or_a_validation_error(text: str) -> None:
    try:
        name = NameParts.parse(text)
    except ValidationError as err:
        assert err.code.startswith("accounts.name.")
        assert err.message_ar
    else:
        assert 2 <= name.count <= 4
        assert NameParts.parse(name.full()).full() == name.full()


# --- PersonName ---


def test_english_falls_back_to_arabic() -> None:
    name = PersonName.parse("سالم الحارثي")
    assert name.full("en") == name.full("ar") == "سالم الحارثي"
    assert name.short("en") == "سالم الحارثي"


def test_latin_rendering_is_used_for_english() -> None:
    name = PersonName.parse("سالم بن علي الحارثي", "Salim bin Ali Al Harthi")
    assert name.full("en") == "Salim Ali Al Harthi"
    assert name.short("en") == "Salim Al Harthi"
    assert name.full() == "سالم علي الحارثي"
    assert name.parts_count == 3


def test_unknown_language_is_refused() -> None:
    with pytest.raises(InvalidComponent) as info:
        PersonName.parse("سالم الحارثي").full("fr")  # type: ignore[arg-type]
    assert info.value.code == "language"


@pytest.mark.parametrize(
    ("arabic", "latin", "code"),
    [
        ("Salim Al Harthi", None, "accounts.name.arabic_script"),
        ("سالم الحارثي", "سالم الحارثي", "accounts.name.latin_script"),
        ("سالم بن علي الحارثي", "Salim Al Harthi", "accounts.name.parts_mismatch"),
    ],
)
def test_scripts_and_parts_must_match(arabic: str, latin: str | None, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        PersonName.parse(arabic, latin)
    assert info.value.code == code


def test_same_count_but_different_parts_is_a_mismatch() -> None:
    arabic = NameParts("سالم", father="علي", family="الحارثي")
    latin = NameParts("Salim", father="Ali", grandfather="Hamad", family="Al Harthi")
    with pytest.raises(InvalidComponent):
        PersonName(arabic, latin)
    with pytest.raises(InvalidFormat):
        PersonName("سالم الحارثي")  # type: ignore[arg-type]


def test_oman_requires_four_parts_saudi_two() -> None:
    oman, saudi = get("om-sohar"), get("sa-balady")
    three = PersonName.parse("سالم بن علي الحارثي")
    with pytest.raises(DomainRuleError) as info:
        three.check_required_parts(oman, ON)
    assert (info.value.code, info.value.field) == ("accounts.name.required_parts", "name")
    assert "الرباعي" in info.value.message_ar
    three.check_required_parts(saudi, ON)
    PersonName.parse("سالم بن علي بن حمد الحارثي").check_required_parts(oman, ON)


def test_required_parts_follow_the_rule_data() -> None:
    oman = get("om-sohar")
    relaxed = attrs.evolve(oman, rules=oman.rules.with_value("accounts.name.required_parts", 2, ON))
    PersonName.parse("سالم الحارثي").check_required_parts(relaxed, ON)
    with pytest.raises(DomainRuleError):
        PersonName.parse("سالم الحارثي").check_required_parts(relaxed, ON - dt.timedelta(1))


@given(names_of(arabic_words), st.lists(latin_words, min_size=4, max_size=4))
def test_person_names_round_trip_through_json(arabic: NameParts, words: list[str]) -> None:
    latin = NameParts(
        words[0],
        father=words[1] if arabic.father else None,
        grandfather=words[2] if arabic.grandfather else None,
        family=words[3],
    )
    for name in (PersonName(arabic, latin), PersonName(arabic)):
        assert from_json(to_json(name), PersonName) == name


@given(person_names(), st.sampled_from(["om-sohar", "sa-balady"]))
def test_realistic_names_parse_back_and_satisfy_both_portals(name: PersonName, code: str) -> None:
    # Four-part names with compound given names (عبد الله) and family particles (آل سعيد)
    # from the testing kit: one line in each script parses back to the same parts.
    assert PersonName.parse(name.full("ar"), name.full("en")) == name
    assert name.short("en") == f"{name.latin.given} {name.latin.family}"  # type: ignore[union-attr]
    name.check_required_parts(get(code), dt.date(2026, 1, 1))
