-- Cutover migration V1: create tables
-- Source: jsondir:/data/references
-- Written by `cutover plan` from plan.json: change the plan and plan again rather than editing this file.

CREATE TABLE "public"."comments" (
    "_id" uuid NOT NULL,
    "postId" uuid NOT NULL,
    "body" text NOT NULL,
    "reviewerId" uuid NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "comments_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."groups" (
    "_id" uuid NOT NULL,
    "name" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "groups_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."groups_users" (
    "groups_id" uuid NOT NULL,
    "users_id" uuid NOT NULL,
    CONSTRAINT "groups_users_pkey" PRIMARY KEY ("groups_id", "users_id")
);
CREATE INDEX "groups_users_users_id_idx" ON "public"."groups_users" ("users_id");

CREATE TABLE "public"."orders" (
    "_id" text NOT NULL,
    "buyer" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "orders_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."orders_skus" (
    "orders_id" text NOT NULL,
    "products_sku" bigint NOT NULL,
    CONSTRAINT "orders_skus_pkey" PRIMARY KEY ("orders_id", "products_sku")
);

CREATE TABLE "public"."posts" (
    "_id" uuid NOT NULL,
    "authorId" uuid NOT NULL,
    "title" text NOT NULL,
    "tags" text[] NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "posts_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."posts_likedBy" (
    "posts_id" uuid NOT NULL,
    "users_id" uuid NOT NULL,
    CONSTRAINT "posts_likedBy_pkey" PRIMARY KEY ("posts_id", "users_id")
);

CREATE TABLE "public"."posts_revisions" (
    "posts_id" uuid NOT NULL,
    "_index" integer NOT NULL,
    "editorId" uuid NOT NULL,
    "at" timestamp(3) NOT NULL,
    "text" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "posts_revisions_pkey" PRIMARY KEY ("posts_id", "_index")
);

CREATE TABLE "public"."products" (
    "_id" integer NOT NULL,
    "sku" bigint NOT NULL,
    "name" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "products_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."projects" (
    "_id" uuid NOT NULL,
    "title" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "projects_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."projects_memberIds" (
    "projects_id" uuid NOT NULL,
    "users_id" uuid NOT NULL,
    CONSTRAINT "projects_memberIds_pkey" PRIMARY KEY ("projects_id", "users_id")
);

CREATE TABLE "public"."users" (
    "_id" uuid NOT NULL,
    "name" text NOT NULL,
    "email" text NOT NULL,
    "managerId" uuid,
    "_extra" jsonb,
    CONSTRAINT "users_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."users_projectIds" (
    "users_id" uuid NOT NULL,
    "projects_id" uuid NOT NULL,
    CONSTRAINT "users_projectIds_pkey" PRIMARY KEY ("users_id", "projects_id")
);
