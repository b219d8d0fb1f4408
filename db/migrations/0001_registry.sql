CREATE TABLE "admin_unit_successions" (
	"old_code" text NOT NULL,
	"new_code" text NOT NULL,
	"merge_type" text NOT NULL,
	"effective_on" date NOT NULL,
	CONSTRAINT "admin_unit_successions_old_code_new_code_pk" PRIMARY KEY("old_code","new_code")
);
--> statement-breakpoint
CREATE TABLE "admin_units" (
	"code" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"name" text NOT NULL,
	"province_code" text,
	CONSTRAINT "admin_units_code_valid_from_pk" PRIMARY KEY("code","valid_from")
);
--> statement-breakpoint
CREATE TABLE "cooperatives" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"commune_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gateways" (
	"id" text PRIMARY KEY NOT NULL,
	"zone_code" text NOT NULL,
	"secret_hash" text NOT NULL,
	"last_seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sensors" (
	"id" text NOT NULL,
	"metric" text NOT NULL,
	"gateway_id" text NOT NULL,
	"unit" text NOT NULL,
	"zone_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sensors_id_metric_pk" PRIMARY KEY("id","metric")
);
--> statement-breakpoint
CREATE TABLE "growing_areas" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"cooperative_id" text,
	"crop" text NOT NULL,
	"kind" text DEFAULT 'field' NOT NULL,
	"area_ha" numeric(10, 2),
	"polygon" jsonb,
	"commune_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "growing_areas_area_ha_check" CHECK ("growing_areas"."area_ha" is null or "growing_areas"."area_ha" > 0),
	CONSTRAINT "growing_areas_commune_code_check" CHECK ("growing_areas"."commune_code" ~ '^[0-9]{5}$')
);
--> statement-breakpoint
CREATE TABLE "readings" (
	"time" timestamp with time zone NOT NULL,
	"sensor_id" text NOT NULL,
	"metric" text NOT NULL,
	"value" double precision NOT NULL,
	"quality" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "readings_pkey" PRIMARY KEY("sensor_id","metric","time")
);
--> statement-breakpoint
ALTER TABLE "gateways" ADD CONSTRAINT "gateways_zone_code_growing_areas_code_fk" FOREIGN KEY ("zone_code") REFERENCES "public"."growing_areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sensors" ADD CONSTRAINT "sensors_gateway_id_gateways_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."gateways"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sensors" ADD CONSTRAINT "sensors_zone_code_growing_areas_code_fk" FOREIGN KEY ("zone_code") REFERENCES "public"."growing_areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "growing_areas" ADD CONSTRAINT "growing_areas_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admin_unit_successions_new_code_idx" ON "admin_unit_successions" USING btree ("new_code");--> statement-breakpoint
CREATE INDEX "admin_units_code_idx" ON "admin_units" USING btree ("code");--> statement-breakpoint
CREATE INDEX "gateways_zone_code_idx" ON "gateways" USING btree ("zone_code");--> statement-breakpoint
CREATE INDEX "sensors_gateway_id_idx" ON "sensors" USING btree ("gateway_id");--> statement-breakpoint
CREATE INDEX "growing_areas_cooperative_id_idx" ON "growing_areas" USING btree ("cooperative_id");