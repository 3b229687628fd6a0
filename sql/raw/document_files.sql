-- Every file seen in the input folder; identical files share one document_id and one documents row.
create table if not exists raw.document_files (
    file_name varchar primary key,
    document_id varchar not null,  -- references raw.documents(document_id)
    is_duplicate boolean not null,
    n_bytes bigint not null,
    seen_at timestamp not null
);
