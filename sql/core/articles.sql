-- One article per accepted document: metadata plus the story text without page furniture.
-- Metadata the scraper recorded (a sidecar or manifest, raw.document_files) wins over what the
-- page's text gives; each *_method column says which one a value came from.
create table if not exists core.articles (
    article_id varchar primary key,  -- stable id of the article (derived from its document)
    document_id varchar not null,  -- the page; references raw.documents(document_id)
    title varchar,  -- headline as printed on the page
    outlet_name varchar,  -- news outlet that published it
    author_name varchar,  -- byline author(s)
    section_name varchar,  -- the outlet's section or rubric
    published_date date,  -- publication date given by the page (never the clock)
    published_date_precision varchar,  -- day, month or year; null when the page gives no date
    published_date_text varchar,  -- the text the publication date was read from
    language_code varchar,  -- ISO 639-1 language of the body (fr)
    body varchar not null,  -- story text without page furniture; other tables' offsets index it
    body_char_start integer,  -- where the body starts in raw.documents.raw_text
    body_char_end integer,  -- where the body ends in raw.documents.raw_text (exclusive)
    n_words integer not null,  -- words in the body
    n_dropped_lines integer not null,  -- page lines dropped as boilerplate (menus, teasers)
    is_empty boolean not null,  -- true when the page held no story
    is_truncated boolean not null,  -- the page passed the 20,000-word bound; the rest was not read
    n_truncated_chars integer not null,  -- characters after the cut (raw_text keeps them)
    extractor_version varchar not null,  -- version of the article stage that extracted it
    page_url varchar,  -- the page's address, from its sidecar or manifest; null when unknown
    page_url_method varchar,  -- sidecar or manifest; null when unknown
    title_method varchar,  -- where title came from: sidecar, manifest or page (its text)
    outlet_name_method varchar,  -- where outlet_name came from: sidecar, manifest or page
    author_name_method varchar,  -- where author_name came from: sidecar, manifest or page
    published_date_method varchar,  -- where published_date came from: sidecar, manifest or page
    metadata_file_name varchar  -- the sidecar or manifest that supplied metadata; null when none
);
