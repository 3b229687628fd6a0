-- Each occurrence of an entity in an article body, with the state it stands for in that context.
create table if not exists core.mentions (
    mention_id varchar primary key,  -- stable id of the occurrence
    article_id varchar not null,  -- the article; references core.articles(article_id)
    entity_id varchar not null,  -- the entity mentioned; references core.entities(entity_id)
    surface_text varchar not null,  -- the words in the body
    char_start integer not null,  -- start in core.articles.body
    char_end integer not null,  -- end in core.articles.body (exclusive)
    sentence_index integer not null,  -- the sentence in core.sentences
    mention_kind varchar not null,  -- name, alias, demonym, capital, seat or anaphor
    country_code varchar,  -- the state it stands for here (ISO alpha-3)
    sector_code varchar,  -- PLOVER sector it stands for here (GOV, MIL ...)
    role_name varchar,  -- the role the text gives (président, ministre ...)
    is_actor boolean not null,  -- true when it can be a side of an event (not a bare place)
    -- A bare title ("le président russe"): the person listed in office_holders_fr.tsv as holding
    -- that office of that state on the article's publication date (null when undated or unlisted).
    holder_entity_id varchar  -- the office holder a bare title stands for (see above)
);
