"""The one exception kg raises for problems a user can fix."""

from __future__ import annotations


class KgError(Exception):
    """A problem reported to the user as a message, never as a traceback.

    Attributes:
        exit_code: the process exit code the command line uses for it.
    """

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class UnknownNameError(KgError):
    """A name given by the user matches no actor or entity in the store."""

    exit_code = 3
