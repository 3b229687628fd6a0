"""The report asset over the seeds, rendered by a real headless Chromium: the charts drew, as many
marks as the warehouse has pairs, actors and quad classes; the page fetches nothing."""

from __future__ import annotations

import re
import struct
import subprocess
import zlib
from pathlib import Path

import dagster as dg
import duckdb
import numpy as np
import pytest

from etl.cli import main
from etl.defs.report import report_overview
from etl.defs.resources import DyadResource
from etl.transforms import charts
from etl.transforms.report import NETWORK_PAIRS, TIMELINE_PAIRS
from etl.warehouse.report import report_path

from .. import browser

pytestmark = pytest.mark.slow

FLAGS = [*browser.FLAGS, "--hide-scrollbars"]
CHROMIUM = browser.CHROMIUM


def chromium(page: Path, profile: Path, *args: str) -> str:
    assert Path(CHROMIUM).exists(), "headless Chromium is missing: run .ci/system-deps"
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


# What each chart must draw, counted straight from the warehouse's views (not by the report's
# queries).
EXPECTED = """
with timeline as (
    select actor_code_a, actor_code_b from mart.actor_dyad_counts
    order by n_events desc, n_reports desc, actor_code_a, actor_code_b limit $n_timeline
),
network as (
    select actor_code_a, actor_code_b from mart.actor_dyad_counts
    order by n_events desc, n_reports desc, actor_code_a, actor_code_b limit $n_network
),
months as (
    select distinct
        least(source_actor_code, target_actor_code) as a,
        greatest(source_actor_code, target_actor_code) as b,
        date_trunc('month', event_date) as m
    from mart.chronology
    where event_date_precision <> 'year'
)
select
    (select count(*) from timeline) as n_rows,
    (select count(*) from months inner join timeline
        on months.a = timeline.actor_code_a and months.b = timeline.actor_code_b) as n_bars,
    (select count(*) from network) as n_edges,
    (select count(*) from (select actor_code_a from network
        union select actor_code_b from network)) as n_nodes,
    (select count(distinct quad_class) from core.events) as n_quads
"""


def expected_marks(db: Path) -> dict[str, dict[str, int]]:
    with duckdb.connect(str(db), read_only=True) as conn:
        row = conn.execute(
            EXPECTED, {"n_timeline": TIMELINE_PAIRS, "n_network": NETWORK_PAIRS}
        ).fetchone()
    assert row is not None
    n_rows, n_bars, n_edges, n_nodes, n_quads = row
    return {
        "timeline": {"month-bar": n_bars},
        "network": {"edge": n_edges, "node": n_nodes},
        "quad-classes": {"quad-bar": n_quads},
        "rows": {"pair-row": n_rows},
    }


def drawn(dom: str) -> dict[str, dict[str, int]]:
    out = {}
    for svg in re.finditer(r"<svg [^>]*>", dom):
        tag = svg.group(0)
        chart = re.search(r'id="([^"]+)"', tag)
        marks = re.search(r'data-drawn="([^"]*)"', tag)
        if chart and "chart" in tag:
            assert marks, f"the page's script did not measure {chart.group(1)}"
            out[chart.group(1)] = {
                k: int(v) for k, v in (m.split(":") for m in marks.group(1).split())
            }
    return out


def test_the_report_asset_draws_every_chart_in_chromium(
    seeds_warehouse: Path, tmp_path: Path
) -> None:
    # The main job wrote the report beside the published warehouse.
    page = report_path(seeds_warehouse)
    assert page.is_file()
    html = page.read_text(encoding="utf-8")
    for outside in ("http://", "https://", "src=", "<link", "@import", "url(http"):
        assert outside not in html, f"the report must be self-contained: found {outside!r}"

    dom = chromium(page, tmp_path / "profile", "--virtual-time-budget=2000", "--dump-dom")
    want = expected_marks(seeds_warehouse)
    assert all(n > 0 for chart in want.values() for n in chart.values()), want
    got = drawn(dom)
    assert got == {k: v for k, v in want.items() if k != "rows"}
    assert dom.count('class="pair-row"') == want["rows"]["pair-row"]


def read_png(path: Path) -> np.ndarray:
    """The RGB pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        chunk, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if chunk == b"IHDR":
            header = body
        elif chunk == b"IDAT":
            idat += body
        pos += length + 12
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    bpp = 3 if colour == 2 else 4
    raw = np.frombuffer(zlib.decompress(idat), dtype=np.uint8).reshape(height, width * bpp + 1)
    out = np.zeros((height, width * bpp), dtype=np.int32)
    prev = np.zeros(width * bpp, dtype=np.int32)
    for y in range(height):
        kind, row = int(raw[y, 0]), raw[y, 1:].astype(np.int32)
        if kind == 1:  # Sub: a running sum per channel
            row = np.cumsum(row.reshape(width, bpp), axis=0).reshape(-1) % 256
        elif kind == 2:  # Up
            row = (row + prev) % 256
        elif kind in (3, 4):  # Average, Paeth: pixel by pixel
            cur = row.copy()
            for x in range(width * bpp):
                a = cur[x - bpp] if x >= bpp else 0
                b = prev[x]
                c = prev[x - bpp] if x >= bpp else 0
                if kind == 3:
                    pred = (a + b) // 2
                else:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                cur[x] = (cur[x] + pred) % 256
            row = cur
        out[y] = row
        prev = row
    return out.reshape(height, width, bpp)[:, :, :3]


def test_the_screenshot_shows_the_charts(seeds_warehouse: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    chromium(
        report_path(seeds_warehouse),
        tmp_path / "profile",
        # The whole page, at half size (fewer pixels to decode).
        "--window-size=1000,1520",
        "--force-device-scale-factor=0.5",
        f"--screenshot={shot}",
    )
    pixels = read_png(shot)
    white = (pixels >= 250).all(axis=2).mean()
    assert 0.4 < white < 0.98, f"blank or garbled page: {white:.2%} white"

    def n_of(hex_colour: str) -> int:
        rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
        return int((np.abs(pixels - rgb) <= 3).all(axis=2).sum())

    # Every quad class of the seeds has events: each bar shows in its own colour, and so do the
    # network's state nodes.
    for colour in [*charts.QUAD_COLOURS.values(), charts.KIND_COLOURS["state"]]:
        assert n_of(colour) > 30, f"no {colour} on the screenshot"


def test_report_metadata_and_command(seeds_warehouse: Path, tmp_path: Path) -> None:
    result = dg.materialize(
        [report_overview],
        resources={
            "dyad": DyadResource(seeds_dir=str(tmp_path), warehouse_path=str(seeds_warehouse))
        },
        instance=dg.DagsterInstance.ephemeral(),
    )
    assert result.success
    (mat,) = [
        e.step_materialization_data.materialization
        for e in result.get_asset_materialization_events()
    ]
    page = report_path(seeds_warehouse)
    assert mat.metadata["path"].value == str(page)
    assert mat.metadata["url"].value == page.resolve().as_uri()
    assert mat.metadata["url"].value.startswith("file://")

    out = tmp_path / "out" / "report.html"
    assert main(["report", "--warehouse", str(seeds_warehouse), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == page.read_text(encoding="utf-8")
    assert main(["report", "--warehouse", str(tmp_path / "none.duckdb")]) == 2
