-- Cutover migration V1: create tables
-- Source: jsondir:/data/nextcrm
-- Written by `cutover plan` from plan.json: change the plan and plan again rather than editing this file.

CREATE TYPE "public"."crm_Lead_Status" AS ENUM ('NEW', 'CONTACTED', 'QUALIFIED', 'LOST');

CREATE TYPE "public"."crm_Lead_Type" AS ENUM ('DEMO');

CREATE TYPE "public"."crm_Opportunity_Status" AS ENUM ('ACTIVE', 'INACTIVE', 'PENDING', 'CLOSED');

CREATE TYPE "public"."crm_Contact_Type" AS ENUM ('Customer', 'Partner', 'Vendor', 'Prospect');

CREATE TYPE "public"."crm_Contracts_Status" AS ENUM ('NOTSTARTED', 'INPROGRESS', 'SIGNED');

CREATE TYPE "public"."DocumentSystemType" AS ENUM ('INVOICE', 'RECEIPT', 'CONTRACT', 'OFFER', 'OTHER');

CREATE TYPE "public"."taskStatus" AS ENUM ('ACTIVE', 'PENDING', 'COMPLETE');

CREATE TYPE "public"."ActiveStatus" AS ENUM ('ACTIVE', 'INACTIVE', 'PENDING');

CREATE TYPE "public"."Language" AS ENUM ('cz', 'en', 'de', 'uk');

CREATE TYPE "public"."gptStatus" AS ENUM ('ACTIVE', 'INACTIVE');

CREATE TABLE "public"."Boards" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "description" text NOT NULL,
    "favourite" boolean,
    "favouritePosition" integer,
    "icon" text,
    "position" integer,
    "title" text NOT NULL,
    "user" uuid NOT NULL,
    "visibility" text,
    "sharedWith" uuid[] NOT NULL,
    "createdAt" timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    "createdBy" uuid,
    "updatedAt" timestamp(3),
    "updatedBy" uuid,
    "_extra" jsonb,
    CONSTRAINT "Boards_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."Boards_Users" (
    "Boards_id" uuid NOT NULL,
    "Users_id" uuid NOT NULL,
    CONSTRAINT "Boards_Users_pkey" PRIMARY KEY ("Boards_id", "Users_id")
);
CREATE INDEX "Boards_Users_Users_id_idx" ON "public"."Boards_Users" ("Users_id");

CREATE TABLE "public"."Documents" (
    "_id" uuid NOT NULL,
    "__v" integer,
    "date_created" timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    "createdAt" timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    "last_updated" timestamp(3),
    "updatedAt" timestamp(3),
    "document_name" text NOT NULL,
    "created_by_user" uuid,
    "createdBy" uuid,
    "description" text,
    "document_type" uuid,
    "favourite" boolean,
    "document_file_mimeType" text NOT NULL,
    "document_file_url" text NOT NULL,
    "status" text,
    "visibility" text,
    "tags" jsonb,
    "key" text,
    "size" integer,
    "assigned_user" uuid,
    "connected_documents" text[] NOT NULL,
    "document_system_type" "public"."DocumentSystemType" DEFAULT 'OTHER',
    "_extra" jsonb,
    CONSTRAINT "Documents_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."Documents_Invoices" (
    "Documents_id" uuid NOT NULL,
    "Invoices_id" uuid NOT NULL,
    CONSTRAINT "Documents_Invoices_pkey" PRIMARY KEY ("Documents_id", "Invoices_id")
);
CREATE INDEX "Documents_Invoices_Invoices_id_idx" ON "public"."Documents_Invoices" ("Invoices_id");

CREATE TABLE "public"."Documents_crm_Opportunities" (
    "Documents_id" uuid NOT NULL,
    "crm_Opportunities_id" uuid NOT NULL,
    CONSTRAINT "Documents_crm_Opportunities_pkey" PRIMARY KEY ("Documents_id", "crm_Opportunities_id")
);
CREATE INDEX "Documents_crm_Opportunities_crm_Opportunities_id_idx" ON "public"."Documents_crm_Opportunities" ("crm_Opportunities_id");

CREATE TABLE "public"."Documents_crm_Contacts" (
    "Documents_id" uuid NOT NULL,
    "crm_Contacts_id" uuid NOT NULL,
    CONSTRAINT "Documents_crm_Contacts_pkey" PRIMARY KEY ("Documents_id", "crm_Contacts_id")
);
CREATE INDEX "Documents_crm_Contacts_crm_Contacts_id_idx" ON "public"."Documents_crm_Contacts" ("crm_Contacts_id");

CREATE TABLE "public"."Documents_Tasks" (
    "Documents_id" uuid NOT NULL,
    "Tasks_id" uuid NOT NULL,
    CONSTRAINT "Documents_Tasks_pkey" PRIMARY KEY ("Documents_id", "Tasks_id")
);
CREATE INDEX "Documents_Tasks_Tasks_id_idx" ON "public"."Documents_Tasks" ("Tasks_id");

CREATE TABLE "public"."Documents_crm_accounts_tasksIDs" (
    "Documents_id" uuid NOT NULL,
    "crm_Accounts_Tasks_id" uuid NOT NULL,
    CONSTRAINT "Documents_crm_accounts_tasksIDs_pkey" PRIMARY KEY ("Documents_id", "crm_Accounts_Tasks_id")
);

CREATE TABLE "public"."Documents_crm_Leads" (
    "Documents_id" uuid NOT NULL,
    "crm_Leads_id" uuid NOT NULL,
    CONSTRAINT "Documents_crm_Leads_pkey" PRIMARY KEY ("Documents_id", "crm_Leads_id")
);
CREATE INDEX "Documents_crm_Leads_crm_Leads_id_idx" ON "public"."Documents_crm_Leads" ("crm_Leads_id");

CREATE TABLE "public"."Documents_crm_Accounts" (
    "Documents_id" uuid NOT NULL,
    "crm_Accounts_id" uuid NOT NULL,
    CONSTRAINT "Documents_crm_Accounts_pkey" PRIMARY KEY ("Documents_id", "crm_Accounts_id")
);
CREATE INDEX "Documents_crm_Accounts_crm_Accounts_id_idx" ON "public"."Documents_crm_Accounts" ("crm_Accounts_id");

CREATE TABLE "public"."Documents_Types" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "name" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "Documents_Types_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."Employees" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "avatar" text NOT NULL,
    "email" text,
    "name" text NOT NULL,
    "salary" integer NOT NULL,
    "status" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "Employees_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."ImageUpload" (
    "_id" uuid NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "ImageUpload_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."Invoices" (
    "_id" uuid NOT NULL,
    "__v" integer,
    "date_created" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_updated" timestamp(3) NOT NULL,
    "last_updated_by" uuid,
    "date_received" timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    "date_of_case" timestamp(3),
    "date_tax" timestamp(3),
    "date_due" timestamp(3),
    "description" text,
    "document_type" text,
    "favorite" boolean DEFAULT false,
    "variable_symbol" text,
    "constant_symbol" text,
    "specific_symbol" text,
    "order_number" text,
    "internal_number" text,
    "invoice_number" text,
    "invoice_amount" text,
    "invoice_file_mimeType" text NOT NULL,
    "invoice_file_url" text NOT NULL,
    "invoice_items" jsonb,
    "invoice_type" text,
    "invoice_currency" text,
    "invoice_language" text,
    "partner" text,
    "partner_street" text,
    "partner_city" text,
    "partner_zip" text,
    "partner_country" text,
    "partner_country_code" text,
    "partner_business_street" text,
    "partner_business_city" text,
    "partner_business_zip" text,
    "partner_business_country" text,
    "partner_business_country_code" text,
    "partner_VAT_number" text,
    "partner_TAX_number" text,
    "partner_TAX_local_number" text,
    "partner_phone_prefix" text,
    "partner_phone_number" text,
    "partner_fax_prefix" text,
    "partner_fax_number" text,
    "partner_email" text,
    "partner_website" text,
    "partner_is_person" boolean,
    "partner_bank" text,
    "partner_account_number" text,
    "partner_account_bank_number" text,
    "partner_IBAN" text,
    "partner_SWIFT" text,
    "partner_BIC" text,
    "rossum_status" text,
    "rossum_annotation_id" text,
    "rossum_annotation_url" text,
    "rossum_document_id" text,
    "rossum_document_url" text,
    "rossum_annotation_json_url" text,
    "rossum_annotation_xml_url" text,
    "money_s3_url" text,
    "status" text,
    "invoice_state_id" uuid,
    "assigned_user_id" uuid,
    "assigned_account_id" uuid,
    "visibility" boolean NOT NULL DEFAULT true,
    "_extra" jsonb,
    CONSTRAINT "Invoices_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."MyAccount" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "company_name" text NOT NULL,
    "is_person" boolean NOT NULL DEFAULT false,
    "email" text,
    "email_accountant" text,
    "phone_prefix" text,
    "phone" text,
    "mobile_prefix" text,
    "mobile" text,
    "fax_prefix" text,
    "fax" text,
    "website" text,
    "street" text,
    "city" text,
    "state" text,
    "zip" text,
    "country" text,
    "country_code" text,
    "billing_street" text,
    "billing_city" text,
    "billing_state" text,
    "billing_zip" text,
    "billing_country" text,
    "billing_country_code" text,
    "currency" text,
    "currency_symbol" text,
    "VAT_number" text NOT NULL,
    "TAX_number" text,
    "bank_name" text,
    "bank_account" text,
    "bank_code" text,
    "bank_IBAN" text,
    "bank_SWIFT" text,
    "_extra" jsonb,
    CONSTRAINT "MyAccount_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."Sections" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "board" uuid NOT NULL,
    "title" text NOT NULL,
    "position" integer,
    "_extra" jsonb,
    CONSTRAINT "Sections_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."Tasks" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "content" text,
    "createdAt" timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    "createdBy" uuid,
    "updatedAt" timestamp(3),
    "updatedBy" uuid,
    "dueDateAt" timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    "lastEditedAt" timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    "position" integer NOT NULL,
    "priority" text NOT NULL,
    "section" uuid,
    "tags" jsonb,
    "title" text NOT NULL,
    "likes" integer DEFAULT 0,
    "user" uuid,
    "taskStatus" "public"."taskStatus" DEFAULT 'ACTIVE',
    "_extra" jsonb,
    CONSTRAINT "Tasks_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."TodoList" (
    "_id" uuid NOT NULL,
    "createdAt" text NOT NULL,
    "description" text NOT NULL,
    "title" text NOT NULL,
    "url" text NOT NULL,
    "user" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "TodoList_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."Users" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL DEFAULT 0,
    "account_name" text,
    "avatar" text,
    "email" text NOT NULL,
    "is_account_admin" boolean NOT NULL DEFAULT false,
    "is_admin" boolean NOT NULL DEFAULT false,
    "created_on" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" timestamp(3),
    "name" text,
    "password" text,
    "username" text,
    "userStatus" "public"."ActiveStatus" NOT NULL DEFAULT 'PENDING',
    "userLanguage" "public"."Language" NOT NULL DEFAULT 'en',
    "_extra" jsonb,
    CONSTRAINT "Users_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."Users_crm_Accounts" (
    "Users_id" uuid NOT NULL,
    "crm_Accounts_id" uuid NOT NULL,
    CONSTRAINT "Users_crm_Accounts_pkey" PRIMARY KEY ("Users_id", "crm_Accounts_id")
);
CREATE INDEX "Users_crm_Accounts_crm_Accounts_id_idx" ON "public"."Users_crm_Accounts" ("crm_Accounts_id");

CREATE TABLE "public"."crm_Accounts" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "createdAt" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" uuid,
    "updatedAt" timestamp(3),
    "updatedBy" uuid,
    "annual_revenue" text,
    "assigned_to" uuid,
    "billing_city" text,
    "billing_country" text,
    "billing_postal_code" text,
    "billing_state" text,
    "billing_street" text,
    "company_id" text,
    "description" text,
    "email" text,
    "employees" text,
    "fax" text,
    "industry" uuid,
    "member_of" text,
    "name" text NOT NULL,
    "office_phone" text,
    "shipping_city" text,
    "shipping_country" text,
    "shipping_postal_code" text,
    "shipping_state" text,
    "shipping_street" text,
    "status" text DEFAULT 'Inactive',
    "type" text DEFAULT 'Customer',
    "vat" text,
    "website" text,
    "_extra" jsonb,
    CONSTRAINT "crm_Accounts_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."crm_Accounts_Tasks" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "content" text,
    "createdAt" timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    "createdBy" uuid,
    "updatedAt" timestamp(3),
    "updatedBy" uuid,
    "dueDateAt" timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    "priority" text NOT NULL,
    "tags" jsonb,
    "title" text NOT NULL,
    "likes" integer DEFAULT 0,
    "user" uuid,
    "account" uuid,
    "taskStatus" "public"."taskStatus" DEFAULT 'ACTIVE',
    "_extra" jsonb,
    CONSTRAINT "crm_Accounts_Tasks_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."crm_Contacts" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL DEFAULT 0,
    "account" uuid,
    "assigned_to" uuid,
    "birthday" text,
    "created_by" uuid,
    "createdBy" uuid,
    "created_on" timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    "cratedAt" timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    "last_activity" timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" timestamp(3),
    "updatedBy" uuid,
    "last_activity_by" uuid,
    "description" text,
    "email" text,
    "personal_email" text,
    "first_name" text,
    "last_name" text NOT NULL,
    "office_phone" text,
    "mobile_phone" text,
    "website" text,
    "position" text,
    "status" boolean NOT NULL DEFAULT true,
    "social_twitter" text,
    "social_facebook" text,
    "social_linkedin" text,
    "social_skype" text,
    "social_instagram" text,
    "social_youtube" text,
    "social_tiktok" text,
    "type" text DEFAULT 'Customer',
    "tags" text[] NOT NULL,
    "notes" text[] NOT NULL,
    "accountsIDs" uuid,
    "_extra" jsonb,
    CONSTRAINT "crm_Contacts_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."crm_Contacts_crm_Opportunities" (
    "crm_Contacts_id" uuid NOT NULL,
    "crm_Opportunities_id" uuid NOT NULL,
    CONSTRAINT "crm_Contacts_crm_Opportunities_pkey" PRIMARY KEY ("crm_Contacts_id", "crm_Opportunities_id")
);
CREATE INDEX "crm_Contacts_crm_Opportunities_crm_Opportunities_id_idx" ON "public"."crm_Contacts_crm_Opportunities" ("crm_Opportunities_id");

CREATE TABLE "public"."crm_Contracts" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "title" text NOT NULL,
    "value" integer NOT NULL,
    "startDate" timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    "endDate" timestamp(3),
    "renewalReminderDate" timestamp(3),
    "customerSignedDate" timestamp(3),
    "companySignedDate" timestamp(3),
    "description" text,
    "account" uuid,
    "assigned_to" uuid,
    "createdAt" timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    "createdBy" uuid,
    "updatedAt" timestamp(3),
    "updatedBy" uuid,
    "status" "public"."crm_Contracts_Status" NOT NULL DEFAULT 'NOTSTARTED',
    "type" text,
    "_extra" jsonb,
    CONSTRAINT "crm_Contracts_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."crm_Industry_Type" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "name" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "crm_Industry_Type_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."crm_Leads" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL DEFAULT 0,
    "createdAt" timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    "createdBy" uuid,
    "updatedAt" timestamp(3),
    "updatedBy" uuid,
    "firstName" text,
    "lastName" text NOT NULL,
    "company" text,
    "jobTitle" text,
    "email" text,
    "phone" text,
    "description" text,
    "lead_source" text,
    "refered_by" text,
    "campaign" text,
    "status" text DEFAULT 'NEW',
    "type" text DEFAULT 'DEMO',
    "assigned_to" uuid,
    "accountsIDs" uuid,
    "_extra" jsonb,
    CONSTRAINT "crm_Leads_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."crm_Opportunities" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL DEFAULT 0,
    "account" uuid,
    "assigned_to" uuid,
    "budget" integer NOT NULL DEFAULT 0,
    "campaign" uuid,
    "close_date" timestamp(3),
    "contact" uuid,
    "created_by" uuid,
    "createdBy" uuid,
    "created_on" timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    "createdAt" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_activity" timestamp(3),
    "updatedAt" timestamp(3),
    "updatedBy" uuid,
    "last_activity_by" uuid,
    "currency" text,
    "description" text,
    "expected_revenue" integer NOT NULL DEFAULT 0,
    "name" text,
    "next_step" text,
    "sales_stage" uuid,
    "type" uuid,
    "status" "public"."crm_Opportunity_Status" DEFAULT 'ACTIVE',
    "_extra" jsonb,
    CONSTRAINT "crm_Opportunities_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."crm_Opportunities_Sales_Stages" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "name" text NOT NULL,
    "probability" integer,
    "order" integer,
    "_extra" jsonb,
    CONSTRAINT "crm_Opportunities_Sales_Stages_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."crm_Opportunities_Type" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "name" text NOT NULL,
    "order" integer,
    "_extra" jsonb,
    CONSTRAINT "crm_Opportunities_Type_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."crm_campaigns" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "name" text NOT NULL,
    "description" text,
    "status" text,
    "_extra" jsonb,
    CONSTRAINT "crm_campaigns_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."gpt_models" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "model" text NOT NULL,
    "description" text,
    "status" "public"."gptStatus",
    "created_on" timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    "_extra" jsonb,
    CONSTRAINT "gpt_models_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."invoice_States" (
    "_id" uuid NOT NULL,
    "name" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "invoice_States_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."modulStatus" (
    "_id" uuid NOT NULL,
    "name" text NOT NULL,
    "isVisible" boolean NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "modulStatus_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."openAi_keys" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "user" uuid NOT NULL,
    "organization_id" text NOT NULL,
    "api_key" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "openAi_keys_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."secondBrain_notions" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "user" uuid NOT NULL,
    "notion_api_key" text NOT NULL,
    "notion_db_id" text NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "secondBrain_notions_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."systemServices" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "name" text NOT NULL,
    "serviceUrl" text,
    "serviceId" text,
    "serviceKey" text,
    "servicePassword" text,
    "servicePort" text,
    "description" text,
    "_extra" jsonb,
    CONSTRAINT "systemServices_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."system_Modules_Enabled" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "name" text NOT NULL,
    "enabled" boolean NOT NULL,
    "position" integer NOT NULL,
    "_extra" jsonb,
    CONSTRAINT "system_Modules_Enabled_pkey" PRIMARY KEY ("_id")
);

CREATE TABLE "public"."tasksComments" (
    "_id" uuid NOT NULL,
    "__v" integer NOT NULL,
    "comment" text NOT NULL,
    "createdAt" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "task" uuid NOT NULL,
    "user" uuid NOT NULL,
    "assigned_crm_account_task" uuid,
    "_extra" jsonb,
    CONSTRAINT "tasksComments_pkey" PRIMARY KEY ("_id")
);
