"""``python -m silkroad_news.labelstudio config|serve|push|pull`` (same as the main CLI)."""

import sys

from silkroad_news.labelstudio.cli import main

sys.exit(main())
