"""Measuring tools: gold readers, evaluation, the quality gate, the textacy comparison, the benchmark."""
