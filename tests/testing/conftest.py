"""The kit's plugin is tested in sub-sessions run by pytester."""

pytest_plugins = ["pytester"]
