-- Every page-like entry seen in the input folder; identical files share one document_id and one
-- documents row. An entry that could not be read (a FIFO, a loop, a link out of the folder) has
-- a documents row of its own that says why.
create table if not exists raw.document_files (
    file_name varchar primary key,  -- path relative to the input folder (bad bytes shown as \xNN)
    file_name_hex varchar,  -- the name's raw bytes in hex, when they are not UTF-8
    document_id varchar not null,  -- the content it holds; references raw.documents(document_id)
    is_duplicate boolean not null,  -- true when an earlier file (by name) holds the same bytes
    n_bytes bigint not null,  -- size of the file in bytes
    seen_at timestamp not null  -- when a run last found the file in the folder
);
