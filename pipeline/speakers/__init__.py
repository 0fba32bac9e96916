"""Speaker libraries: names, mentions, roles, statement dates and resolution across articles."""
