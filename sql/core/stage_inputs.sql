-- What each stage last processed per article (a hash of its input and the extractor version), so
-- a run redoes the expensive NLP only for articles whose input changed.
create table if not exists core.stage_inputs (
    stage_name varchar not null,  -- articles, entities or events
    article_id varchar not null,  -- the article (a document id for the articles stage)
    input_hash varchar not null,  -- hash of the stage's version and the article's inputs
    primary key (stage_name, article_id)
);
