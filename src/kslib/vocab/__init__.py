"""The one vocabulary of the field: units, measure words, total words, row codes, page furniture and the
Swedish labels of measures.  Knowledge of how Swedish municipal reports print their tables — never a row
name or heading of one report.  Every layer (read, parse, audit, present) uses these definitions."""
