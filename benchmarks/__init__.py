"""Throughput benchmark of the Dyad pipeline on a synthetic corpus of French news pages.

A development tool kept out of the ``etl`` package (and out of its wheel): it imports ``etl``,
never the reverse. Modules: ``vocabulary`` (reads ``data/``), ``actors`` and ``corpus`` (the page
generator), ``results`` (the figures), ``run`` (child processes that time a materialization),
``report`` (markdown), ``cli`` (``python -m benchmarks`` and ``dyad bench``).
"""
