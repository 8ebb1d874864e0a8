CREATE TABLE "teams_conversations" (
	"conversation_id" text PRIMARY KEY NOT NULL,
	"service_url" text NOT NULL,
	"tenant_id" text,
	"conversation_type" text NOT NULL,
	"team_id" text,
	"team_name" text,
	"channel_id" text,
	"channel_name" text,
	"user_aad_id" text,
	"bot_id" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "teams_conversations_user" ON "teams_conversations" USING btree ("user_aad_id","updated_at");--> statement-breakpoint
CREATE INDEX "teams_conversations_tenant" ON "teams_conversations" USING btree ("tenant_id","updated_at");