"""A rich progress bar for long runs over articles: count, rate per second and time left."""

from __future__ import annotations

from collections.abc import Callable


class ArticleProgress:
    """A progress bar of articles on stderr, with articles per second and an estimate of time left.

    Use as ``with ArticleProgress("ingesting", total, show) as tick:`` and call
    ``tick()`` per article, ``tick(message)`` to print a line (rich markup) above the bar.

    Args:
        what: the verb shown before the bar ("ingesting").
        total: the expected number of articles, or None when unknown (no time left shown).
        show: False to print nothing (quiet runs, output not a terminal).
    """

    def __init__(self, what: str, total: int | None, show: bool) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn(what), BarColumn(), MofNCompleteColumn(), TextColumn("articles"),
            TextColumn("{task.fields[rate]}/s"), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
            disable=not show, console=Console(stderr=True),
        )
        self.task = self.progress.add_task(what, total=total, rate="-")
        self.show = show
        self.done = 0

    def __enter__(self) -> Callable[..., None]:
        self.progress.__enter__()
        return self.tick

    def tick(self, message: str | None = None) -> None:
        """Count one article; print ``message`` above the bar when given (and the bar is shown)."""
        self.done += 1
        elapsed = self.progress.tasks[0].elapsed or 0.0
        self.progress.update(self.task, advance=1, rate=f"{self.done / elapsed:.0f}" if elapsed > 0 else "-")
        if message and self.show:
            self.progress.console.print(message, markup=True, highlight=False)

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)  # type: ignore[arg-type]
