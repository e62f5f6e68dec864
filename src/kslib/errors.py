"""The one exception root of kslib and its specific subclasses.

Every error a user can cause (a missing file, a text that is no report, a bad
overrides file, an unknown notebook parameter) is a :class:`KslibError`; the
command line prints its message on one line and exits with the class's
``exit_code`` (documented in the README, "Schemalagda körningar"):

====  =====================================================================
0     done
2     bad input (:class:`KslibError` and most subclasses)
3     nothing to do: no report for the year yet (:class:`NoReportError`)
4     a notebook failed; nothing new of its report published (:class:`RenderError`)
75    busy: another run holds the lock (:class:`BusyError`; ``EX_TEMPFAIL``, try later)
====  =====================================================================
"""
from __future__ import annotations

from dataclasses import dataclass


class KslibError(Exception):
    """Root of every error kslib raises on purpose."""

    exit_code = 2


class InputFileError(KslibError):
    """A raw input file is missing, unreadable, empty, binary or of the wrong kind."""


class NotAReportError(InputFileError):
    """The file was read but holds nothing that looks like a board's annual report."""


class PdfError(InputFileError):
    """A PDF is encrypted, corrupt or has no text layer."""


class ParseError(KslibError):
    """A table or section was found but could not be read."""


class OverridesError(KslibError):
    """The analyst's status overrides file has a bad row."""


class ParameterError(KslibError):
    """An unknown or ill-typed notebook/render parameter, or a year with no raw report."""


class NoReportError(ParameterError):
    """The year has no report (yet): nothing to do.  Exit code 3, so that a scheduler can tell it from bad input."""

    exit_code = 3


@dataclass(frozen=True)
class NotebookFailure:
    """One notebook of a render that failed: where, and what the kernel raised."""

    year: int
    notebook: str
    cell: int | None          # execution count of the failing cell (None: failed outside a cell)
    exception: str            # the exception's name, e.g. "ParseError"
    message: str


class RenderError(KslibError):
    """One or more notebooks failed to execute or export (``failures`` names each), or a year was not published."""

    exit_code = 4

    def __init__(self, message: str, *, failures: tuple[NotebookFailure, ...] = ()):
        super().__init__(message)
        self.failures = tuple(failures)


class OutputError(KslibError):
    """An output could not be written (busy lock, permissions, disk)."""


class BusyError(OutputError):
    """Another run of the same report holds its lock.  Exit code 75 (``EX_TEMPFAIL``): try again later."""

    exit_code = 75
