"""The context every builder draws from: a seeded random source, a jurisdiction, a clock.

A :class:`BuildContext` is the whole state of the kit: the ``rng`` every value comes from
(so one seed gives one world), per-family counters for document numbers, the
jurisdiction whose rules the built objects follow and the clock that says what "today"
is. :func:`construct` is the one place where a builder's defaults meet the caller's
keyword overrides.

Examples:
    >>> ctx = BuildContext(seed=1)
    >>> ctx.jurisdiction.code, ctx.today()
    ('om-sohar', datetime.date(2026, 3, 1))
    >>> ctx.number("L"), ctx.number("L"), ctx.number("V")
    ('L-2026-000001', 'L-2026-000002', 'V-2026-000001')
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

import attrs

from municipal_core import jurisdictions
from municipal_core.clock import Clock, FixedClock
from municipal_core.errors import InvalidComponent, InvalidFormat
from municipal_core.identifiers.references import InMemorySequence
from municipal_core.jurisdictions import Jurisdiction

__all__ = ["DEFAULT_INSTANT", "BuildContext", "construct"]

DEFAULT_INSTANT = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)
"""The instant a kit clock shows unless told otherwise: a weekday morning in both portals."""

T = TypeVar("T")


def _seed(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidFormat(
            "The seed must be a whole number.",
            "يجب أن تكون البذرة عددًا صحيحًا.",
            code="testing.seed",
            field="seed",
        )
    return value


def _code_repr(jurisdiction: Jurisdiction) -> str:
    return repr(jurisdiction.code)  # the whole profile would bury a failing example


def _clock(value: Clock | None) -> Clock:
    if value is None:
        return FixedClock(DEFAULT_INSTANT)
    if not isinstance(value, Clock):
        raise InvalidFormat(
            "The clock must be a Clock.",
            "يجب أن تكون الساعة من نوع Clock.",
            code="testing.clock",
            field="clock",
        )
    return value


@attrs.define
class BuildContext:
    """Seeded state shared by the builders of one test (see the module notes).

    Attributes:
        seed: the seed of :attr:`rng`; the same seed builds the same objects.
        jurisdiction: the profile (or its code) whose rules built objects follow.
        clock: what "now" is; a :class:`~municipal_core.clock.FixedClock` at
            :data:`DEFAULT_INSTANT` when ``None``.
        rng: the random source, seeded from :attr:`seed`.
        sequence: the reference-number sequence invoices are numbered from.

    Raises:
        InvalidFormat: a seed that is not an ``int`` (``testing.seed``) or a clock that is
            not a :class:`~municipal_core.clock.Clock` (``testing.clock``).
        NotFound: an unknown jurisdiction code.

    Examples:
        >>> BuildContext(seed=2).rng.random() == BuildContext(seed=2).rng.random()
        True
    """

    seed: int = attrs.field(default=0, converter=_seed)
    jurisdiction: Jurisdiction = attrs.field(
        default=jurisdictions.OM_SOHAR, converter=jurisdictions.resolve, repr=_code_repr
    )
    clock: Clock = attrs.field(default=None, converter=_clock)
    rng: random.Random = attrs.field(
        default=attrs.Factory(lambda self: random.Random(self.seed), takes_self=True),
        repr=False,
        eq=False,
    )
    sequence: InMemorySequence = attrs.field(factory=InMemorySequence, repr=False, eq=False)
    _counters: dict[str, int] = attrs.field(factory=dict, repr=False, eq=False, alias="counters")

    def now(self) -> dt.datetime:
        """Return the clock's instant (timezone-aware).

        Examples:
            >>> BuildContext().now().isoformat()
            '2026-03-01T09:00:00+00:00'
        """
        return self.clock.now()

    def today(self) -> dt.date:
        """Return today's date in the jurisdiction's time zone.

        Examples:
            >>> BuildContext(jurisdiction="sa-balady").today()
            datetime.date(2026, 3, 1)
        """
        return self.jurisdiction.today_in(self.clock.now())

    def number(self, prefix: str) -> str:
        """Return the next document number of a family: ``PREFIX-YYYY-NNNNNN``.

        Examples:
            >>> BuildContext().number("BP")
            'BP-2026-000001'
        """
        count = self._counters.get(prefix, 0) + 1
        self._counters[prefix] = count
        return f"{prefix}-{self.today().year}-{count:06d}"

    def within(self, jurisdiction: Jurisdiction | str | None) -> BuildContext:
        """Return a context for ``jurisdiction`` sharing this one's rng, clock and counters.

        ``None`` returns this context itself; a builder given a ``jurisdiction=`` override
        builds its related objects (parties, identifiers) for that jurisdiction.

        Examples:
            >>> ctx = BuildContext()
            >>> ctx.within("sa-balady").jurisdiction.code, ctx.within(None) is ctx
            ('sa-balady', True)
        """
        if jurisdiction is None:
            return self
        return BuildContext(
            seed=self.seed,
            jurisdiction=jurisdiction,
            clock=self.clock,
            rng=self.rng,
            sequence=self.sequence,
            counters=self._counters,
        )

    def in_country(self, country: str, default: str) -> BuildContext:
        """Return this context if its jurisdiction is in ``country``, else one for ``default``.

        A builder of one portal's documents (a Saudi licence, an Omani permit) uses it so
        that a kit set up for the other portal still builds a valid object.

        Examples:
            >>> BuildContext().in_country("SA", "sa-balady").jurisdiction.code
            'sa-balady'
        """
        return self if self.jurisdiction.country == country else self.within(default)


def construct(
    make: Callable[..., T],
    defaults: Mapping[str, Any],
    overrides: Mapping[str, Any],
    *,
    family: str,
) -> T:
    """Call ``make`` with ``defaults`` updated by ``overrides``; return what it builds.

    An override that ``make`` does not take but the built attrs class has as a field
    (``status=``, say) is applied afterwards with :func:`attrs.evolve`, which validates
    again; so every field is overridable and an invalid object still cannot exist.

    Raises:
        InvalidComponent: an override that is neither an argument nor a field
            (``testing.<family>.override``).

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Pair:
        ...     a: int
        ...     b: int = 0
        >>> construct(Pair, {"a": 1}, {"b": 2}, family="pair")
        Pair(a=1, b=2)
        >>> construct(Pair, {"a": 1}, {"c": 2}, family="pair")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: The pair builder has no field named 'c'.
    """
    arguments = {**defaults, **{k: v for k, v in overrides.items() if k in defaults}}
    built = make(**arguments)
    later = {k: v for k, v in overrides.items() if k not in defaults}
    if not later:
        return built
    cls: Any = type(built)
    aliases = {field.alias for field in attrs.fields(cls)} if attrs.has(cls) else set()
    for name in later:
        # An attrs field is given to __init__ and evolve() by its alias (``_x`` as ``x``).
        if name not in aliases:
            raise InvalidComponent(
                f"The {family} builder has no field named {name!r}.",
                f"لا يوجد حقل باسم {name!r} في منشئ {family}.",
                code=f"testing.{family}.override",
                field=name,
            )
    evolved: T = attrs.evolve(cast(Any, built), **later)
    return evolved
