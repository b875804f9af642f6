-- Cutover migration V1: create tables
-- Source: jsondir:/data/ids
-- Written by `cutover plan` from plan.json: change the plan and plan again rather than editing this file.

CREATE TABLE "public"."alternate" (
    "id" integer NOT NULL,
    "name" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "alternate_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "public"."alternate_repeated" (
    "_hash" text NOT NULL,
    "id" text NOT NULL,
    "name" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "alternate_repeated_pkey" PRIMARY KEY ("_hash")
);

CREATE TABLE "public"."compound" (
    "_id.region" text NOT NULL,
    "_id.n" integer NOT NULL,
    "total" integer NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "compound_pkey" PRIMARY KEY ("_id.region", "_id.n")
);

CREATE TABLE "public"."compound_varying" (
    "_id" jsonb NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "compound_varying_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."declared" (
    "tenant" text NOT NULL,
    "slug" text NOT NULL,
    "title" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "declared_pkey" PRIMARY KEY ("tenant", "slug")
);

CREATE TABLE "public"."files" (
    "_file" text NOT NULL,
    "title" text NOT NULL,
    "body" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "files_pkey" PRIMARY KEY ("_file")
);

CREATE TABLE "public"."mixed" (
    "_id" jsonb NOT NULL,
    "v" integer NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "mixed_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."numbers" (
    "_id" bigint NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "numbers_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."partial" (
    "_hash" text NOT NULL,
    "_id" text,
    "n" integer NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "partial_pkey" PRIMARY KEY ("_hash")
);

CREATE TABLE "public"."strings" (
    "_id" text NOT NULL,
    "again" boolean,
    "_extra" jsonb,
    CONSTRAINT "strings_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."uuids" (
    "_id" uuid NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "uuids_pkey" PRIMARY KEY ("_id")
);
