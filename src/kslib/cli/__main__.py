"""``python -m kslib.cli``: the ``kslib`` command."""
import sys

from kslib.cli import main

sys.exit(main())
