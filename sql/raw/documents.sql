-- One row per distinct input file content (a file version); rejected files are kept with a reason.
-- An entry that was never read (not a regular file, a link loop or out of the folder, no
-- permission) has no sha256; its document_id hashes its name and the kind of refusal instead.
create table if not exists raw.documents (
    document_id varchar primary key,  -- content hash of the bytes, or of the name and refusal
    file_name varchar not null,  -- the first file (by name) that holds this content
    sha256 varchar,  -- SHA-256 of the file's bytes, hex; null for an entry never read
    n_bytes bigint not null,  -- size of the file in bytes
    encoding_name varchar,  -- the encoding the text was decoded from (utf-8, utf-16, cp1252 ...)
    n_bad_bytes integer,  -- invalid bytes replaced by U+FFFD; null when not decoded
    status_code varchar not null,  -- ok (read as a page) or rejected
    reject_reason varchar,  -- why it was not read (empty, binary, too_large, not_regular ...)
    raw_text varchar,  -- the decoded text, menus and sidebars included; null when rejected
    ingested_at timestamp not null  -- when this content was first read
);
