-- Maps each kept block of an article body back to its characters in raw.documents.raw_text.
create table if not exists core.article_segments (
    article_id varchar not null,  -- references core.articles(article_id)
    segment_index integer not null,
    body_char_start integer not null,
    body_char_end integer not null,
    raw_char_start integer not null,
    raw_char_end integer not null,
    primary key (article_id, segment_index)
);
