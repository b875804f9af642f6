-- Cutover migration V2: indexes and constraints
-- Source: jsondir:/data/seed003
-- Written by `cutover plan` from plan.json: change the plan and plan again rather than editing this file.

CREATE INDEX "conversations_messages_fts_idx" ON "public"."conversations_messages" USING gin (to_tsvector('simple', coalesce("content", '')));
ALTER TABLE "public"."conversations_messages" ADD CONSTRAINT "conversations_messages_conversations_id_fkey" FOREIGN KEY ("conversations_id") REFERENCES "public"."conversations" ("id") ON DELETE CASCADE NOT VALID;
