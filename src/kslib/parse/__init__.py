"""Lines → a :class:`~kslib.parse.report.Report`: Swedish numerals and the identity splitter
(:mod:`~kslib.parse.numbers`), tables (:mod:`~kslib.parse.tables`), figures in running text
(:mod:`~kslib.parse.prose`), front matter (:mod:`~kslib.parse.metadata`)."""
