-- Every file seen in the input folder; identical files share one document_id and one documents row.
create table if not exists raw.document_files (
    file_name varchar primary key,  -- path of the file relative to the input folder
    document_id varchar not null,  -- the content it holds; references raw.documents(document_id)
    is_duplicate boolean not null,  -- true when an earlier file (by name) holds the same bytes
    n_bytes bigint not null,  -- size of the file in bytes
    seen_at timestamp not null  -- when a run last found the file in the folder
);
