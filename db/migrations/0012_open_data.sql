CREATE TABLE "open_downloads" (
	"name" text PRIMARY KEY NOT NULL,
	"media_type" text NOT NULL,
	"gzip" "bytea" NOT NULL,
	"etag" text NOT NULL,
	"rows" integer NOT NULL,
	"bytes" integer NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "compliance_daily_day_idx";--> statement-breakpoint
ALTER TABLE "gateways" ADD COLUMN "position" jsonb;--> statement-breakpoint
ALTER TABLE "growing_areas" ADD COLUMN "public" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "compliance_daily" ADD COLUMN "mean" double precision;--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_daily_day_zone_metric_idx" ON "compliance_daily" USING btree ("day","zone_code","metric");