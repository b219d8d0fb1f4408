CREATE TABLE "dead_letters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"gateway_id" text NOT NULL,
	"topic" text NOT NULL,
	"reason" text NOT NULL,
	"detail" text NOT NULL,
	"record_index" integer,
	"payload" "bytea" NOT NULL,
	"payload_size" integer NOT NULL,
	"truncated" boolean NOT NULL,
	CONSTRAINT "dead_letters_payload_size_check" CHECK ("dead_letters"."payload_size" >= 0)
);
--> statement-breakpoint
ALTER TABLE "gateways" ADD COLUMN "online" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "gateways" ADD COLUMN "status" jsonb;--> statement-breakpoint
CREATE INDEX "dead_letters_received_at_idx" ON "dead_letters" USING btree ("received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dead_letters_gateway_id_received_at_idx" ON "dead_letters" USING btree ("gateway_id","received_at" DESC NULLS LAST);