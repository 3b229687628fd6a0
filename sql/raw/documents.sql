-- One row per distinct input file content (a file version); rejected files are kept with a reason.
-- An entry that was never read (not a regular file, a link loop or out of the folder, no
-- permission) has no sha256; its document_id hashes its name and the kind of refusal instead.
create table if not exists raw.documents (
    document_id varchar primary key,
    file_name varchar not null,
    sha256 varchar,
    n_bytes bigint not null,
    encoding_name varchar,
    -- Bytes that were not valid in the encoding and were replaced by U+FFFD (null: not decoded).
    n_bad_bytes integer,
    status_code varchar not null,
    reject_reason varchar,
    raw_text varchar,
    ingested_at timestamp not null
);
