-- Cutover migration V1: create tables
-- Source: jsondir:/data/analytics
-- Written by `cutover plan` from plan.json: change the plan and plan again rather than editing this file.

CREATE TYPE "public"."tier" AS ENUM ('Bronze', 'Gold');

CREATE TABLE "public"."customers" (
    "_id" uuid NOT NULL,
    "tier" "public"."tier",
    "_extra" jsonb,
    CONSTRAINT "customers_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."customers_accounts" (
    "customers_id" uuid NOT NULL,
    "accounts_account_id" bigint NOT NULL,
    CONSTRAINT "customers_accounts_pkey" PRIMARY KEY ("customers_id", "accounts_account_id")
);
