CREATE TABLE "deadlines" (
	"id" text PRIMARY KEY NOT NULL,
	"stream" integer NOT NULL,
	"what" text NOT NULL,
	"due" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"calendar_version" text NOT NULL,
	"reminder" boolean NOT NULL,
	"subject" text,
	"created" bigserial NOT NULL,
	"fired_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"delivery_id" text PRIMARY KEY NOT NULL,
	"outcome" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channels" (
	"name" text NOT NULL,
	"platform" text NOT NULL,
	"channel_id" text NOT NULL,
	CONSTRAINT "channels_pk" PRIMARY KEY("name","platform")
);
--> statement-breakpoint
CREATE TABLE "identities" (
	"platform" text NOT NULL,
	"platform_id" text NOT NULL,
	"person_id" text NOT NULL,
	CONSTRAINT "identities_pk" PRIMARY KEY("platform","platform_id")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"handle" text,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"voting_group" text,
	"alternate" text,
	CONSTRAINT "people_email_unique" UNIQUE("email"),
	CONSTRAINT "people_handle_unique" UNIQUE("handle")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"stream" integer NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"actor" text NOT NULL,
	"platform" text NOT NULL,
	"delivery_id" text,
	"command_text" text,
	"at" timestamp with time zone NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "events_stream_seq" UNIQUE("stream","seq")
);
--> statement-breakpoint
CREATE TABLE "modifications" (
	"number" integer PRIMARY KEY NOT NULL,
	"ref" text NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"proposer" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"version" integer NOT NULL,
	"head" text NOT NULL,
	"state" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"audience" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"platform_ref" text,
	CONSTRAINT "outbox_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "holidays" (
	"date" text PRIMARY KEY NOT NULL,
	"op" text NOT NULL,
	"name" text
);
--> statement-breakpoint
CREATE TABLE "system_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"tor_version" integer,
	"tor_link" text
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"stream" integer NOT NULL,
	"ballot_id" text NOT NULL,
	"voter" text NOT NULL,
	"seat" text NOT NULL,
	"solution" text NOT NULL,
	"option" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "votes_ballot_voter" UNIQUE("stream","ballot_id","voter","solution")
);
--> statement-breakpoint
CREATE INDEX "deadlines_pending_due" ON "deadlines" USING btree ("due","created") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_pending_due" ON "outbox" USING btree ("next_attempt_at","id") WHERE status = 'pending';