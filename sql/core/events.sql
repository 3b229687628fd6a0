-- One row per coded event (one report of it in one article), with its evidence sentence.
create table if not exists core.events (
    event_id varchar primary key,  -- stable id of the event report
    article_id varchar not null,  -- the reporting article; references core.articles(article_id)
    event_type varchar not null,  -- PLOVER event type (CONSULT, ACCUSE, ASSAULT ...)
    event_mode varchar,  -- PLOVER mode (visit, phone, expel ...) where the text says
    event_context varchar,  -- PLOVER context (diplomatic, military, economic ...)
    reality_code varchar not null,  -- asserted (it happened) or intended (planned, refused ...)
    cameo_root_code varchar not null,  -- CAMEO root code (two digits) of the type
    quad_class integer not null,  -- 1 verbal, 2 material cooperation; 3 verbal, 4 material conflict
    goldstein_score double not null,  -- Goldstein scale, -10 (conflict) to +10 (cooperation)
    event_date date,  -- when it happened, from the text (never the clock)
    event_date_precision varchar,  -- day, month or year
    event_date_text varchar,  -- the words the date was read from
    event_date_method varchar,  -- where the date came from (sentence, dateline, publication ...)
    location_entity_id varchar,  -- where it happened (a country or location entity)
    evidence_text varchar not null,  -- the sentence that says so
    evidence_char_start integer not null,  -- start of the sentence in core.articles.body
    evidence_char_end integer not null,  -- end of the sentence in core.articles.body (exclusive)
    sentence_index integer not null,  -- the sentence in core.sentences
    trigger_text varchar not null,  -- the word that signals the event
    is_directed boolean not null,  -- source and target differ in role (not a joint action)
    is_historical boolean not null,  -- true when the text recalls it as background, not news
    confidence double not null  -- how sure the coder is, 0 to 1
);
