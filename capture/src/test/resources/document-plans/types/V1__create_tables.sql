-- Cutover migration V1: create tables
-- Source: jsondir:/data/types
-- Written by `cutover plan` from plan.json: change the plan and plan again rather than editing this file.

CREATE TABLE "public"."values" (
    "_id" integer NOT NULL,
    "flag" boolean NOT NULL,
    "intLong" bigint NOT NULL,
    "intDouble" double precision NOT NULL,
    "bigDouble" numeric NOT NULL,
    "decimalInt" numeric NOT NULL,
    "amount" numeric NOT NULL,
    "stringInt" text NOT NULL,
    "boolInt" jsonb NOT NULL,
    "docString" jsonb NOT NULL,
    "when" timestamp(3) NOT NULL,
    "bytes" bytea NOT NULL,
    "uid" uuid NOT NULL,
    "pattern" jsonb NOT NULL,
    "ts" jsonb NOT NULL,
    "ints" integer[] NOT NULL,
    "mixedArray" jsonb NOT NULL,
    "nested" jsonb NOT NULL,
    "emptyArrays" jsonb NOT NULL,
    "dates" timestamp(3)[] NOT NULL,
    "oids" uuid[] NOT NULL,
    "numbersArray" double precision[] NOT NULL,
    "status" text NOT NULL,
    "nothing" jsonb,
    "lines" jsonb NOT NULL,
    "scalarOrArray" jsonb NOT NULL,
    "deep" jsonb NOT NULL,
    "sometimes" text,
    "_extra" jsonb,
    CONSTRAINT "values_pkey" PRIMARY KEY ("_id")
);
