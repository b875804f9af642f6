-- Cutover migration V1: create tables
-- Source: jsondir:/data/sample_mflix
-- Written by `cutover plan` from plan.json: change the plan and plan again rather than editing this file.

CREATE TABLE "public"."sessions" (
    "_id" uuid NOT NULL,
    "user_id" text NOT NULL,
    "jwt" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "sessions_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."theaters" (
    "_id" uuid NOT NULL,
    "theaterId" integer NOT NULL,
    "location" jsonb NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "theaters_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."users" (
    "_id" uuid NOT NULL,
    "name" text NOT NULL,
    "email" text NOT NULL,
    "password" text NOT NULL,
    "preferences" jsonb,
    "_extra" jsonb,
    CONSTRAINT "users_pkey" PRIMARY KEY ("_id")
);
