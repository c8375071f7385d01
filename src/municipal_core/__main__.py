"""``python -m municipal_core``: the ``municipal`` command (see :mod:`municipal_core.cli`)."""

import sys

from municipal_core.cli import main

if __name__ == "__main__":
    sys.exit(main())
