"""Find (or start) a PostgreSQL server for the registry tests, or say clearly why not.

The suite runs in importlib mode, so this file is not importable as ``tests.registry...``;
``conftest.py`` and ``test_postgres_store.py`` load it with :func:`load` below, which keeps
one module object in ``sys.modules`` so the server is looked for once per test session.

Where the server comes from, first hit wins:

1. ``MUNICIPAL_TEST_POSTGRES_DSN`` (CI sets it from ``.ci/postgres.sh``). If it is set but
   the server does not answer, the tests FAIL -- a CI without its database must not turn
   green by skipping.
2. The local defaults: ``postgresql://postgres@localhost/postgres``, then the Unix socket as
   the current user.
3. ``.ci/postgres.sh --no-install``: starts an installed Debian cluster and creates the test
   role (works as root, as ``postgres`` or with password-less sudo; never installs).

Otherwise every PostgreSQL test skips with the reasons collected on the way.
Each store gets its own schema (``mc_test_<random>``), dropped when the test ends.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from municipal_core.registry._postgres import PostgresTransactionStore

ENV_VAR = "MUNICIPAL_TEST_POSTGRES_DSN"
MODULE_NAME = "municipal_core_tests_registry_postgres_server"
LOCAL_CANDIDATES = (
    "postgresql://postgres@localhost/postgres",
    "postgresql:///postgres",
)
_SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "postgres.sh"
_CONNECT_TIMEOUT = 3

# Session cache: (dsn, None) once found, (None, reason) once given up.
_found: tuple[str | None, str | None] | None = None


def load() -> Any:
    """Return this module, loaded once per session (importlib mode has no package path)."""
    import importlib.util

    if MODULE_NAME not in sys.modules:
        spec = importlib.util.spec_from_file_location(MODULE_NAME, __file__)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[MODULE_NAME] = module
        spec.loader.exec_module(module)
    return sys.modules[MODULE_NAME]


def _try_connect(dsn: str) -> str | None:
    """Return None when ``dsn`` answers ``SELECT 1``, else a one-line reason."""
    import psycopg

    try:
        with psycopg.connect(dsn, connect_timeout=_CONNECT_TIMEOUT) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc) else ''}"
    return None


def _from_script() -> tuple[str | None, str]:
    """Run ``.ci/postgres.sh --no-install``; return (dsn, "") or (None, reason)."""
    if not _SCRIPT.exists():
        return None, f"{_SCRIPT} not found"
    try:
        done = subprocess.run(
            ["bash", str(_SCRIPT), "--no-install"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"{_SCRIPT.name}: {exc}"
    for line in done.stdout.splitlines():
        words = shlex.split(line)
        if len(words) == 2 and words[0] == "export" and words[1].startswith(ENV_VAR + "="):
            return words[1].split("=", 1)[1], ""
    tail = " | ".join(done.stderr.strip().splitlines()[-2:])
    return None, f"{_SCRIPT.name} exited {done.returncode}: {tail}"


def find_server() -> str:
    """Return a DSN for a live server; skip (or fail, see module doc) when there is none."""
    global _found
    if _found is None:
        _found = _search()
    dsn, reason = _found
    if dsn is None:
        if os.environ.get(ENV_VAR):
            pytest.fail(f"PostgreSQL from {ENV_VAR} is unreachable: {reason}", pytrace=False)
        pytest.skip(f"no PostgreSQL server: {reason}")
    return dsn


def _search() -> tuple[str | None, str | None]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None, "psycopg is not installed (pip install 'municipal-core[postgres]')"
    configured = os.environ.get(ENV_VAR)
    if configured:
        problem = _try_connect(configured)
        return (configured, None) if problem is None else (None, problem)
    reasons = []
    for dsn in LOCAL_CANDIDATES:
        problem = _try_connect(dsn)
        if problem is None:
            return dsn, None
        reasons.append(f"{dsn}: {problem}")
    dsn, problem = _from_script()
    if dsn is not None and (problem := _try_connect(dsn)) is None:
        return dsn, None
    reasons.append(problem)
    return None, "; ".join(reasons) + f" (set {ENV_VAR} or run .ci/postgres.sh)"


def fresh_schema() -> str:
    """A schema name no other test (or test process) uses."""
    return f"mc_test_{uuid.uuid4().hex[:16]}"


def drop_schema(dsn: str, schema: str) -> None:
    """Drop ``schema`` and everything in it (test clean-up)."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(dsn, autocommit=True, connect_timeout=_CONNECT_TIMEOUT) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def make_postgres_store(request: pytest.FixtureRequest) -> PostgresTransactionStore:
    """A store in a fresh schema on the test server; closed and dropped after the test."""
    from municipal_core.registry._postgres import PostgresTransactionStore

    dsn = find_server()
    schema = fresh_schema()
    request.addfinalizer(lambda: drop_schema(dsn, schema))
    store = PostgresTransactionStore(dsn, schema=schema)
    request.addfinalizer(store.close)
    return store
