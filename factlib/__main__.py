"""``python -m factlib`` is the ``factlib`` command."""
from factlib.cli import console

console()
