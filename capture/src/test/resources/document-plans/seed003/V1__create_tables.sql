-- Cutover migration V1: create tables
-- Source: jsondir:/data/seed003
-- Written by `cutover plan` from plan.json: change the plan and plan again rather than editing this file.

CREATE TABLE "public"."conversations" (
    "id" text NOT NULL,
    "user_id" text NOT NULL,
    "title" text NOT NULL,
    "created_at" text NOT NULL,
    "updated_at" text NOT NULL,
    "messages" jsonb NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "public"."usage" (
    "_file" text NOT NULL,
    "user_id" text NOT NULL,
    "daily" jsonb NOT NULL,
    "monthly" jsonb NOT NULL,
    "daily_count" integer NOT NULL,
    "monthly_count" integer NOT NULL,
    "last_reset" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "usage_pkey" PRIMARY KEY ("_file")
);
