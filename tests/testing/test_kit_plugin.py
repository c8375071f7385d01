"""The pytest plugin, loaded into a sub-session the way a host suite loads it."""

from __future__ import annotations

import importlib.util
from importlib.metadata import entry_points

import pytest


def _plugin_args() -> tuple[str, ...]:
    # Once installed with its pytest11 entry point the plugin loads by itself; loading it
    # again with -p would register one module twice, which pluggy refuses.
    installed = any(ep.name == "municipal_core" for ep in entry_points(group="pytest11"))
    return ("-p", "no:cacheprovider") if installed else (
        "-p", "municipal_core.testing.plugin", "-p", "no:cacheprovider"
    )  # fmt: skip


PLUGIN = _plugin_args()


def test_fixtures_a_host_suite_gets(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import datetime as dt

        import pytest

        from municipal_core.testing import Builder


        def test_clock_and_profiles(municipal_clock, oman, saudi):
            assert municipal_clock.now() == dt.datetime(2026, 3, 1, 9, tzinfo=dt.timezone.utc)
            assert (oman.code, saudi.code) == ("om-sohar", "sa-balady")


        def test_builder_is_seeded_zero_on_the_clock(municipal_builder, municipal_clock):
            assert municipal_builder.seed == 0
            assert municipal_builder.clock is municipal_clock
            assert municipal_builder.lease() == Builder(seed=0).lease()


        @pytest.mark.municipal_seed(7)
        def test_marker_sets_the_seed(municipal_builder):
            assert municipal_builder.seed == 7
            assert municipal_builder.lease() == Builder(seed=7).lease()


        @pytest.mark.municipal_seed(seed=8)
        def test_marker_takes_a_keyword(municipal_builder):
            assert municipal_builder.seed == 8


        def test_account_store_is_empty_and_used(municipal_builder, account_store):
            account = municipal_builder.account(store=account_store)
            assert account_store.get(account.account_id) == account
        """
    )
    result = pytester.runpytest(*PLUGIN, "--strict-markers")
    result.assert_outcomes(passed=5)


def test_a_bad_seed_marker_fails_with_a_typed_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.municipal_seed("seven")
        def test_bad(municipal_builder):
            pass
        """
    )
    result = pytester.runpytest(*PLUGIN)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*InvalidFormat*"])


def test_transaction_store_is_an_empty_store_or_a_skip(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_store(transaction_store):
            assert transaction_store is not None
        """
    )
    result = pytester.runpytest(*PLUGIN, "-rs")
    if importlib.util.find_spec("municipal_core.registry") is None:
        result.assert_outcomes(skipped=1)
    else:
        result.assert_outcomes(passed=1)
