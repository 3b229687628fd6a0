-- What each stage last processed per article (a hash of its input and the extractor version), so
-- a run redoes the expensive NLP only for articles whose input changed.
create table if not exists core.stage_inputs (
    stage_name varchar not null,
    article_id varchar not null,
    input_hash varchar not null,
    primary key (stage_name, article_id)
);
