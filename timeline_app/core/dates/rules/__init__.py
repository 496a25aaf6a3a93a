"""The date rules: the table `rules.ini` (one entry per class of expression) and the resolvers
it names, one module per family of expression.  `registry` reads and compiles the table."""
