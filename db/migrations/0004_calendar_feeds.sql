CREATE TABLE "calendar_feeds" (
	"person_id" text PRIMARY KEY NOT NULL,
	"generation" integer NOT NULL,
	"token_hash" text,
	"issued_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_token_hash" UNIQUE("token_hash")
);
