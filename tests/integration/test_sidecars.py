"""Sidecars and manifests: the scraper's URL, outlet and date win over extraction, through a
real run of the Dagster job into a real DuckDB file, and a changed sidecar is picked up."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from etl.pipeline import run_pipeline
from etl.settings import from_env
from etl.warehouse.data_export import export

pytestmark = pytest.mark.slow


def page(title: str, *paragraphs: str, byline: str = "Par Jeanne Martin") -> str:
    return "\n\n".join(
        ["Accueil | Monde | Afrique", title, byline, *paragraphs, "© 2024 La Gazette du Sahel"]
    )


# A page whose text gives its own outlet and date: the sidecar's must win.
DATED = page(
    "Le Mali et la Russie renforcent leur coopération",
    "Publié le 1er février 2024",
    "Le président malien Assimi Goïta a reçu à Bamako le vice-ministre russe de la Défense, "
    "venu discuter de la coopération militaire entre les deux pays et de la livraison de "
    "nouveaux équipements aux forces armées maliennes.",
    "Les deux délégations ont évoqué la situation sécuritaire au Sahel et les projets "
    "d'investissement russes dans le secteur minier malien.",
)
# No date anywhere in the text: "mardi" can only count from the scraper's date.
TUESDAY = page(
    "Accord militaire entre Niamey et Moscou",
    "Le Niger et la Russie ont signé mardi un accord de coopération militaire à Niamey, "
    "selon un communiqué du gouvernement nigérien diffusé à la télévision nationale.",
    "Cet accord prévoit la formation de soldats nigériens et la fourniture d'équipements, "
    "ont précisé les autorités de Niamey, qui cherchent de nouveaux partenaires.",
)
PLAIN = page(
    "Le Sénégal et la Gambie discutent de leur frontière",
    "Le président sénégalais a rencontré son homologue gambien à Dakar pour discuter de la "
    "sécurité de la frontière commune et du commerce entre les deux pays voisins.",
    "Les deux chefs d'État ont promis de se revoir dans les prochains mois à Banjul.",
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def sidecar(**values: object) -> str:
    return json.dumps(values)


def articles(db: Path) -> dict[str, dict[str, object]]:
    with duckdb.connect(str(db), read_only=True) as conn:
        rel = conn.sql(
            "select f.file_name, a.* from core.articles as a inner join raw.document_files "
            "as f on a.document_id = f.document_id"
        )
        return {r[0]: dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()}


def rows(db: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as conn:
        return conn.execute(sql, list(params)).fetchall()


def n_processed(summary: object, key: str) -> int:
    return int(summary.asset_metadata[key]["n_processed"])  # type: ignore[attr-defined]


def test_sidecars_and_manifests_win_and_a_change_reprocesses(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    write(pages, "a.txt", DATED)
    write(
        pages,
        "a.json",
        sidecar(
            url="https://gazette.example/a",
            outlet="Sidecar Matin",
            published_date="2024-03-07",
            author=None,
        ),
    )
    # The folder's manifest also lists a.txt (the sidecar wins) and the broken c.txt's page.
    write(
        pages,
        "manifest.csv",
        "file,url,outlet,published_date\n"
        "a.txt,https://manifest.example/a,Manifeste Soir,2024-03-01\n"
        "missing.txt,,Nobody,2024-03-01\n",
    )
    write(pages, "c.txt", PLAIN)
    write(pages, "c.json", '{"outlet": "Broken", "published_date": "07/03/2024"')
    # A manifest in a subfolder, tab-separated, for the undated page.
    write(pages, "sub/b.txt", TUESDAY)
    write(
        pages,
        "sub/manifest.tsv",
        "file\turl\toutlet\tpublished_date\ttitle\n"
        "b.txt\thttps://niger.example/b\tNiger Hebdo\t2024-03-07\tAccord militaire\n",
    )
    db = tmp_path / "w" / "dyad.duckdb"
    config = from_env().but(seeds_dir=pages, warehouse_path=db)
    first = run_pipeline(config)
    assert first.success, first.render()

    # No sidecar or manifest became a document.
    assert sorted(r[0] for r in rows(db, "select file_name from raw.documents")) == [
        "a.txt",
        "c.txt",
        "sub/b.txt",
    ]
    got = articles(db)
    a, b, c = got["a.txt"], got["sub/b.txt"], got["c.txt"]
    # The sidecar wins over the manifest and over the page's own outlet and date.
    assert (a["page_url"], a["outlet_name"], str(a["published_date"])) == (
        "https://gazette.example/a",
        "Sidecar Matin",
        "2024-03-07",
    )
    assert (a["page_url_method"], a["outlet_name_method"], a["published_date_method"]) == (
        "sidecar",
        "sidecar",
        "sidecar",
    )
    assert a["published_date_precision"] == "day" and a["metadata_file_name"] == "a.json"
    # The exports cite the page's address.
    conn = duckdb.connect(str(db), read_only=True)
    try:
        export(conn, "plover", tmp_path / "events.jsonl")
    finally:
        conn.close()
    cites = [json.loads(line)["cite_info"] for line in (tmp_path / "events.jsonl").open()]
    assert {"file": "a.txt", "url": "https://gazette.example/a"}.items() <= next(
        c for c in cites if c["file"] == "a.txt"
    ).items()
    assert (a["title_method"], a["author_name_method"]) == ("page", "page")  # not given
    # The manifest of a subfolder names its pages relative to itself.
    assert (b["outlet_name"], str(b["published_date"]), b["title"]) == (
        "Niger Hebdo",
        "2024-03-07",
        "Accord militaire",
    )
    assert (b["published_date_method"], b["metadata_file_name"]) == ("manifest", "sub/manifest.tsv")
    # A broken sidecar is recorded with its reason; its page is read from its text.
    assert c["page_url"] is None and c["outlet_name"] == "La Gazette du Sahel"
    assert (c["outlet_name_method"], c["metadata_file_name"]) == ("page", None)
    status = dict(rows(db, "select file_name, status_code from raw.metadata_files"))
    assert status == {
        "a.json": "ok",
        "c.json": "rejected",
        "manifest.csv": "partial",
        "sub/manifest.tsv": "ok",
    }
    reasons = dict(rows(db, "select file_name, reject_reason from raw.metadata_files"))
    assert str(reasons["c.json"]).startswith("bad_json:")
    assert "no page 'missing.txt'" in str(reasons["manifest.csv"])
    page_reason = rows(
        db, "select metadata_reject_reason from raw.document_files where file_name = 'c.txt'"
    )
    assert str(page_reason[0][0]).startswith("bad_json:")
    # "mardi" counts back from the manifest's Thursday 7 March 2024.
    dates = rows(
        db,
        "select event_date, event_date_method from core.events "
        "where article_id = ? and event_date_text = 'mardi'",
        b["article_id"],
    )
    assert dates and {str(d) for d, _ in dates} == {"2024-03-05"}, dates

    # A changed sidecar (the page untouched) re-extracts that article, and only it, and the
    # events count from its new date.
    write(
        pages,
        "sub/manifest.tsv",
        "file\turl\toutlet\tpublished_date\ttitle\n"
        "b.txt\thttps://niger.example/b\tNiger Hebdo\t2024-03-14\tAccord militaire\n",
    )
    second = run_pipeline(config)
    assert second.success, second.render()
    assert n_processed(second, "core/articles") == 1
    assert n_processed(second, "core/sentences") == 1  # the entity stage
    assert n_processed(second, "core/events") == 1
    assert str(articles(db)["sub/b.txt"]["published_date"]) == "2024-03-14"
    dates = rows(
        db,
        "select event_date from core.events where article_id = ? and event_date_text = 'mardi'",
        b["article_id"],
    )
    assert {str(d) for (d,) in dates} == {"2024-03-12"}
