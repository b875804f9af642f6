-- Cutover migration V2: indexes and constraints
-- Source: sqlite:/srv/shop.db
-- Written by `cutover plan` from plan.json: change the plan and plan again rather than editing this file.

CREATE UNIQUE INDEX "User_email_key" ON "app"."User" (lower("email"));
CREATE INDEX "User recent" ON "app"."User" ("created" DESC) WHERE "created" > '2020-01-01';
CREATE INDEX "log_fts_idx" ON "app"."log" USING gin (to_tsvector('simple', coalesce("message", '')));
ALTER TABLE "app"."User" ADD CONSTRAINT "User_email_check" CHECK ("email" ILIKE '%@%') NOT VALID;
ALTER TABLE "app"."Order Lines" ADD CONSTRAINT "Order Lines_qty_check" CHECK ("qty" > 0) NOT VALID;
ALTER TABLE "app"."Order Lines" ADD CONSTRAINT "Order Lines_userId_fkey" FOREIGN KEY ("userId") REFERENCES "app"."User" ("id") ON DELETE CASCADE NOT VALID;
