CREATE TABLE "alert_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alert_id" bigint NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"data_time" timestamp with time zone,
	"value" double precision,
	"actor" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"zone_code" text,
	"gateway_id" text,
	"sensor_id" text,
	"metric" text,
	"kind" text NOT NULL,
	"min" double precision,
	"max" double precision,
	"rate_per_minute" double precision,
	"for_seconds" integer DEFAULT 0 NOT NULL,
	"repeat_count" integer,
	"repeat_window_seconds" integer,
	"clear_margin" double precision DEFAULT 0 NOT NULL,
	"clear_for_seconds" integer DEFAULT 0 NOT NULL,
	"silent_seconds" integer,
	"severity" text NOT NULL,
	"active_from" text,
	"active_to" text,
	"name" text,
	"origin" text DEFAULT 'custom' NOT NULL,
	"preset" text,
	"unconfirmed" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_rules_one_scope_check" CHECK (num_nonnulls("alert_rules"."zone_code", "alert_rules"."gateway_id", "alert_rules"."sensor_id") = 1),
	CONSTRAINT "alert_rules_bounds_check" CHECK ("alert_rules"."min" is null or "alert_rules"."max" is null or "alert_rules"."min" <= "alert_rules"."max"),
	CONSTRAINT "alert_rules_for_seconds_check" CHECK ("alert_rules"."for_seconds" between 0 and 604800),
	CONSTRAINT "alert_rules_clear_for_seconds_check" CHECK ("alert_rules"."clear_for_seconds" between 0 and 604800),
	CONSTRAINT "alert_rules_clear_margin_check" CHECK ("alert_rules"."clear_margin" >= 0),
	CONSTRAINT "alert_rules_repeat_check" CHECK (("alert_rules"."repeat_count" is null) = ("alert_rules"."repeat_window_seconds" is null) and ("alert_rules"."repeat_count" is null or ("alert_rules"."repeat_count" between 2 and 10000 and "alert_rules"."repeat_window_seconds" between 1 and 604800)))
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rule_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"sensor_id" text,
	"gateway_id" text,
	"zone_code" text,
	"metric" text,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"historical" boolean DEFAULT false NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone,
	"threshold" double precision,
	"value" double precision,
	"last_value" double precision,
	"peak_value" double precision,
	"trigger_count" integer DEFAULT 1 NOT NULL,
	"last_triggered_at" timestamp with time zone NOT NULL,
	"acknowledged" boolean DEFAULT false NOT NULL,
	"acknowledged_by" text,
	"acknowledged_at" timestamp with time zone,
	"ack_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alerts_ack_note_length_check" CHECK (char_length("alerts"."ack_note") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "area_threshold_overrides" (
	"zone_code" text NOT NULL,
	"metric" text NOT NULL,
	"min" double precision,
	"max" double precision,
	"severity" text NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "area_threshold_overrides_zone_code_metric_severity_pk" PRIMARY KEY("zone_code","metric","severity"),
	CONSTRAINT "area_threshold_overrides_bounds_check" CHECK ("area_threshold_overrides"."min" is null or "area_threshold_overrides"."max" is null or "area_threshold_overrides"."min" <= "area_threshold_overrides"."max")
);
--> statement-breakpoint
CREATE TABLE "rule_states" (
	"rule_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"track" text NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_states_rule_id_channel_track_pk" PRIMARY KEY("rule_id","channel","track")
);
--> statement-breakpoint
CREATE TABLE "compliance_daily" (
	"zone_code" text NOT NULL,
	"day" date NOT NULL,
	"metric" text NOT NULL,
	"readings" integer NOT NULL,
	"within" integer NOT NULL,
	"min" double precision,
	"max" double precision,
	"limit_min" double precision,
	"limit_max" double precision,
	"alerts" integer DEFAULT 0 NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_daily_zone_code_day_metric_pk" PRIMARY KEY("zone_code","day","metric"),
	CONSTRAINT "compliance_daily_within_check" CHECK ("compliance_daily"."within" between 0 and "compliance_daily"."readings")
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"instance" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"detail" jsonb,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "rollup_invalidations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"from_time" timestamp with time zone NOT NULL,
	"to_time" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rollup_invalidations_range_check" CHECK ("rollup_invalidations"."from_time" <= "rollup_invalidations"."to_time")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"webhook_id" bigint NOT NULL,
	"event_id" bigint NOT NULL,
	"payload" jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_status" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"description" text,
	"cooperative_id" text,
	"min_severity" text DEFAULT 'warning' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhooks_url_check" CHECK ("webhooks"."url" ~ '^https?://')
);
--> statement-breakpoint
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_states" ADD CONSTRAINT "rule_states_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."webhooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_id_alert_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."alert_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_events_alert_id_idx" ON "alert_events" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "alert_rules_updated_at_idx" ON "alert_rules" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_rules_preset_limit_idx" ON "alert_rules" USING btree ("zone_code","metric","severity") WHERE "alert_rules"."origin" = 'preset' and "alert_rules"."deleted_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_one_open_idx" ON "alerts" USING btree ("rule_id","channel") WHERE "alerts"."state" = 'active' and not "alerts"."historical";--> statement-breakpoint
CREATE INDEX "alerts_state_opened_at_idx" ON "alerts" USING btree ("state","opened_at");--> statement-breakpoint
CREATE INDEX "alerts_zone_code_opened_at_idx" ON "alerts" USING btree ("zone_code","opened_at");--> statement-breakpoint
CREATE INDEX "alerts_opened_at_idx" ON "alerts" USING btree ("opened_at");--> statement-breakpoint
CREATE INDEX "compliance_daily_day_idx" ON "compliance_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "job_runs_job_started_at_idx" ON "job_runs" USING btree ("job","started_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE "webhook_deliveries"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_webhook_id_idx" ON "webhook_deliveries" USING btree ("webhook_id","created_at");