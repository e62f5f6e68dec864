"""Subcommands of the ``kslib`` command line, one module each."""
