"""``python -m cnews_ie``: see :mod:`cnews_ie.cli`."""

import sys

from cnews_ie.cli import main

sys.exit(main())
