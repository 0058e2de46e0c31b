"""Progress bars with ``rich`` on standard error, only when it is a terminal.

Logs and captured output (CI, tests, ``2> file``) stay free of control characters: when
standard error is not a TTY the bar is a no-op.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress(description: str, total: int) -> Iterator[Callable[[str], None]]:
    """Yield ``step(label)``, to call once per finished unit of ``total``."""
    if not sys.stderr.isatty():
        yield lambda label="": None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[label]}"),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total, label="")

        def step(label: str = "") -> None:
            bar.update(task, advance=1, label=label)

        yield step
