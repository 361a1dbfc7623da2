"""``python -m factlib`` is the ``factlib`` command."""
import sys

from factlib.cli import main

sys.exit(main())
