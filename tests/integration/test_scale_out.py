"""The scale-out path: batch partitions of the ``dyad_scale_out`` job parse ahead, and the
warehouse comes out the same; the batches stay out of the asset graph ("Materialize all")."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import polars as pl

from etl.definitions import defs
from etl.defs.articles import articles
from etl.defs.automation import scale_out_job
from etl.defs.raw import raw_documents
from etl.defs.resources import DyadResource
from etl.pipeline import run_pipeline
from etl.settings import from_env
from etl.stages import staging

from ..conftest import SEEDS

COMPARED = {
    "core.sentences": "article_id, sentence_index",
    "core.mentions": "mention_id",
    "core.entities": "entity_id",
    "core.events": "event_id",
    "core.event_actors": "event_id, entity_id, actor_role",
}


def _rows(db: Path, table: str, order: str) -> list[tuple[object, ...]]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        return conn.execute(f"select * from {table} order by {order}").fetchall()  # noqa: S608
    finally:
        conn.close()


def test_scale_out_job_is_partitioned_by_batch() -> None:
    job = defs.resolve_job_def("dyad_scale_out")
    assert job.partitions_def is not None
    assert list(job.partitions_def.get_partition_keys()) == list(staging.BATCH_KEYS)
    # Not an asset: the global graph holds no partitioned asset, so "Materialize all" is one run
    # of exactly the main job's assets, not a partition backfill.
    graph = defs.resolve_asset_graph()
    assert not any(node.partitions_def for node in graph.asset_nodes)
    main = defs.resolve_job_def("dyad_job")
    assert main.asset_layer.executable_asset_keys == graph.executable_asset_keys
    assert job.asset_layer.executable_asset_keys == set()


def _stage(resources: dict[str, DyadResource], batch: str) -> int:
    """Run one batch of the scale-out job; the number of articles it staged."""
    run = scale_out_job.execute_in_process(partition_key=batch, resources=resources)
    assert run.success
    (output,) = (e for e in run.all_events if e.is_successful_output)
    return int(output.step_output_data.metadata["n_articles"].value)  # type: ignore[arg-type]


def test_batches_staged_ahead_give_the_same_warehouse(
    tmp_path: Path, seeds_warehouse: Path
) -> None:
    db = tmp_path / "dyad.duckdb"
    config = from_env().but(seeds_dir=SEEDS, warehouse_path=db)
    resources = {"dyad": DyadResource.from_settings(config)}
    assert dg.materialize([raw_documents, articles], resources=resources).success
    n_staged = 0
    for batch in staging.BATCH_KEYS:
        n_staged += _stage(resources, batch)
    folder = staging.staging_dir(config.build_path) / "entities"
    assert n_staged == len(list(SEEDS.glob("*.txt")))
    assert len(list(folder.glob("*/inputs.parquet"))) >= 2
    summary = run_pipeline(config)
    assert summary.success, summary.render()
    assert summary.asset_metadata["core/sentences"]["n_from_batches"] == n_staged
    assert not folder.exists(), "consumed batches are removed after the commit"
    for table, order in COMPARED.items():
        assert _rows(db, table, order) == _rows(seeds_warehouse, table, order), table


def test_a_stale_batch_is_ignored(tmp_path: Path, seeds_warehouse: Path) -> None:
    db = tmp_path / "dyad.duckdb"
    config = from_env().but(seeds_dir=SEEDS, warehouse_path=db)
    resources = {"dyad": DyadResource.from_settings(config)}
    assert dg.materialize([raw_documents, articles], resources=resources).success
    for batch in staging.BATCH_KEYS:
        _stage(resources, batch)
    folder = staging.staging_dir(config.build_path)
    # One staged batch no longer matches the inputs it says it was computed from.
    inputs = sorted(folder.glob("entities/*/inputs.parquet"))
    stale = pl.read_parquet(inputs[0])
    stale.with_columns(pl.lit("stale").alias("input_hash")).write_parquet(inputs[0])
    n_staged = sum(pl.read_parquet(p).height for p in inputs)
    summary = run_pipeline(config)
    assert summary.success, summary.render()
    assert summary.asset_metadata["core/sentences"]["n_from_batches"] == n_staged - stale.height
    for table, order in COMPARED.items():
        assert _rows(db, table, order) == _rows(seeds_warehouse, table, order), table
