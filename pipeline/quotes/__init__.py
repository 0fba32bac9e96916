"""Quote libraries: the finders of each quote kind and the cues that mark speech.

The finders (one per ``finder`` named in :data:`schemas.kinds.QUOTE_KINDS`, registered in
:mod:`pipeline.quotes.finders` and run by the segment stage):

- :mod:`~pipeline.quotes.dash`: ``dash`` quotes, speech opened by a dash and interview answers;
- :mod:`~pipeline.quotes.marks`: ``direct`` and ``partial`` quotes in quotation marks;
- :mod:`~pipeline.quotes.reported`: ``indirect`` quotes, reported speech read on the spaCy parse, and the
  ``partial`` quotes that stand inside reported speech.

What they share, read by rules on the text (no parse): :mod:`~pipeline.quotes.paragraphs` (marks,
dashes, paragraphs, the article as the finders read it), :mod:`~pipeline.quotes.regions` (pairing
quotation marks into quoted regions), :mod:`~pipeline.quotes.surface_cues` (cue patterns, candidate
paragraphs), :mod:`~pipeline.quotes.attribution` (the cue and mention next to a quote) and
:mod:`~pipeline.quotes.verbs` (verb forms of the cue lexicons).

Reported speech on the parse (:func:`pipeline.quotes.speech.reported_speech`) is built from
:mod:`~pipeline.quotes.cues` (cue lexicons and their matching), :mod:`~pipeline.quotes.subjects`
(speakers), :mod:`~pipeline.quotes.clauses` (content), :mod:`~pipeline.quotes.constructions` (cue,
speaker and content together), :mod:`~pipeline.quotes.fragments` (quotation marks in and around the
content) and :mod:`~pipeline.quotes.doc_spans` (small helpers on parsed docs).
"""
