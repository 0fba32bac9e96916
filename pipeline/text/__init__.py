"""Text libraries: where articles come from and how their text is cleaned and read.

* :mod:`~pipeline.text.sources` — reading article files (``.txt`` folders, JSONL, CSV, Parquet)
  and the reasons an input is rejected (used by the ingest stage);
* :mod:`~pipeline.text.editlog` — the edit log: every change to the raw text, mapped both ways;
* :mod:`~pipeline.text.fixes` — the named fixes of the normalizer, one registry (``FIXES``);
* :mod:`~pipeline.text.lines` — what one line of a page is (a date, a byline, a masthead,
  a furniture pattern, the headline), shared by the two below;
* :mod:`~pipeline.text.furniture` — site furniture lines to remove;
* :mod:`~pipeline.text.metadata` — headline, date, byline and outlet read from the page.

Imports run one way: ``lines`` <- ``furniture`` <- ``fixes``; ``lines`` <- ``metadata``.
"""
