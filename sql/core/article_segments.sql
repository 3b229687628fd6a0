-- Maps each kept block of an article body back to its characters in raw.documents.raw_text.
create table if not exists core.article_segments (
    article_id varchar not null,  -- the article; references core.articles(article_id)
    segment_index integer not null,  -- order of the block in the body, from 0
    body_char_start integer not null,  -- first character of the block in core.articles.body
    body_char_end integer not null,  -- end of the block in core.articles.body (exclusive)
    raw_char_start integer not null,  -- first character of the block in raw.documents.raw_text
    raw_char_end integer not null,  -- end of the block in raw.documents.raw_text (exclusive)
    primary key (article_id, segment_index)
);
