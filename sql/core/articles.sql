-- One article per accepted document: metadata plus the story text without page furniture.
create table if not exists core.articles (
    article_id varchar primary key,
    document_id varchar not null,  -- references raw.documents(document_id)
    title varchar,
    outlet_name varchar,
    author_name varchar,
    section_name varchar,
    published_date date,
    published_date_precision varchar,
    published_date_text varchar,
    language_code varchar,
    body varchar not null,
    body_char_start integer,
    body_char_end integer,
    n_words integer not null,
    n_dropped_lines integer not null,
    is_empty boolean not null,
    -- The page was longer than the per-article bound (20,000 words): the characters after the
    -- cut were not read; raw.documents.raw_text keeps them.
    is_truncated boolean not null,
    n_truncated_chars integer not null,
    extractor_version varchar not null
);
