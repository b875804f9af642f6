-- Cutover migration V2: indexes and constraints
-- Source: jsondir:/data/seed003
-- Written by `cutover plan` from plan.json: change the plan and plan again rather than editing this file.

-- The plan has no secondary indexes, checks or foreign keys.
