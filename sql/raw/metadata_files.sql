-- Every sidecar (NAME.json beside NAME.txt) and manifest (manifest.csv or manifest.tsv in any
-- folder) found in the input folder, read on every run: whether its records were used, and why
-- not. The values used are in raw.document_files; none of these files is ever read as a page.
create table if not exists raw.metadata_files (
    file_name varchar primary key,  -- path relative to the input folder (bad bytes shown as \xNN)
    format_code varchar not null,  -- json (a page's sidecar), csv or tsv (a folder's manifest)
    sha256 varchar,  -- SHA-256 of the file's bytes, hex; null for an entry never read
    n_bytes bigint not null,  -- size of the file in bytes
    status_code varchar not null,  -- ok, partial (some manifest rows refused) or rejected (all)
    reject_reason varchar,  -- why: bad_json, bad_sidecar, bad_manifest, bad_rows, no_page ...
    n_records integer not null,  -- pages it gives metadata for (refused rows not counted)
    n_rejected_records integer not null,  -- manifest rows refused (bad date, no such page ...)
    seen_at timestamp not null  -- when a run last found the file in the folder
);
