"""Generators of valid identifiers, phone numbers, addresses and names for test data.

Each takes a :class:`random.Random` and returns a value that the library's own validator
accepts, the same value for the same seed. Identifiers come from each identifier module's
own ``generate(rng)``, so the kit can never disagree with the validators; this module only
names them the way a test thinks of them (an iqama, a unified number) and adds what no
identifier module owns: a mobile in its local form and a four-part Arabic name.

Examples:
    >>> import random
    >>> from municipal_core.identifiers.sa import national_id as sa_id
    >>> value = iqama(random.Random(3))
    >>> value[0], sa_id.is_valid(value)
    ('2', True)
    >>> from municipal_core.identifiers import phone
    >>> local = mobile(random.Random(3), "OM", local=True)
    >>> phone.validate(local, "OM") == mobile(random.Random(3), "OM")
    True
    >>> name = person_name(random.Random(5))
    >>> name.parts_count, name.latin is not None
    (4, True)
"""

from __future__ import annotations

import enum
import random

from municipal_core._coerce import to_enum
from municipal_core.accounts._names import NameParts, PersonName
from municipal_core.identifiers import email as _email
from municipal_core.identifiers import phone as _phone
from municipal_core.identifiers.om import address as _om_address
from municipal_core.identifiers.om import civil_number as _om_civil
from municipal_core.identifiers.om import commercial_registration as _om_cr
from municipal_core.identifiers.sa import commercial_registration as _sa_cr
from municipal_core.identifiers.sa import engineering_office_licence as _sa_eng
from municipal_core.identifiers.sa import national_address as _sa_address
from municipal_core.identifiers.sa import national_id as _sa_id
from municipal_core.testing._names_data import FAMILY, FEMALE_GIVEN, MALE_GIVEN

__all__ = [
    "Gender",
    "civil_number",
    "email",
    "engineering_licence",
    "iqama",
    "mobile",
    "national_id",
    "om_address_number",
    "om_cr",
    "person_name",
    "sa_cr",
    "short_address",
    "unified_number",
]


class Gender(str, enum.Enum):
    """Whose given names a generated name draws from."""

    MALE = "male"
    FEMALE = "female"


def national_id(rng: random.Random) -> str:
    """Return a valid Saudi national ID (a citizen's: starts with 1, Luhn check digit).

    Examples:
        >>> national_id(random.Random(1))[0]
        '1'
    """
    return _sa_id.generate(rng, holder=_sa_id.HolderKind.CITIZEN)


def iqama(rng: random.Random) -> str:
    """Return a valid Saudi iqama number (a resident's: starts with 2, Luhn check digit).

    Examples:
        >>> iqama(random.Random(1))[0]
        '2'
    """
    return _sa_id.generate(rng, holder=_sa_id.HolderKind.RESIDENT)


def unified_number(rng: random.Random) -> str:
    """Return a Saudi unified national number (an establishment's "700 number").

    Examples:
        >>> unified_number(random.Random(1))[0]
        '7'
    """
    return _sa_cr.generate(rng, kind=_sa_cr.CRKind.UNIFIED_NUMBER)


def sa_cr(rng: random.Random) -> str:
    """Return a legacy Saudi CR number that starts with a known issuing office's code.

    Examples:
        >>> from municipal_core.identifiers.sa import commercial_registration as cr
        >>> cr.office(sa_cr(random.Random(1))) is not None
        True
    """
    return _sa_cr.generate(rng, kind=_sa_cr.CRKind.LEGACY_CR)


def om_cr(rng: random.Random) -> str:
    """Return an Omani CR number in its stored (compact, 7-digit) form.

    Examples:
        >>> len(om_cr(random.Random(1)))
        7
    """
    return _om_cr.generate(rng)


def civil_number(rng: random.Random) -> str:
    """Return a well-formed Omani civil number (8 or 9 digits).

    Examples:
        >>> len(civil_number(random.Random(1))) in (8, 9)
        True
    """
    return _om_civil.generate(rng)


def engineering_licence(rng: random.Random) -> str:
    """Return a well-formed Saudi engineering-office licence number.

    Examples:
        >>> from municipal_core.identifiers.sa import engineering_office_licence as eol
        >>> eol.is_valid(engineering_licence(random.Random(1)))
        True
    """
    return _sa_eng.generate(rng)


def mobile(rng: random.Random, region: str, *, local: bool = False) -> str:
    """Return a valid mobile number of ``region`` (``"OM"`` or ``"SA"``, any ISO region).

    Args:
        rng: the random source.
        region: the ISO 3166 region code.
        local: give the number as dialled at home (``"050 123 4567"``, ``"9123 4567"``)
            instead of E.164 (``"+966501234567"``).

    Examples:
        >>> mobile(random.Random(2), "SA").startswith("+9665")
        True
        >>> mobile(random.Random(2), "SA", local=True).startswith("05")
        True
    """
    number = _phone.generate(rng, region, mobile=True)
    return _phone.format(number, region, style="national") if local else number


def short_address(rng: random.Random) -> str:
    """Return a well-formed Saudi short national address (4 letters, 4 digits).

    Examples:
        >>> value = short_address(random.Random(1))
        >>> value[:4].isalpha(), value[4:].isdigit()
        (True, True)
    """
    return _sa_address.generate(rng)


def om_address_number(rng: random.Random) -> str:
    """Return a well-formed Omani address (door) number: 1 to 5 digits, no leading zero.

    Examples:
        >>> om_address_number(random.Random(1))[0] != "0"
        True
    """
    return _om_address.generate(rng)


def email(rng: random.Random) -> str:
    """Return a valid e-mail address on a reserved example domain.

    Examples:
        >>> "@" in email(random.Random(1))
        True
    """
    return _email.generate(rng)


def person_name(rng: random.Random, *, gender: Gender | str | None = None) -> PersonName:
    """Return a realistic four-part Arabic name with its Latin rendering.

    Given, father, grandfather and family; the father and grandfather are men's names
    whatever the holder's gender, as in a real nasab. ``gender`` ``None`` draws one.

    Raises:
        InvalidComponent: ``gender`` is not ``"male"`` or ``"female"``
            (code ``testing.name.gender``).

    Examples:
        >>> name = person_name(random.Random(0), gender="female")
        >>> name.arabic.given in {ar for ar, _ in FEMALE_GIVEN}
        True
    """
    chosen = (
        rng.choice((Gender.MALE, Gender.FEMALE))
        if gender is None
        else to_enum(Gender, gender, code="testing.name.gender", field="gender")
    )
    given = rng.choice(MALE_GIVEN if chosen is Gender.MALE else FEMALE_GIVEN)
    father, grandfather = rng.choice(MALE_GIVEN), rng.choice(MALE_GIVEN)
    family = rng.choice(FAMILY)
    return PersonName(
        NameParts(given[0], father=father[0], grandfather=grandfather[0], family=family[0]),
        NameParts(given[1], father=father[1], grandfather=grandfather[1], family=family[1]),
    )
