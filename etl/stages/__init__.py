"""How the per-article stages run, without Dagster.

``runner`` is the skeleton every per-article stage shares (plan against the ledger, read in
chunks, fan out to the worker pool, stream into one transaction, tally); ``articles``,
``entities`` and ``events`` each supply what their workers do; ``ingest`` reads the input folder;
``ledger`` and ``versions`` decide what must be redone; ``pool``, ``parse_cache`` and ``staging``
are the worker processes, the stored parses and the scale-out batches.
"""
