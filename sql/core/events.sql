-- One row per coded event (one report of it in one article), with its evidence sentence.
create table if not exists core.events (
    event_id varchar primary key,
    article_id varchar not null,  -- references core.articles(article_id)
    event_type varchar not null,
    event_mode varchar,
    event_context varchar,
    reality_code varchar not null,
    cameo_root_code varchar not null,
    quad_class integer not null,
    goldstein_score double not null,
    event_date date,
    event_date_precision varchar,
    event_date_text varchar,
    event_date_method varchar,
    location_entity_id varchar,
    evidence_text varchar not null,
    evidence_char_start integer not null,
    evidence_char_end integer not null,
    sentence_index integer not null,
    trigger_text varchar not null,
    is_directed boolean not null,
    is_historical boolean not null,
    confidence double not null
);
