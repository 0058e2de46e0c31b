"""The Label Studio bridge: config, tasks, pre-annotations, conversion, server, push and pull.

Pure parts (no server, no files):

- :func:`labeling_config` — the XML, generated from the schema; committed at
  ``annotations/labelstudio/config.xml`` (regenerate: ``python -m silkroad_news.labelstudio
  config``).
- :func:`passage_tasks` / :func:`passage_predictions` — one task per passage and its
  pre-annotation (``model_version`` = :func:`silkroad_news.prelabel.model_version`).
- :func:`to_labelstudio` / :func:`from_labelstudio` — exact round trip between a canonical
  :class:`~silkroad_news.schema.PassageAnnotation` and a Label Studio annotation.

I/O edge (SDK 2.x, a real server):

- :func:`start_server` / :func:`serve` — Label Studio from ``.venv-labelstudio`` on 127.0.0.1.
- :func:`connect`, :func:`push`, :func:`pull` — an idempotent push (with the committed gold
  as annotations of the gold account, ``--with-gold``) and a pull that merges the server's
  annotations into the committed export passage by passage and never loses one.
- :func:`check_export` — every problem of an export, located (``labelstudio check``).

Every failure raises :class:`LabelStudioError` (a :class:`~silkroad_news.schema.SchemaError`)
with one line naming the task, region and field.
"""

from silkroad_news.labelstudio.check import CheckReport, check_export
from silkroad_news.labelstudio.client import (
    DEFAULT_PROJECT_TITLE,
    GOLD_ACCOUNT,
    ExportDiff,
    PullReport,
    PushReport,
    close,
    connect,
    connected,
    merge_exports,
    pull,
    push,
)
from silkroad_news.labelstudio.config import CONFIG_PATH, labeling_config, validate_config
from silkroad_news.labelstudio.convert import (
    Problem,
    from_labelstudio,
    iter_annotations,
    normalize,
    read_annotation,
    to_labelstudio,
)
from silkroad_news.labelstudio.errors import ExportConflictError, LabelStudioError
from silkroad_news.labelstudio.server import Server, serve, start_server
from silkroad_news.labelstudio.tasks import passage_prediction, passage_predictions, passage_tasks

__all__ = [
    "CONFIG_PATH",
    "DEFAULT_PROJECT_TITLE",
    "GOLD_ACCOUNT",
    "CheckReport",
    "ExportConflictError",
    "ExportDiff",
    "LabelStudioError",
    "Problem",
    "PullReport",
    "PushReport",
    "Server",
    "check_export",
    "close",
    "connect",
    "connected",
    "from_labelstudio",
    "iter_annotations",
    "labeling_config",
    "merge_exports",
    "normalize",
    "passage_prediction",
    "passage_predictions",
    "passage_tasks",
    "pull",
    "push",
    "read_annotation",
    "serve",
    "start_server",
    "to_labelstudio",
    "validate_config",
]
