-- Groups reports of the same real event (same actors, type and date window) under one cluster_id.
create table if not exists core.event_clusters (
    event_id varchar primary key,  -- the event report; references core.events(event_id)
    cluster_id varchar not null  -- shared by reports of one real event; count events by it
);
