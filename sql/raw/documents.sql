-- One row per distinct input file content (a file version); rejected files are kept with a reason.
create table if not exists raw.documents (
    document_id varchar primary key,  -- content hash of the bytes (stable across runs and renames)
    file_name varchar not null,  -- the first file (by name) that holds this content
    sha256 varchar not null,  -- SHA-256 of the file's bytes, hex
    n_bytes bigint not null,  -- size of the file in bytes
    encoding_name varchar,  -- the encoding the text was decoded from (utf-8, cp1252, latin-1)
    status_code varchar not null,  -- ok (read as a page) or rejected
    reject_reason varchar,  -- why a rejected file was not read (empty, binary, html, too_large ...)
    raw_text varchar,  -- the decoded text, menus and sidebars included; null when rejected
    ingested_at timestamp not null  -- when this content was first read
);
