"""The Dagster UI itself, in headless Chromium: after two `dyad run`s (the second incremental)
the asset page of ``core/events`` shows the table's true row count and its columns, and "Materialize
all" in the global lineage view launches one run, which succeeds.

The webserver runs as `dyad ui` runs it (the same module, the settings passed by environment), on
a free port, with a ``DAGSTER_HOME`` in the test's folder. Its instance launches runs at once
(Dagster's default run coordinator) instead of queueing them for a daemon: `dagster dev` would
also start the folder sensor, whose first tick requests a run of its own.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from etl import cli, contract
from etl.definitions import defs

from .. import browser as chromium
from ..conftest import SEEDS

pytestmark = pytest.mark.slow

CHROMIUM = chromium.CHROMIUM
CHROMEDRIVER = chromium.CHROMEDRIVER
CHROMIUM_FLAGS = (*chromium.FLAGS, "--window-size=1600,1000")
INSTANCE_YAML = """\
run_coordinator:
  module: dagster.core.run_coordinator
  class: DefaultRunCoordinator
"""
RUNS = """{ runsOrError { ... on Runs { results {
  runId status jobName tags { key value } assetSelection { path } } } } }"""
READY = """{ workspaceOrError { ... on Workspace { locationEntries {
  locationOrLoadError { __typename ... on RepositoryLocation { repositories { name } } } } } } }"""
BACKFILLS = "{ partitionBackfillsOrError { ... on PartitionBackfills { results { id } } } }"
FINISHED = {"SUCCESS", "FAILURE", "CANCELED"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def graphql(base: str, query: str) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{base}/graphql",
        json.dumps({"query": query}).encode(),
        {"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (localhost)
        data: dict[str, Any] = json.load(response)["data"]
    return data


def count(db: Path, table: str) -> int:
    with duckdb.connect(str(db), read_only=True) as conn:
        return int(conn.execute(f"select count(*) from {table}").fetchone()[0])  # type: ignore[index]  # noqa: S608


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """Three seed pages, a DAGSTER_HOME, and the webserver started on them (stopped at the end)."""
    for tool in (CHROMIUM, CHROMEDRIVER):
        assert Path(tool).is_file(), f"{tool} is missing: `make test` installs it (.ci/system-deps)"
    webserver = Path(sys.executable).parent / "dagster-webserver"
    assert webserver.is_file(), f"{webserver} is missing (dagster-webserver is a dependency)"
    pages = tmp_path / "pages"
    pages.mkdir()
    for page in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(page, pages / page.name)
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text(INSTANCE_YAML, encoding="utf-8")
    # The storage is created now: the webserver and the first run creating it at once would race.
    with dg.DagsterInstance.from_config(str(home)) as instance:
        instance.get_runs(limit=1)
    db = tmp_path / "warehouse" / "dyad.duckdb"
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    env = dict(os.environ, DYAD_SEEDS_DIR=str(pages), DYAD_WAREHOUSE=str(db))
    port = free_port()
    # Started first, so that it loads the definitions while the two runs below work.
    server = subprocess.Popen(
        [str(webserver), "-m", "etl.definitions", "-a", "defs", "-h", "127.0.0.1", "-p", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "webserver.log").open("w"),
        start_new_session=True,  # its own process group: the code server goes with it
    )
    try:
        yield {"pages": pages, "db": db, "base": f"http://127.0.0.1:{port}", "server": server}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def wait_ready(base: str, server: subprocess.Popen[bytes], timeout_s: float = 120) -> None:
    """Until the webserver answers and has loaded the code location."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert server.poll() is None, "the webserver exited (see webserver.log)"
        try:
            entries = graphql(base, READY)["workspaceOrError"]["locationEntries"]
        except (urllib.error.URLError, ConnectionError, KeyError, TypeError):
            entries = []
        loaded = [e["locationOrLoadError"] for e in entries if e["locationOrLoadError"]]
        if loaded:
            assert loaded[0]["__typename"] == "RepositoryLocation", loaded
            return
        time.sleep(0.5)
    raise AssertionError(f"the webserver did not load the definitions in {timeout_s:g} s")


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def dismiss_dialog(driver: WebDriver) -> None:
    """Close the community dialog a fresh profile gets once (it would take the next click)."""
    for skip in driver.find_elements(By.XPATH, "//button[normalize-space()='Skip']"):
        skip.click()


def body_text(driver: WebDriver) -> str:
    return str(driver.find_element(By.TAG_NAME, "body").text)


def test_the_ui_shows_the_true_table_and_materializes_all_in_one_run(
    site: dict[str, Any], browser: WebDriver
) -> None:
    pages, db, base = site["pages"], site["db"], site["base"]
    run = ["run", "--seeds", str(pages), "--warehouse", str(db)]
    assert cli.main(run) == 0
    first = count(db, "core.events")
    # The incremental run: one page deleted, so it writes no event row and removes some.
    sorted(pages.glob("*.txt"))[0].unlink()
    assert cli.main(run) == 0
    events = count(db, "core.events")
    assert 0 < events < first
    wait_ready(base, site["server"])
    runs = graphql(base, RUNS)["runsOrError"]["results"]
    assert [r["jobName"] for r in runs] == ["dyad_job", "dyad_job"], "CLI runs in the UI's history"

    # The asset page: the table's size now (not the rows the last run wrote), and its columns.
    wait = WebDriverWait(browser, 60)
    browser.get(f"{base}/assets/core/events")
    wait.until(lambda d: re.search(r"Row count\s+[\d,]+", body_text(d)))
    wait.until(lambda d: "Columns" in body_text(d) and "confidence" in body_text(d))
    dismiss_dialog(browser)
    text = body_text(browser)
    shown = re.search(r"Row count\s+([\d,]+)", text)
    assert shown and int(shown.group(1).replace(",", "")) == events, (events, text[:600])
    columns = text[text.index("Columns") : text.index("Metadata", text.index("Columns"))]
    for name in contract.tables()["core.events"].column_names:
        assert re.search(rf"^{name}$", columns, re.M), f"column {name} not shown"
    assert "PLOVER event type" in columns  # a description, from the DDL's comment

    # The global lineage view: "Materialize all" launches one run of the main job's assets.
    browser.get(f"{base}/asset-groups")
    button = (By.XPATH, "//button[normalize-space()='Materialize all']")
    clickable = wait.until(ec.element_to_be_clickable(button))
    dismiss_dialog(browser)
    clickable.click()
    wait.until(lambda d: "Launched run" in body_text(d))
    before = {r["runId"] for r in runs}
    # Generous: on a loaded machine the run's process takes a while to start and load the model.
    deadline = time.monotonic() + 240
    while True:
        new = [r for r in graphql(base, RUNS)["runsOrError"]["results"] if r["runId"] not in before]
        if new and all(r["status"] in FINISHED for r in new):
            break
        assert time.monotonic() < deadline, f"the run did not finish: {new}"
        time.sleep(1)
    assert len(new) == 1, new
    (launched,) = new
    assert launched["status"] == "SUCCESS", launched
    assert not any(t["key"] == "dagster/backfill" for t in launched["tags"]), launched
    assert graphql(base, BACKFILLS)["partitionBackfillsOrError"]["results"] == []
    materialized = {"/".join(a["path"]) for a in launched["assetSelection"]}
    main_job = defs.resolve_job_def("dyad_job").asset_layer.executable_asset_keys
    assert materialized == {k.to_user_string() for k in main_job}
    assert count(db, "core.events") == events  # nothing changed, and nothing was lost
