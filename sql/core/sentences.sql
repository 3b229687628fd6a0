-- Sentences of each article body, as segmented by the NLP stage; offsets index core.articles.body.
create table if not exists core.sentences (
    article_id varchar not null,  -- references core.articles(article_id)
    sentence_index integer not null,
    char_start integer not null,
    char_end integer not null,
    sentence_text varchar not null,
    primary key (article_id, sentence_index)
);
