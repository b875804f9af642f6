-- Cutover migration V1: create tables
-- Source: jsondir:/data/sample_analytics
-- Written by `cutover plan` from plan.json: change the plan and plan again rather than editing this file.

CREATE TYPE "public"."product" AS ENUM ('Brokerage', 'Commodity', 'CurrencyService', 'Derivatives', 'InvestmentFund', 'InvestmentStock');

CREATE TABLE "public"."accounts" (
    "_id" uuid NOT NULL,
    "account_id" integer NOT NULL,
    "limit" integer NOT NULL,
    "products" "public"."product"[] NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "accounts_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."customers" (
    "_id" uuid NOT NULL,
    "username" text NOT NULL,
    "name" text NOT NULL,
    "address" text NOT NULL,
    "birthdate" timestamp(3) NOT NULL,
    "email" text NOT NULL,
    "active" boolean,
    "tier_and_details" jsonb NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "customers_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."customers_accounts" (
    "customers_id" uuid NOT NULL,
    "accounts_account_id" integer NOT NULL,
    CONSTRAINT "customers_accounts_pkey" PRIMARY KEY ("customers_id", "accounts_account_id")
);
