-- Cutover migration V2: indexes and constraints
-- Source: jsondir:/data/references
-- Written by `cutover plan` from plan.json: change the plan and plan again rather than editing this file.

CREATE INDEX "comments_postId_idx" ON "public"."comments" ("postId");
CREATE INDEX "orders_buyer_idx" ON "public"."orders" ("buyer");
CREATE INDEX "orders_skus_products_sku_idx" ON "public"."orders_skus" ("products_sku");
CREATE INDEX "posts_authorId_idx" ON "public"."posts" ("authorId");
CREATE INDEX "posts_fts_idx" ON "public"."posts" USING gin ((to_tsvector('english', coalesce("title", '')) || array_to_tsvector(coalesce("tags", '{}'))));
CREATE INDEX "posts_likedBy_users_id_idx" ON "public"."posts_likedBy" ("users_id");
CREATE INDEX "posts_revisions_editorId_idx" ON "public"."posts_revisions" ("editorId");
CREATE UNIQUE INDEX "products_sku_key" ON "public"."products" ("sku");
CREATE INDEX "projects_memberIds_users_id_idx" ON "public"."projects_memberIds" ("users_id");
CREATE UNIQUE INDEX "users_email_key" ON "public"."users" ("email");
CREATE INDEX "users_managerId_idx" ON "public"."users" ("managerId");
CREATE INDEX "users_projectIds_projects_id_idx" ON "public"."users_projectIds" ("projects_id");
ALTER TABLE "public"."comments" ADD CONSTRAINT "comments_postId_fkey" FOREIGN KEY ("postId") REFERENCES "public"."posts" ("_id") NOT VALID;
ALTER TABLE "public"."groups_users" ADD CONSTRAINT "groups_users_groups_id_fkey" FOREIGN KEY ("groups_id") REFERENCES "public"."groups" ("_id") ON DELETE CASCADE NOT VALID;
ALTER TABLE "public"."groups_users" ADD CONSTRAINT "groups_users_users_id_fkey" FOREIGN KEY ("users_id") REFERENCES "public"."users" ("_id") ON DELETE CASCADE NOT VALID;
ALTER TABLE "public"."orders" ADD CONSTRAINT "orders_buyer_fkey" FOREIGN KEY ("buyer") REFERENCES "public"."users" ("email") NOT VALID;
ALTER TABLE "public"."orders_skus" ADD CONSTRAINT "orders_skus_orders_id_fkey" FOREIGN KEY ("orders_id") REFERENCES "public"."orders" ("_id") ON DELETE CASCADE NOT VALID;
ALTER TABLE "public"."orders_skus" ADD CONSTRAINT "orders_skus_products_sku_fkey" FOREIGN KEY ("products_sku") REFERENCES "public"."products" ("sku") NOT VALID;
ALTER TABLE "public"."posts" ADD CONSTRAINT "posts_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "public"."users" ("_id") NOT VALID;
ALTER TABLE "public"."posts_likedBy" ADD CONSTRAINT "posts_likedBy_posts_id_fkey" FOREIGN KEY ("posts_id") REFERENCES "public"."posts" ("_id") ON DELETE CASCADE NOT VALID;
ALTER TABLE "public"."posts_likedBy" ADD CONSTRAINT "posts_likedBy_users_id_fkey" FOREIGN KEY ("users_id") REFERENCES "public"."users" ("_id") NOT VALID;
ALTER TABLE "public"."posts_revisions" ADD CONSTRAINT "posts_revisions_posts_id_fkey" FOREIGN KEY ("posts_id") REFERENCES "public"."posts" ("_id") ON DELETE CASCADE NOT VALID;
ALTER TABLE "public"."posts_revisions" ADD CONSTRAINT "posts_revisions_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "public"."users" ("_id") NOT VALID;
ALTER TABLE "public"."projects_memberIds" ADD CONSTRAINT "projects_memberIds_projects_id_fkey" FOREIGN KEY ("projects_id") REFERENCES "public"."projects" ("_id") ON DELETE CASCADE NOT VALID;
ALTER TABLE "public"."projects_memberIds" ADD CONSTRAINT "projects_memberIds_users_id_fkey" FOREIGN KEY ("users_id") REFERENCES "public"."users" ("_id") NOT VALID;
ALTER TABLE "public"."users" ADD CONSTRAINT "users_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "public"."users" ("_id") NOT VALID;
ALTER TABLE "public"."users_projectIds" ADD CONSTRAINT "users_projectIds_users_id_fkey" FOREIGN KEY ("users_id") REFERENCES "public"."users" ("_id") ON DELETE CASCADE NOT VALID;
ALTER TABLE "public"."users_projectIds" ADD CONSTRAINT "users_projectIds_projects_id_fkey" FOREIGN KEY ("projects_id") REFERENCES "public"."projects" ("_id") NOT VALID;
