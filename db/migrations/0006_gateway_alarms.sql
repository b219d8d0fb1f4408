CREATE TABLE "gateway_alarms" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"gateway_id" text NOT NULL,
	"rule_id" text NOT NULL,
	"sensor_id" text NOT NULL,
	"metric" text NOT NULL,
	"kind" text NOT NULL,
	"value" double precision NOT NULL,
	"threshold" double precision NOT NULL,
	"severity" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"label" jsonb NOT NULL,
	"reason" text,
	CONSTRAINT "gateway_alarms_reason_check" CHECK ("gateway_alarms"."kind" = 'cleared' or "gateway_alarms"."reason" is null)
);
--> statement-breakpoint
ALTER TABLE "gateway_alarms" ADD CONSTRAINT "gateway_alarms_gateway_id_gateways_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."gateways"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "gateway_alarms_report_idx" ON "gateway_alarms" USING btree ("gateway_id","rule_id","sensor_id","kind","time");--> statement-breakpoint
CREATE INDEX "gateway_alarms_gateway_id_time_idx" ON "gateway_alarms" USING btree ("gateway_id","time" DESC NULLS LAST);