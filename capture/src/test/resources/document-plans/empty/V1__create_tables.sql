-- Cutover migration V1: create tables
-- Source: jsondir:/data/empty
-- Written by `cutover plan` from plan.json: change the plan and plan again rather than editing this file.

CREATE TABLE "public"."broken" (
    "_id" integer NOT NULL,
    "n" jsonb,
    "a" jsonb NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "broken_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."nothing" (
    "_id" uuid NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "nothing_pkey" PRIMARY KEY ("_id")
);
