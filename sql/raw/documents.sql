-- One row per distinct input file content (a file version); rejected files are kept with a reason.
create table if not exists raw.documents (
    document_id varchar primary key,
    file_name varchar not null,
    sha256 varchar not null,
    n_bytes bigint not null,
    encoding_name varchar,
    status_code varchar not null,
    reject_reason varchar,
    raw_text varchar,
    ingested_at timestamp not null
);
