-- The three layers of the warehouse: raw input, normalized core tables, analyst-facing marts.
create schema if not exists raw;
create schema if not exists core;
create schema if not exists mart;
