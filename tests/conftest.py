"""Test-suite settings shared by every test module."""

import os

from hypothesis import HealthCheck, settings

# CI machines are slow and shared: no deadlines there, and a fixed derandomised run so a
# failure reproduces; locally hypothesis explores freshly on each run.
settings.register_profile(
    "ci", deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
