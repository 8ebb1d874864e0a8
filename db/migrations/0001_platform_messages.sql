CREATE TABLE "platform_messages" (
	"outbox_key" text NOT NULL,
	"platform" text NOT NULL,
	"channel" text NOT NULL,
	"ts" text NOT NULL,
	"card_key" text,
	"audience" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "platform_messages_pk" PRIMARY KEY("outbox_key","platform")
);
--> statement-breakpoint
CREATE INDEX "platform_messages_card" ON "platform_messages" USING btree ("platform","card_key","audience","sent_at");