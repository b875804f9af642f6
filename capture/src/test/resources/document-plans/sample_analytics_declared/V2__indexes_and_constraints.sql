-- Cutover migration V2: indexes and constraints
-- Source: jsondir:/data/sample_analytics
-- Written by `cutover plan` from plan.json: change the plan and plan again rather than editing this file.

CREATE INDEX "customers_fts_idx" ON "public"."customers" USING gin (to_tsvector('simple', coalesce("name", '') || ' ' || coalesce("address", '')));
CREATE INDEX "customers_accounts_accounts_account_id_idx" ON "public"."customers_accounts" ("accounts_account_id");
ALTER TABLE "public"."customers_accounts" ADD CONSTRAINT "customers_accounts_customers_id_fkey" FOREIGN KEY ("customers_id") REFERENCES "public"."customers" ("_id") ON DELETE CASCADE NOT VALID;
