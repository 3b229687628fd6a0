-- Drop one stage's ledger rows for the articles it is about to record again.
delete from core.stage_inputs
where stage_name = $stage_name and article_id in (select unnest($article_ids))
