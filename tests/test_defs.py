"""The Dagster definitions load, and say what the UI shows."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from etl import contract
from etl.definitions import defs


def test_definitions_load() -> None:
    assert dg.Definitions.validate_loadable(defs) is None


def test_asset_keys_are_schema_and_plural_table() -> None:
    keys = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    expected = {
        n.replace(".", "/")
        for n in (*contract.table_names(), *contract.views())
        if n != "core.stage_inputs"  # the stages' ledger, written by each per-article asset
    }
    assert expected <= keys
    for name in contract.table_names():
        schema, table = name.split(".")
        assert schema in ("raw", "core") and table.endswith("s"), name


def test_every_asset_has_a_description() -> None:
    for node in defs.resolve_asset_graph().asset_nodes:
        assert node.description, f"{node.key} has no description"


def test_checks_cover_every_key_and_reference_of_the_contract() -> None:
    names = {k.name for k in defs.resolve_asset_graph().asset_check_keys}
    for t in contract.tables().values():
        if t.name == "core.stage_inputs":
            continue
        short = t.name.split(".")[1]
        assert f"{short}_key_unique_not_null" in names
        for r in t.references:
            assert f"{short}_{r.column}_references_{r.parent.split('.')[1]}" in names


def test_main_job_excludes_the_scale_out_batches_and_takes_turns() -> None:
    job = defs.resolve_job_def("dyad_job")
    assert dg.AssetKey(["staging", "entity_batches"]) not in job.asset_layer.executable_asset_keys
    assert job.tags.get("dagster/concurrency_key") == "dyad_warehouse"


def test_sensor_reads_its_folder_from_the_resource() -> None:
    sensor = defs.resolve_sensor_def("seeds_folder_sensor")
    assert "dyad" in sensor.required_resource_keys
    assert defs.resolve_schedule_def("dyad_daily").cron_schedule == "0 4 * * *"


def test_the_ui_instance_runs_one_warehouse_run_at_a_time(tmp_path: Path) -> None:
    from etl.settings import PROJECT_DIR

    (tmp_path / "dagster.yaml").write_text(
        (PROJECT_DIR / "etl" / "defs" / "dagster.yaml").read_text(encoding="utf-8")
    )
    with dg.DagsterInstance.from_config(str(tmp_path)) as instance:
        queue = instance.get_concurrency_config().run_queue_config
    assert queue is not None
    limits = queue.tag_concurrency_limits
    tag = defs.resolve_job_def("dyad_job").tags["dagster/concurrency_key"]
    assert {"key": "dagster/concurrency_key", "value": tag, "limit": 1} in limits
    assert queue.max_concurrent_runs == 2  # the scale-out backfill: two batches at a time


def test_every_table_asset_carries_its_documented_columns_and_kinds() -> None:
    nodes = {n.key.to_user_string(): n for n in defs.resolve_asset_graph().asset_nodes}
    for table in contract.tables().values():
        if table.name == "core.stage_inputs":
            continue
        node = nodes[table.name.replace(".", "/")]
        schema = node.metadata["dagster/column_schema"]
        assert [c.name for c in schema.columns] == list(table.column_names)
        assert all(c.description for c in schema.columns), table.name
        assert "duckdb" in node.kinds
    assert "spacy" in nodes["core/events"].kinds
    assert all(nodes[v.replace(".", "/")].kinds == {"duckdb"} for v in contract.views())
