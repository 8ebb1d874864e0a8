CREATE TABLE "person_prefs" (
	"person_id" text PRIMARY KEY NOT NULL,
	"digest" boolean DEFAULT true NOT NULL,
	"slack_home_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
