"""Readers of the report's tables, one module per table family."""
