"""Organizations and armed groups are actors in the marts, and the state-pair views keep their
meaning."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.pipeline import run_pipeline
from etl.settings import PROJECT_DIR, from_env

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def heldout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("actors") / "dyad.duckdb"
    config = from_env().but(seeds_dir=PROJECT_DIR / "tests" / "data" / "heldout", warehouse_path=db)
    assert run_pipeline(config).success
    return db


def rows(db: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as conn:
        return conn.execute(sql, list(params)).fetchall()


def test_groups_and_organizations_appear_as_themselves(heldout: Path) -> None:
    kinds = rows(
        heldout,
        "select distinct actor_kind_a from mart.actor_dyad_counts "
        "union select distinct actor_kind_b from mart.actor_dyad_counts",
    )
    assert ("armed_group",) in kinds and ("state",) in kinds
    # No group is folded into its state in the any-kind counts: an RSF row is not Sudan's.
    found = rows(
        heldout,
        "select count(*) > 0 from mart.actor_dyad_counts "
        "where 'NSA:rsf-sudan' in (actor_code_a, actor_code_b)",
    )
    assert found == [(True,)]


def test_state_pairs_are_the_state_rows_of_the_actor_pairs(heldout: Path) -> None:
    # A state pair counts only sides acting as states, as dyad evaluate scores them: the state
    # rows of the any-kind views, with the same counts (directed too).
    # avg() sums doubles in no fixed order, so the mean score is compared rounded.
    states = [
        (*r[:-1], round(float(str(r[-1])), 9))
        for r in rows(heldout, "select * from mart.actor_pair_counts")
    ]
    actors = [
        (*r[:-1], round(float(str(r[-1])), 9))
        for r in rows(
            heldout,
            "select actor_code_a, actor_name_a, actor_code_b, actor_name_b, n_events, n_articles, "
            "n_reports, n_verbal_cooperation, n_material_cooperation, n_verbal_conflict, "
            "n_material_conflict, first_event_date, last_event_date, mean_goldstein_score "
            "from mart.actor_dyad_counts where actor_kind_a = 'state' and actor_kind_b = 'state'",
        )
    ]
    assert states and sorted(states) == sorted(actors)
    directed = rows(
        heldout,
        "select source_country_code, target_country_code from mart.actor_pair_counts_directed",
    )
    assert directed and sorted(directed) == sorted(
        rows(
            heldout,
            "select source_actor_code, target_actor_code from mart.actor_dyad_counts_directed "
            "where source_actor_kind = 'state' and target_actor_kind = 'state'",
        )
    )


def test_codes_and_kinds_agree(heldout: Path) -> None:
    bad = rows(
        heldout,
        "select source_actor_code, source_actor_kind from mart.event_dyads "
        "where (source_actor_kind = 'state') <> (length(source_actor_code) = 3 "
        "and source_actor_code not like '%:%')",
    )
    assert bad == []
    assert rows(
        heldout,
        "select count(*) from mart.actor_pair_counts where country_code_a like '%:%' "
        "or country_code_b like '%:%'",
    ) == [(0,)]
    assert rows(
        heldout, "select count(*) from mart.chronology where source_actor_code = target_actor_code"
    ) == [(0,)]


@pytest.fixture(scope="module")
def organizations(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pages written for this test: an EU sanction, an ECOWAS suspension, a UN Security Council
    vote, an armed group attacking a state's army, and Hamas attacking the Israeli army beside a
    state condemning another."""
    db = tmp_path_factory.mktemp("organizations") / "dyad.duckdb"
    config = from_env().but(seeds_dir=PROJECT_DIR / "tests" / "data" / "actors", warehouse_path=db)
    assert run_pipeline(config).success
    return db


@pytest.mark.parametrize(
    ("event_type", "source", "target"),
    [
        ("SANCTION", "IGO:eu", "RWA"),
        ("SANCTION", "IGO:ecowas", "GIN"),
        ("SANCTION", "IGO:unsc", "PRK"),
        ("ASSAULT", "NSA:rsf-sudan", "SDN"),
    ],
)
def test_organizations_and_groups_are_counted_as_themselves(
    organizations: Path, event_type: str, source: str, target: str
) -> None:
    coded = rows(
        organizations,
        "select distinct event_type, source_actor_code, target_actor_code from mart.event_dyads",
    )
    assert (event_type, source, target) in coded
    a, b = sorted((source, target))
    counted = rows(
        organizations,
        "select n_events from mart.actor_dyad_counts where actor_code_a = ? and actor_code_b = ?",
        a,
        b,
    )
    assert counted and int(str(counted[0][0])) >= 1
    # The organization is one actor: ECOWAS is not expanded into its member states.
    assert not rows(
        organizations,
        "select 1 from mart.actor_pair_counts where 'GIN' in (country_code_a, country_code_b)",
    )


def test_a_group_is_never_counted_as_its_state(organizations: Path) -> None:
    # Hamas keeps PSE as its country_code; its attack on the Israeli army is an NSA:hamas-ISR
    # pair, never PSE-ISR (the old rule counted it so), while Qatar condemning Russia stays a
    # state pair, in both directions of counting.
    assert ("ASSAULT", "NSA:hamas", "PSE", "ISR") in rows(
        organizations,
        "select event_type, source_actor_code, source_country_code, target_actor_code "
        "from mart.event_dyads",
    )
    dyads = rows(organizations, "select actor_code_a, actor_code_b from mart.actor_dyad_counts")
    assert ("ISR", "NSA:hamas") in dyads and ("QAT", "RUS") in dyads
    pairs = rows(organizations, "select country_code_a, country_code_b from mart.actor_pair_counts")
    assert ("QAT", "RUS") in pairs
    assert not [p for p in pairs if "PSE" in p]
    directed = rows(
        organizations,
        "select source_country_code, target_country_code from mart.actor_pair_counts_directed",
    )
    assert ("QAT", "RUS") in directed and ("PSE", "ISR") not in directed
