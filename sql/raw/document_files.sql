-- Every page-like entry seen in the input folder; identical files share one document_id and one
-- documents row. An entry that could not be read (a FIFO, a loop, a link out of the folder) has
-- a documents row of its own that says why.
create table if not exists raw.document_files (
    file_name varchar primary key,
    -- The raw bytes of the name in hex, when they are not UTF-8 (file_name then shows them as \xNN).
    file_name_hex varchar,
    document_id varchar not null,  -- references raw.documents(document_id)
    is_duplicate boolean not null,
    n_bytes bigint not null,
    seen_at timestamp not null
);
