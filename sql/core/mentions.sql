-- Each occurrence of an entity in an article body, with the state it stands for in that context.
create table if not exists core.mentions (
    mention_id varchar primary key,
    article_id varchar not null,  -- references core.articles(article_id)
    entity_id varchar not null,  -- references core.entities(entity_id)
    surface_text varchar not null,
    char_start integer not null,
    char_end integer not null,
    sentence_index integer not null,
    mention_kind varchar not null,
    country_code varchar,
    sector_code varchar,
    role_name varchar,
    is_actor boolean not null,
    -- A bare title ("le président russe"): the person listed in office_holders_fr.tsv as holding
    -- that office of that state on the article's publication date (null when undated or unlisted).
    holder_entity_id varchar
);
