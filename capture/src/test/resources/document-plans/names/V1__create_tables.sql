-- Cutover migration V1: create tables
-- Source: jsondir:/data/names
-- Written by `cutover plan` from plan.json: change the plan and plan again rather than editing this file.

CREATE TYPE "public"."tier1" AS ENUM ('gold', 'silver');

CREATE TABLE "public"."a_collection_name_that_is_far_too_long_for_postgresql__a64deb5b" (
    "_id" integer NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "a_collection_name_that_is_far_too_long_for_postgresql__03ec469e" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."odd" (
    "_id" integer NOT NULL,
    "a.b" integer NOT NULL,
    "$price" integer NOT NULL,
    "_" text NOT NULL,
    "_extra" jsonb NOT NULL,
    "a_field_name_that_is_much_longer_than_the_sixty_three__ff0e2eba" integer NOT NULL,
    "quote""d" text NOT NULL,
    "wide_ünïcode_名前" text NOT NULL,
    "_extra_1" jsonb,
    CONSTRAINT "odd_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."odd_a.b" (
    "_id" integer NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "odd_a.b_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."system.views" (
    "_id" text NOT NULL,
    "viewOn" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "system.views_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."tier" (
    "_id" integer NOT NULL,
    "level" "public"."tier1" NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "tier_pkey" PRIMARY KEY ("_id")
);
