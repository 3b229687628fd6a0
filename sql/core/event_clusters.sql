-- Groups reports of the same real event (same actors, type and date window) under one cluster_id.
create table if not exists core.event_clusters (
    event_id varchar primary key,  -- references core.events(event_id)
    cluster_id varchar not null
);
