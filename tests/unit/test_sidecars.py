"""The sidecar and manifest format (pure parsing and choice), and how the folder walk sees them."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from etl.stages import ingest
from etl.stages.raw_files import Entry, scan_folder
from etl.stages.sidecars import read_metadata
from etl.transforms import sidecars
from etl.transforms.articles import extract_article

NOW = dt.datetime(2025, 1, 1)


def test_a_sidecar_gives_its_pages_values() -> None:
    f = sidecars.parse(
        '{"url": "https://x.fr/a", "outlet": " Le  Monde ", "published_date": "2024-03-05",'
        ' "title": null, "author": ""}',
        file_name="d/p.json",
    )
    assert f.status_code == "ok" and f.reject_reason is None
    (r,) = f.records
    assert (r.page_name, r.method) == ("d/p.txt", "sidecar")
    assert r.metadata == sidecars.PageMetadata(
        page_url="https://x.fr/a", outlet_name="Le Monde", published_date=dt.date(2024, 3, 5)
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"outlet": "RFI"', "bad_json:"),
        ('["RFI"]', "bad_json: a JSON object is expected"),
        ('{"published_date": "05/03/2024"}', "bad_sidecar: published_date '05/03/2024'"),
        ('{"published_date": "2024-02-30"}', "bad_sidecar: published_date"),
        ('{"lang": "fr"}', "bad_sidecar: unknown key 'lang'"),
        ('{"outlet": 3}', "bad_sidecar: outlet must be a string"),
        ('{"url": "www.x.fr"}', "bad_sidecar: url 'www.x.fr' is not an address"),
    ],
)
def test_a_broken_sidecar_is_refused_whole_with_its_reason(text: str, reason: str) -> None:
    f = sidecars.parse(text, file_name="p.json")
    assert f.status_code == "rejected" and str(f.reject_reason).startswith(reason)
    (r,) = f.records  # its page still learns why
    assert r.page_name == "p.txt" and r.metadata is None and r.reject_reason == f.reject_reason


def test_a_manifest_refuses_bad_rows_alone_and_unknown_columns_whole() -> None:
    f = sidecars.parse(
        "File,URL,outlet,published_date\n"
        "a.txt,https://x.fr/a,RFI,2024-01-02\n"
        "b.txt,,RFI,2024-13-01\n"
        "\n"
        "sub/c.txt,,,2024-01-03\n"
        "../d.txt,,,\n"
        "a.txt,,Other,\n",
        file_name="f/manifest.csv",
    )
    assert f.status_code == "partial" and f.n_records == 2
    assert [r.page_name for r in f.records if r.metadata] == ["f/a.txt", "f/sub/c.txt"]
    reason = str(f.reject_reason)
    assert reason.startswith("bad_rows: line 3: published_date '2024-13-01'")
    assert "line 6: file '../d.txt' must be a path inside" in reason
    assert "line 7: 'f/a.txt' is listed again (line 2 is used)" in reason
    unknown = sidecars.parse("file,lang\na.txt,fr\n", file_name="manifest.tsv")
    assert unknown.status_code == "rejected" and not unknown.records
    assert sidecars.parse("name,url\n", file_name="manifest.csv").reject_reason == (
        "bad_manifest: no 'file' column in the header row"
    )
    tsv = sidecars.parse("file\toutlet\na.txt\tRFI, Paris\n", file_name="manifest.tsv")
    semicolons = sidecars.parse("file;outlet\na.txt;RFI\n", file_name="manifest.csv")
    assert tsv.records[0].metadata == sidecars.PageMetadata(outlet_name="RFI, Paris")
    assert semicolons.records[0].metadata == sidecars.PageMetadata(outlet_name="RFI")


def test_the_sidecar_wins_then_the_nearest_manifest() -> None:
    files = [
        sidecars.parse(
            "file,outlet\nsub/a.txt,Top\nsub/b.txt,Top\nx.txt,Top\n", file_name="manifest.csv"
        ),
        sidecars.parse("file,outlet\na.txt,Near\nb.txt,Near\n", file_name="sub/manifest.csv"),
        sidecars.parse('{"outlet": "Own"}', file_name="sub/a.json"),
        sidecars.parse('{"outlet": "Bad", "x": 1}', file_name="sub/b.json"),
        sidecars.parse('{"outlet": "Lost"}', file_name="gone.json"),
    ]
    choices, checked = sidecars.choose(files, ["sub/a.txt", "sub/b.TXT"])
    a, b = choices["sub/a.txt"], choices["sub/b.TXT"]
    assert a.record and a.record.method == "sidecar" and a.reject_reason is None
    assert a.record.metadata == sidecars.PageMetadata(outlet_name="Own")
    assert b.record and b.record.file_name == "sub/manifest.csv"  # its sidecar is broken
    assert str(b.reject_reason).startswith("bad_sidecar: unknown key 'x'")
    by_name = {f.file_name: f for f in checked}
    assert by_name["gone.json"].reject_reason == "no_page: gone.txt does not exist"
    assert by_name["manifest.csv"].reject_reason == "bad_rows: line 4: no page 'x.txt'"


def test_the_scrapers_values_replace_the_extracted_ones() -> None:
    rec = extract_article(
        "Le Mali signe un accord avec la Russie\n\nPublié le 3 février 2024\n\n"
        "Le Mali et la Russie ont signé un accord de coopération militaire à Bamako, a annoncé "
        "le gouvernement malien dans un communiqué lu à la télévision nationale.\n"
    )
    assert rec.published_date == dt.date(2024, 2, 3)
    given = sidecars.PageMetadata(page_url="https://x.fr/a", published_date=dt.date(2024, 2, 5))
    out, columns = sidecars.apply_metadata(rec, given, "manifest")
    assert (out.published_date, out.published_date_precision) == (dt.date(2024, 2, 5), "day")
    assert out.published_date_text is None and out.title == rec.title
    assert columns == {
        "page_url": "https://x.fr/a",
        "page_url_method": "manifest",
        "title_method": "page",
        "outlet_name_method": None,
        "author_name_method": None,
        "published_date_method": "manifest",
    }
    same, plain = sidecars.apply_metadata(rec, None, None)
    assert same == rec and plain["published_date_method"] == "page" and not plain["page_url"]


def test_sidecars_are_never_pages_and_a_fifo_one_never_blocks(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("page", encoding="utf-8")
    (tmp_path / "a.json").write_text('{"outlet": "RFI"}', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "manifest.tsv").write_text("file\tbad\n", encoding="utf-8")
    os.mkfifo(tmp_path / "sub" / "b.json")
    (tmp_path / "sub" / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    found: list[Entry] = []
    assert [e.file_name for e in scan_folder(tmp_path, found)] == ["a.txt"]
    names = ["a.json", "sub/b.json", "sub/deep.json", "sub/manifest.tsv"]
    assert [e.file_name for e in found] == names
    got = read_metadata(found, {"a.txt"}, max_bytes=1_000_000, now=NOW)
    assert got.columns("a.txt")["outlet_name"] == "RFI"
    assert set(got.refused) == set(names[1:])
    assert got.refused["sub/b.json"].startswith("not_regular")
    assert got.refused["sub/deep.json"] == "unparsable: RecursionError"
    # The sensor sees a changed sidecar as a change of the folder.
    before = ingest.folder_state(tmp_path)
    (tmp_path / "a.json").write_text('{"outlet": "France 24"}', encoding="utf-8")
    assert ingest.diff_states(before, ingest.folder_state(tmp_path)).changed == ["a.json"]
