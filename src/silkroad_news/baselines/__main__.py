"""``python -m silkroad_news.baselines crf|baselines ...``: the ``crf`` and ``baselines``
sub-commands of ``silkroad-news``, for environments without the console script."""

from __future__ import annotations

import sys

from .commands import main

if __name__ == "__main__":
    sys.exit(main())
