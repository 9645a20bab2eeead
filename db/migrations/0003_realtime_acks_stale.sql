CREATE TABLE "stream_acks" (
	"account_id" uuid NOT NULL,
	"recipient" text NOT NULL,
	"offset" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stream_acks_account_id_recipient_pk" PRIMARY KEY("account_id","recipient")
);
--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "stale_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stream_acks" ADD CONSTRAINT "stream_acks_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;