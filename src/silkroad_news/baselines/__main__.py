"""``python -m silkroad_news.baselines ...``: the same as ``silkroad-news ...`` (``crf``,
``baselines`` and the other sub-commands), for environments without the console script."""

from __future__ import annotations

import sys

from ..cli import main

if __name__ == "__main__":
    sys.exit(main())
