"""Speaker libraries: names, mentions, roles, statement dates and resolution across articles.

Attribution (the attribute stage) runs as passes over typed rows (:mod:`pipeline.speakers.quote_row`):
:mod:`~pipeline.speakers.mention_pass` -> the article's roles (:func:`~pipeline.speakers.role_choice.collect_roles`,
read by the speaker pass) -> :mod:`~pipeline.speakers.speaker_pass` -> :mod:`~pipeline.speakers.date_pass` ->
the role pass of :mod:`~pipeline.speakers.role_choice`. Their rules:

* :mod:`~pipeline.speakers.words` — the lexicons of mentions and small shared text rules;
* :mod:`~pipeline.speakers.mention_names` — the person's name a mention holds;
* :mod:`~pipeline.speakers.mentions` — what a mention is (name, organisation, pronoun, description);
* :mod:`~pipeline.speakers.cast` — the people and organisations of one article;
* :mod:`~pipeline.speakers.referents` — whom a description stands for;
* :mod:`~pipeline.speakers.roles` — where roles are written; :mod:`~pipeline.speakers.role_choice` —
  which role a quote gets (every role decision);
* :mod:`~pipeline.speakers.dates` — statement dates.

Resolution across articles (the resolve stage): :mod:`~pipeline.speakers.clusters` (which written names
are one speaker), :mod:`~pipeline.speakers.resolution` (canonical names, ids, the speakers table),
:mod:`~pipeline.speakers.names` (name folding and keys, used by attribution too) and
:mod:`~pipeline.speakers.corpus_dates` (a year for a stated day in an undated article).
"""
