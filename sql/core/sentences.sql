-- Sentences of each article body, as segmented by the NLP stage; offsets index core.articles.body.
create table if not exists core.sentences (
    article_id varchar not null,  -- the article; references core.articles(article_id)
    sentence_index integer not null,  -- order in the body, from 0
    char_start integer not null,  -- start in core.articles.body
    char_end integer not null,  -- end in core.articles.body (exclusive)
    sentence_text varchar not null,  -- the sentence
    primary key (article_id, sentence_index)
);
