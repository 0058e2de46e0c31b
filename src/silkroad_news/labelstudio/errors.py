"""The one error type of the Label Studio bridge.

Every failure the bridge can explain (a malformed export, an unreachable server, a wrong token,
an export that would drop annotations) raises :class:`LabelStudioError` with a one-line message
that names the task, the region and the field where there is one. It is a
:class:`~silkroad_news.schema.SchemaError` so callers that already catch schema errors catch
these too.
"""

from __future__ import annotations

from silkroad_news.schema import SchemaError


class LabelStudioError(SchemaError):
    """A Label Studio record, server or export is unusable; the message says where and why."""


class ExportConflictError(LabelStudioError):
    """Pulling would replace a committed export that holds annotations the server lost."""
