"""Measuring tools: gold readers, evaluation, the quality gate, the textacy comparison, the benchmark.

They run the pipeline and read its output; no stage or library imports them. Lowest module first
(each imports only the ones above it):

* ``gold`` - gold annotations (JSONL, brat, Citron) as :class:`gold.GoldQuote` records;
* ``matching`` - span rules, greedy one-to-one matching, speaker/role/date comparisons;
* ``system`` - a built dataset's quotes in raw offsets of their gold documents;
* ``scoring`` - every figure of an evaluation, and the gated ``main`` figures;
* ``reports`` - the figures table and the error report; ``quality`` - the floors of the gate;
* ``evaluate`` - the ``eval`` and ``floors`` commands; ``compare`` - ``compare`` (textacy beside us);
  ``bench`` - ``bench`` (throughput and memory).

The quote kinds (per-kind figures, ``recall_<kind>`` floors) come from :mod:`schemas.kinds`.
"""
