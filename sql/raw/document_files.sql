-- Every page-like entry seen in the input folder; identical files share one document_id and one
-- documents row. An entry that could not be read (a FIFO, a loop, a link out of the folder) has
-- a documents row of its own that says why. The page's metadata from its sidecar or manifest
-- (when the scraper left one, see raw.metadata_files) sits here, beside its name: it is read anew
-- on every run, so a changed sidecar counts even when the page did not change.
create table if not exists raw.document_files (
    file_name varchar primary key,  -- path relative to the input folder (bad bytes shown as \xNN)
    file_name_hex varchar,  -- the name's raw bytes in hex, when they are not UTF-8
    document_id varchar not null,  -- the content it holds; references raw.documents(document_id)
    is_duplicate boolean not null,  -- true when an earlier file (by name) holds the same bytes
    n_bytes bigint not null,  -- size of the file in bytes
    seen_at timestamp not null,  -- when a run last found the file in the folder
    page_url varchar,  -- the page's address, as its sidecar or manifest gives it
    outlet_name varchar,  -- the outlet its sidecar or manifest names
    published_date date,  -- the publication date its sidecar or manifest gives
    title varchar,  -- the headline its sidecar or manifest gives
    author_name varchar,  -- the author its sidecar or manifest names
    metadata_file_name varchar,  -- the sidecar or manifest these values come from; null when none
    metadata_method varchar,  -- sidecar (NAME.json) or manifest (manifest.csv or .tsv); or null
    metadata_reject_reason varchar  -- why a sidecar or manifest row for this page was refused
);
