CREATE TABLE "public"."Album" (
  "AlbumId" bigint NOT NULL,
  "Title" text NOT NULL,
  "ArtistId" bigint NOT NULL,
  PRIMARY KEY ("AlbumId")
);
CREATE TABLE "public"."Artist" (
  "ArtistId" bigint NOT NULL,
  "Name" text,
  PRIMARY KEY ("ArtistId")
);
CREATE TABLE "public"."Customer" (
  "CustomerId" bigint NOT NULL,
  "FirstName" text NOT NULL,
  "LastName" text NOT NULL,
  "Company" text,
  "Address" text,
  "City" text,
  "State" text,
  "Country" text,
  "PostalCode" text,
  "Phone" text,
  "Fax" text,
  "Email" text NOT NULL,
  "SupportRepId" bigint,
  PRIMARY KEY ("CustomerId")
);
CREATE TABLE "public"."Employee" (
  "EmployeeId" bigint NOT NULL,
  "LastName" text NOT NULL,
  "FirstName" text NOT NULL,
  "Title" text,
  "ReportsTo" bigint,
  "BirthDate" text,
  "HireDate" text,
  "Address" text,
  "City" text,
  "State" text,
  "Country" text,
  "PostalCode" text,
  "Phone" text,
  "Fax" text,
  "Email" text,
  PRIMARY KEY ("EmployeeId")
);
CREATE TABLE "public"."Genre" (
  "GenreId" bigint NOT NULL,
  "Name" text,
  PRIMARY KEY ("GenreId")
);
CREATE TABLE "public"."Invoice" (
  "InvoiceId" bigint NOT NULL,
  "CustomerId" bigint NOT NULL,
  "InvoiceDate" text NOT NULL,
  "BillingAddress" text,
  "BillingCity" text,
  "BillingState" text,
  "BillingCountry" text,
  "BillingPostalCode" text,
  "Total" text NOT NULL,
  PRIMARY KEY ("InvoiceId")
);
CREATE TABLE "public"."InvoiceLine" (
  "InvoiceLineId" bigint NOT NULL,
  "InvoiceId" bigint NOT NULL,
  "TrackId" bigint NOT NULL,
  "UnitPrice" text NOT NULL,
  "Quantity" bigint NOT NULL,
  PRIMARY KEY ("InvoiceLineId")
);
CREATE TABLE "public"."MediaType" (
  "MediaTypeId" bigint NOT NULL,
  "Name" text,
  PRIMARY KEY ("MediaTypeId")
);
CREATE TABLE "public"."Playlist" (
  "PlaylistId" bigint NOT NULL,
  "Name" text,
  PRIMARY KEY ("PlaylistId")
);
CREATE TABLE "public"."PlaylistTrack" (
  "PlaylistId" bigint NOT NULL,
  "TrackId" bigint NOT NULL,
  PRIMARY KEY ("PlaylistId", "TrackId")
);
CREATE TABLE "public"."Track" (
  "TrackId" bigint NOT NULL,
  "Name" text NOT NULL,
  "AlbumId" bigint,
  "MediaTypeId" bigint NOT NULL,
  "GenreId" bigint,
  "Composer" text,
  "Milliseconds" bigint NOT NULL,
  "Bytes" bigint,
  "UnitPrice" text NOT NULL,
  PRIMARY KEY ("TrackId")
);
