"""A person's name in parts (given, father, grandfather, family), in Arabic and Latin.

Both portals ask for the name in parts: Sohar for the four-part name (الاسم الرباعي,
DOMAIN.md §1), Balady pre-fills it from the identity record. :class:`NameParts` holds the
parts in one script; :class:`PersonName` pairs the Arabic name with an optional Latin
rendering; :meth:`NameParts.parse` splits a name typed on one line.

What a part may hold, after tidying:

* **Arabic** — the letters of the Arabic alphabet (U+0621..U+063A, U+0641..U+064A), so
  every hamza form (ء أ إ آ ؤ ئ), ة and ى. Harakat (fatha, damma, kasra, tanwin, shadda,
  sukun, dagger alif) and the tatweel (ـ) are **stripped**: they are optional in written
  Arabic and identity records leave them out, so "مُحَمَّد" and "محمد" are the same name.
* **Latin** — letters (accented ones too), with an apostrophe or a hyphen inside a word
  ("O'Brien", "Al-Balushi") or an apostrophe before it ("'Abdullah", the ayn).
* Words separated by one space: compounds stay one part ("عبد الله", "Abdul Rahman",
  "أبو بكر"), and the family may carry its particle ("آل سعيد", "Al Said", "Al-Balushi").
* 1 to :data:`MAX_PART_LENGTH` characters per part. One letter is allowed because real
  names that short exist and refusing them locks a person out ([A]).

Tidying is NFC, whitespace collapsed, invisible characters (zero-width, bidi marks, soft
hyphen) removed, and typographic apostrophes and hyphens made ASCII. Anything else — a
digit, a symbol, a control or bidi-override character, letters of both scripts — is a
typed error whose ``field`` is the part (``"given"``, ``"father"``, ``"grandfather"``,
``"family"``).

Examples:
    >>> name = NameParts.parse("أحمد بن سعيد بن علي آل سعيد")
    >>> name.father, name.family
    ('سعيد', 'آل سعيد')
    >>> name.short()
    'أحمد آل سعيد'
    >>> NameParts.parse("Abdul Rahman bin Said Al-Balushi").full()
    'Abdul Rahman Said Al-Balushi'
    >>> NameParts(given="Ahmed", family="سعيد")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidFormat: All parts of a name must be in the same script.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata

import attrs

from municipal_core._text import BIDI_MARKS, language
from municipal_core.errors import (
    DomainRuleError,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    Language,
)
from municipal_core.jurisdictions import Jurisdiction

__all__ = [
    "MAX_NAME_LENGTH",
    "MAX_PART_LENGTH",
    "NameParts",
    "PersonName",
    "Script",
]

MAX_PART_LENGTH = 40
"""Most characters in one part, spaces of a compound included ([A]: the longest compound
parts, such as "عبد الرحمن" or "Abdul Rahman", are far shorter)."""

MAX_NAME_LENGTH = 4 * MAX_PART_LENGTH + 40
"""Most characters of a whole name typed on one line, connectors ("bin") included."""

_PART_NAMES = ("given", "father", "grandfather", "family")


class Script(str, enum.Enum):
    """The script a name is written in.

    Examples:
        >>> NameParts.parse("سالم الحارثي").script.value
        'arabic'
    """

    ARABIC = "arabic"
    LATIN = "latin"


# --- Tidying: one translate table, built once. ---
# Harakat U+064B..U+0652, the dagger alif U+0670 and the tatweel U+0640 are dropped (see
# the module docstring); so are invisible characters copy/paste leaves in names.
_DROP = [*range(0x064B, 0x0653), 0x0670, 0x0640, *map(ord, "\u200b\u200c\u200d\u00ad\u2060\ufeff")]
_TIDY = {
    **dict.fromkeys(_DROP),
    **dict.fromkeys(map(ord, BIDI_MARKS)),
    **dict.fromkeys(map(ord, "\u2018\u2019\u02bc\u02bb`\u00b4"), ord("'")),
    **dict.fromkeys(map(ord, "\u2010\u2011"), ord("-")),
}

_ARABIC_LETTERS = frozenset(chr(c) for c in (*range(0x0621, 0x063B), *range(0x0641, 0x064B)))

# A Latin part reduced to a skeleton: each letter becomes "a", so one regular expression
# (Python's ``re`` has no \p{Latin}) says where apostrophes and hyphens may stand.
_LATIN_WORD = r"'?a+(?:['-]a+)*"
_LATIN_SKELETON = re.compile(rf"{_LATIN_WORD}(?: {_LATIN_WORD})*\Z")
_ARABIC_SKELETON = re.compile(r"b+(?: b+)*\Z")


def _is_latin_letter(ch: str) -> bool:
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN ")


def _skeleton(text: str) -> str:
    # "b" for an Arabic letter, "a" for a Latin one, the rest (space, ' and -) as is; any
    # other character is "?", which no pattern accepts.
    out = []
    for ch in text:
        if ch in _ARABIC_LETTERS:
            out.append("b")
        elif _is_latin_letter(ch):
            out.append("a")
        else:
            out.append(ch if ch in " '-" else "?")
    return "".join(out)


def _tidy(value: object, *, field: str, max_length: int) -> str:
    if not isinstance(value, str):
        raise InvalidFormat(
            "A name must be text.",
            "يجب أن يكون الاسم نصًا.",
            code="accounts.name.format",
            field=field,
        )
    # A paste far over the limit is refused before any work.
    if len(value) <= 4 * max_length:
        value = " ".join(unicodedata.normalize("NFC", value).translate(_TIDY).split())
    if not 1 <= len(value) <= max_length:
        raise InvalidLength(
            f"This name must have 1 to {max_length} characters.",
            f"يجب أن يتكون هذا الاسم من 1 إلى {max_length} حرفًا.",
            code="accounts.name.length",
            field=field,
        )
    return value


def _script_of(skeleton: str, *, field: str | None) -> Script:
    if "?" in skeleton:
        raise InvalidFormat(
            "A name may contain letters only (and, in Latin, an apostrophe or hyphen).",
            "يجب أن يحتوي الاسم على حروف فقط.",
            code="accounts.name.letters",
            field=field,
        )
    if "a" in skeleton and "b" in skeleton:
        raise _mixed(field)
    if _ARABIC_SKELETON.match(skeleton):
        return Script.ARABIC
    if _LATIN_SKELETON.match(skeleton):
        return Script.LATIN
    raise InvalidFormat(
        "An apostrophe or hyphen must stand inside a Latin name, between letters.",
        "يجب أن تقع الفاصلة العليا أو الشرطة بين حروف الاسم اللاتيني.",
        code="accounts.name.punctuation",
        field=field,
    )


def _mixed(field: str | None) -> InvalidFormat:
    return InvalidFormat(
        "All parts of a name must be in the same script.",
        "يجب أن تكون أجزاء الاسم كلها بالحروف نفسها (عربية أو لاتينية).",
        code="accounts.name.mixed_script",
        field=field,
    )


def _part(value: object, field: str) -> str:
    text = _tidy(value, field=field, max_length=MAX_PART_LENGTH)
    _script_of(_skeleton(text), field=field)
    return text


def _optional_part(value: object, field: str) -> str | None:
    # A form sends "" for a part left empty; that is an absent part, not an error. So is
    # a part of nothing but invisible characters.
    if value is None or (isinstance(value, str) and not value.translate(_TIDY).strip()):
        return None
    return _part(value, field)


# Named converters (not a factory) so the attrs mypy plugin can see each one's type.
def _given(value: object) -> str:
    return _part(value, "given")


def _father(value: object) -> str | None:
    return _optional_part(value, "father")


def _grandfather(value: object) -> str | None:
    return _optional_part(value, "grandfather")


def _family(value: object) -> str:
    return _part(value, "family")


# --- Parsing a name typed on one line. Compared case-insensitively (casefold). ---
_CONNECTORS = frozenset({"bin", "bint", "ibn", "بن", "بنت", "ابن", "إبن"})
"""Words meaning "son/daughter of" between the parts; dropped, as the parts imply them."""

_JOIN_NEXT = frozenset(
    {
        # Compound given names: Abd al-..., Abu ..., Umm ...
        "عبد", "ابو", "أبو", "ابي", "أبي", "ام", "أم",
        "abd", "abdul", "abdel", "abdal", "abu", "abou", "abo", "umm",
        # The family particle ("Al Said", "آل سعيد") and a detached article.
        "آل", "ال", "al", "el",
    }
)  # fmt: skip
"""Words that never stand alone: they belong to the word after them."""

_JOIN_PREVIOUS = frozenset(
    {
        "الله", "الدين",
        "allah", "ullah", "uddin", "eddin", "eddine",
        "al din", "el din", "al-din", "el-din", "ad-din", "ud-din",
    }
)  # fmt: skip
"""Endings of compounds ("نور الدين", "Saif Al Din", "Fath Allah"): joined to the word
before them."""


def _group(words: list[str]) -> list[str]:
    # Connectors go, except a leading one ("Ibn Sina"), which starts a compound; then
    # compounds are glued together.
    kept = [w for i, w in enumerate(words) if i == 0 or w.casefold() not in _CONNECTORS]
    groups: list[str] = []
    i = 0
    while i < len(kept):
        joined = [kept[i]]
        while i + 1 < len(kept) and (
            joined[-1].casefold() in _JOIN_NEXT or (i == 0 and kept[0].casefold() in _CONNECTORS)
        ):
            i += 1
            joined.append(kept[i])
        i += 1
        group = " ".join(joined)
        if groups and group.casefold() in _JOIN_PREVIOUS:
            groups[-1] = f"{groups[-1]} {group}"
        else:
            groups.append(group)
    return groups


def _count_error(too_many: bool) -> InvalidComponent:
    if too_many:
        return InvalidComponent(
            "Enter at most four name parts: given, father, grandfather and family name.",
            "أدخل أربعة أجزاء على الأكثر: الاسم الأول، واسم الأب، واسم الجد، واسم العائلة.",
            code="accounts.name.too_many_parts",
            field="name",
        )
    return InvalidComponent(
        "Enter at least the given name and the family name.",
        "أدخل الاسم الأول واسم العائلة على الأقل.",
        code="accounts.name.too_few_parts",
        field="name",
    )


@attrs.frozen
class NameParts:
    """A person's name in parts, all in one script.

    ``given`` and ``family`` are required; ``father`` and ``grandfather`` are optional,
    but a grandfather needs a father. Each part is tidied and checked at construction
    (see the module docstring); an empty string for an optional part means "absent".

    Raises:
        InvalidFormat: not text (``accounts.name.format``), a character that is not a
            letter (``accounts.name.letters``), a misplaced apostrophe or hyphen
            (``accounts.name.punctuation``), parts in two scripts
            (``accounts.name.mixed_script``).
        InvalidLength: an empty or over-long part (``accounts.name.length``).
        InvalidComponent: a grandfather without a father (``accounts.name.missing_father``).

    Examples:
        >>> NameParts("  مُحَمَّد ", father="عبد   الله", family="البلوشي").full()
        'محمد عبد الله البلوشي'
        >>> NameParts("Sara", father="", family="Al Said").count
        2
    """

    given: str = attrs.field(converter=_given)
    # Keyword-only: with three positional values nobody could tell the grandfather from
    # the family name.
    father: str | None = attrs.field(default=None, kw_only=True, converter=_father)
    grandfather: str | None = attrs.field(default=None, kw_only=True, converter=_grandfather)
    family: str = attrs.field(kw_only=True, converter=_family)

    def __attrs_post_init__(self) -> None:
        if self.grandfather is not None and self.father is None:
            raise InvalidComponent(
                "A grandfather's name needs the father's name.",
                "لا يصح إدخال اسم الجد دون اسم الأب.",
                code="accounts.name.missing_father",
                field="father",
            )
        if len({_script_of(_skeleton(part), field=None) for part in self.parts()}) > 1:
            raise _mixed("name")

    @classmethod
    def parse(cls, text: str) -> NameParts:
        """Split a name typed on one line into its parts.

        The connectors bin, bint, ibn, بن, بنت and ابن are dropped (a leading one
        starts a compound: "Ibn Sina"); compounds ("عبد الله", "Abdul Rahman", "أبو بكر",
        "نور الدين") and the family particle ("آل", "Al", "El") stay with their word.
        Two parts are given and family names, three add the father, four the
        grandfather. This is a heuristic for a one-line field: forms with a box per part
        should build :class:`NameParts` directly.

        Raises:
            InvalidComponent: fewer than two or more than four parts
                (``accounts.name.too_few_parts`` / ``too_many_parts``, field ``name``);
                the part errors of :class:`NameParts`.

        Examples:
            >>> NameParts.parse("نور الدين بن أبي بكر العمري")
            NameParts(given='نور الدين', father='أبي بكر', grandfather=None, family='العمري')
            >>> NameParts.parse("Fatma bint Ali")
            NameParts(given='Fatma', father=None, grandfather=None, family='Ali')
        """
        groups = _group(_tidy(text, field="name", max_length=MAX_NAME_LENGTH).split(" "))
        if not 2 <= len(groups) <= len(_PART_NAMES):
            raise _count_error(too_many=len(groups) > len(_PART_NAMES))
        middle = groups[1:-1]
        return cls(
            given=groups[0],
            father=middle[0] if middle else None,
            grandfather=middle[1] if len(middle) > 1 else None,
            family=groups[-1],
        )

    @property
    def script(self) -> Script:
        """The script every part is written in.

        Examples:
            >>> NameParts("Sara", family="Said").script
            <Script.LATIN: 'latin'>
        """
        return _script_of(_skeleton(self.given), field="given")

    @property
    def count(self) -> int:
        """How many parts are present (2 to 4).

        Examples:
            >>> NameParts.parse("علي بن سالم بن حمد الحارثي").count
            4
        """
        return len(self.parts())

    def parts(self) -> tuple[str, ...]:
        """Return the present parts in order: given, father, grandfather, family.

        Examples:
            >>> NameParts("Sara", father="Ali", family="Said").parts()
            ('Sara', 'Ali', 'Said')
        """
        values = (self.given, self.father, self.grandfather, self.family)
        return tuple(v for v in values if v is not None)

    def full(self) -> str:
        """Return the present parts joined by spaces.

        Examples:
            >>> NameParts("Sara", father="Ali", family="Said").full()
            'Sara Ali Said'
        """
        return " ".join(self.parts())

    def short(self) -> str:
        """Return the given and family names, as greetings and lists show a person.

        Examples:
            >>> NameParts("Sara", father="Ali", grandfather="Hamad", family="Al Said").short()
            'Sara Al Said'
        """
        return f"{self.given} {self.family}"


_SCRIPT_REQUIRED = {
    Script.ARABIC: (
        "arabic",
        "The name must be given in Arabic letters.",
        "يجب إدخال الاسم بالحروف العربية.",
    ),
    Script.LATIN: (
        "latin",
        "The English rendering of the name must be in Latin letters.",
        "يجب إدخال الاسم بالإنجليزية بالحروف اللاتينية.",
    ),
}


def _require_script(value: object, script: Script) -> None:
    if not isinstance(value, NameParts) or value.script is not script:
        field, message_en, message_ar = _SCRIPT_REQUIRED[script]
        raise InvalidFormat(
            message_en, message_ar, code=f"accounts.name.{field}_script", field=field
        )


def _check_arabic(_instance: object, _attribute: object, value: NameParts) -> None:
    _require_script(value, Script.ARABIC)


def _check_latin(instance: PersonName, _attribute: object, value: NameParts | None) -> None:
    if value is None:
        return
    _require_script(value, Script.LATIN)
    if _present(value) != _present(instance.arabic):
        raise InvalidComponent(
            "The Arabic and English names must have the same parts.",
            "يجب أن يتطابق عدد أجزاء الاسم بالعربية والإنجليزية.",
            code="accounts.name.parts_mismatch",
            field="latin",
        )


def _present(name: NameParts) -> tuple[bool, bool]:
    return name.father is not None, name.grandfather is not None


@attrs.frozen
class PersonName:
    """A person's name in Arabic, with an optional Latin (English) rendering.

    The Arabic name is the one of record (both portals' identity records hold it); the
    Latin one, when given, must have the same parts present. Asked for English when there
    is no Latin rendering, :meth:`full` and :meth:`short` answer in Arabic: the person's
    name is still their name, and an English page can show Arabic text ([A], the choice
    that never leaves a page without a name).

    Raises:
        InvalidFormat: ``arabic`` not Arabic (``accounts.name.arabic_script``) or
            ``latin`` not Latin (``accounts.name.latin_script``).
        InvalidComponent: the two have different parts (``accounts.name.parts_mismatch``).

    Examples:
        >>> name = PersonName.parse("سالم بن علي بن حمد الحارثي", "Salim Ali Hamad Al Harthi")
        >>> name.full("en"), name.short("ar"), name.parts_count
        ('Salim Ali Hamad Al Harthi', 'سالم الحارثي', 4)
        >>> PersonName.parse("سالم الحارثي").full("en")
        'سالم الحارثي'
    """

    arabic: NameParts = attrs.field(validator=_check_arabic)
    latin: NameParts | None = attrs.field(default=None, validator=_check_latin)

    @classmethod
    def parse(cls, arabic: str, latin: str | None = None) -> PersonName:
        """Build a name from one-line Arabic and (optional) Latin texts.

        See :meth:`NameParts.parse` for how the parts are found.

        Examples:
            >>> PersonName.parse("عبد الله بن سعيد", "Abdullah bin Said").latin.family
            'Said'
        """
        return cls(NameParts.parse(arabic), None if latin is None else NameParts.parse(latin))

    @property
    def parts_count(self) -> int:
        """How many parts the name has (2 to 4).

        Examples:
            >>> PersonName.parse("علي سالم").parts_count
            2
        """
        return self.arabic.count

    def _in(self, lang: Language) -> NameParts:
        if language(lang) == "en" and self.latin is not None:
            return self.latin
        return self.arabic

    def full(self, lang: Language = "ar") -> str:
        """Return the full name in ``lang`` (``"ar"`` or ``"en"``; see the class notes).

        Examples:
            >>> PersonName.parse("علي بن سالم الهنائي", "Ali Salim Al Hinai").full()
            'علي سالم الهنائي'
        """
        return self._in(lang).full()

    def short(self, lang: Language = "ar") -> str:
        """Return the given and family names in ``lang``.

        Examples:
            >>> PersonName.parse("علي بن سالم الهنائي", "Ali Salim Al Hinai").short("en")
            'Ali Al Hinai'
        """
        return self._in(lang).short()

    def check_required_parts(self, jurisdiction: Jurisdiction, on: dt.date) -> None:
        """Raise unless the name has the parts ``jurisdiction`` requires on day ``on``.

        The number is the rule ``accounts.name.required_parts``: 4 in Oman (the
        four-part name of the Sohar form), 2 in Saudi Arabia.

        Raises:
            DomainRuleError: too few parts (code ``accounts.name.required_parts``, field
                ``name``).

        Examples:
            >>> import datetime as dt
            >>> from municipal_core.jurisdictions import get
            >>> short = PersonName.parse("علي سالم")
            >>> short.check_required_parts(get("om-sohar"), dt.date(2026, 1, 1))
            Traceback (most recent call last):
                ...
            municipal_core.errors.DomainRuleError: The full four-part name is required.
        """
        required = jurisdiction.rules.value("accounts.name.required_parts", on)
        if isinstance(required, int) and self.parts_count < required:
            words_en = {2: "two", 3: "three", 4: "four"}.get(required, str(required))
            words_ar = {2: "الثنائي", 3: "الثلاثي", 4: "الرباعي"}.get(required, "")
            raise DomainRuleError(
                f"The full {words_en}-part name is required.",
                f"يلزم إدخال الاسم {words_ar} كاملًا ({required} أجزاء).",
                code="accounts.name.required_parts",
                field="name",
            )
