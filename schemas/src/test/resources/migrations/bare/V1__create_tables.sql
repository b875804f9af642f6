-- Cutover migration V1: create tables
-- Source: sqlite:/srv/notes.db
-- Written by `cutover plan` from plan.json: change the plan and plan again rather than editing this file.

CREATE TABLE "public"."notes" (
    "_cutover_rowid" bigint,
    "body" text,
    CONSTRAINT "notes__cutover_rowid_key" UNIQUE ("_cutover_rowid")
);
