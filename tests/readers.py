"""The views of a source read on its own, by their contract names, for tests that build a Source by hand."""
from __future__ import annotations

from kslib.parse.tables.views import read_view


def read_resultatrakning(source, *, year=None, warnings=None):
    return read_view(source, "resultatrakning", year=year, warnings=warnings)


def read_driftredovisning(source, *, year=None, warnings=None):
    return read_view(source, "driftredovisning", year=year, warnings=warnings)


def read_nyckeltal(source, *, year=None, warnings=None):
    return read_view(source, "nyckeltal", year=year, warnings=warnings)
