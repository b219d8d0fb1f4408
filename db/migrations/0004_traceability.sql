CREATE TABLE "area_certifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"area_code" text NOT NULL,
	"scheme" text NOT NULL,
	"certificate_no" text NOT NULL,
	"issuer" text,
	"valid_from" date,
	"valid_to" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "area_certifications_dates_check" CHECK ("area_certifications"."valid_from" is null or "area_certifications"."valid_from" <= "area_certifications"."valid_to")
);
--> statement-breakpoint
CREATE TABLE "feedback" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"lot_id" text NOT NULL,
	"serial" text NOT NULL,
	"rating" smallint NOT NULL,
	"comment" text,
	"lang" text DEFAULT 'vi' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_rating_check" CHECK ("feedback"."rating" between 1 and 5),
	CONSTRAINT "feedback_comment_length_check" CHECK (char_length("feedback"."comment") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "label_scans" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"serial" text NOT NULL,
	"lot_id" text NOT NULL,
	"scanned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lat" real,
	"lon" real,
	"region" text,
	"ua_hash" text,
	"verdict" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "label_serials" (
	"serial" text PRIMARY KEY NOT NULL,
	"lot_id" text NOT NULL,
	"kid" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" text,
	"scan_count" integer DEFAULT 0 NOT NULL,
	"first_scanned_at" timestamp with time zone,
	"last_lat" real,
	"last_lon" real,
	"last_located_at" timestamp with time zone,
	"clone_flag" text,
	"clone_flagged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lot_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"lot_id" text,
	"event_type" text NOT NULL,
	"biz_step" text NOT NULL,
	"event_time" timestamp with time zone NOT NULL,
	"time_zone_offset" text DEFAULT '+07:00' NOT NULL,
	"place" text,
	"disposition" text,
	"note" text,
	"recorded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lot_lineage" (
	"parent_lot_id" text NOT NULL,
	"child_lot_id" text NOT NULL,
	"event_id" uuid NOT NULL,
	CONSTRAINT "lot_lineage_parent_lot_id_child_lot_id_pk" PRIMARY KEY("parent_lot_id","child_lot_id"),
	CONSTRAINT "lot_lineage_not_self_check" CHECK ("lot_lineage"."parent_lot_id" <> "lot_lineage"."child_lot_id")
);
--> statement-breakpoint
CREATE TABLE "lot_sources" (
	"lot_id" text NOT NULL,
	"area_code" text NOT NULL,
	CONSTRAINT "lot_sources_lot_id_area_code_pk" PRIMARY KEY("lot_id","area_code")
);
--> statement-breakpoint
CREATE TABLE "lots" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"cooperative_id" text NOT NULL,
	"grown_from" timestamp with time zone,
	"harvested_from" timestamp with time zone NOT NULL,
	"harvested_to" timestamp with time zone NOT NULL,
	"quantity" double precision NOT NULL,
	"unit" text NOT NULL,
	"disposition" text DEFAULT 'active' NOT NULL,
	"recalled_at" timestamp with time zone,
	"recall_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lots_quantity_check" CHECK ("lots"."quantity" > 0),
	CONSTRAINT "lots_harvest_window_check" CHECK ("lots"."harvested_from" <= "lots"."harvested_to"),
	CONSTRAINT "lots_grown_from_check" CHECK ("lots"."grown_from" is null or "lots"."grown_from" <= "lots"."harvested_from")
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" text PRIMARY KEY NOT NULL,
	"cooperative_id" text NOT NULL,
	"gtin" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"ocop_group" text NOT NULL,
	"stars" smallint NOT NULL,
	"certificate_no" text,
	"certified_on" date,
	"certificate_expires_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_gtin_unique" UNIQUE("gtin"),
	CONSTRAINT "products_gtin_check" CHECK ("products"."gtin" ~ '^[0-9]{14}$'),
	CONSTRAINT "products_stars_check" CHECK ("products"."stars" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "growing_areas" ADD COLUMN "threshold_preset" text;--> statement-breakpoint
ALTER TABLE "area_certifications" ADD CONSTRAINT "area_certifications_area_code_growing_areas_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."growing_areas"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_serials" ADD CONSTRAINT "label_serials_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lot_events" ADD CONSTRAINT "lot_events_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lot_lineage" ADD CONSTRAINT "lot_lineage_parent_lot_id_lots_id_fk" FOREIGN KEY ("parent_lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lot_lineage" ADD CONSTRAINT "lot_lineage_child_lot_id_lots_id_fk" FOREIGN KEY ("child_lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lot_lineage" ADD CONSTRAINT "lot_lineage_event_id_lot_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."lot_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lot_sources" ADD CONSTRAINT "lot_sources_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lot_sources" ADD CONSTRAINT "lot_sources_area_code_growing_areas_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."growing_areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "area_certifications_area_scheme_no_idx" ON "area_certifications" USING btree ("area_code","scheme","certificate_no");--> statement-breakpoint
CREATE INDEX "area_certifications_area_code_idx" ON "area_certifications" USING btree ("area_code");--> statement-breakpoint
CREATE INDEX "feedback_lot_id_created_at_idx" ON "feedback" USING btree ("lot_id","created_at");--> statement-breakpoint
CREATE INDEX "label_scans_serial_scanned_at_idx" ON "label_scans" USING btree ("serial","scanned_at");--> statement-breakpoint
CREATE INDEX "label_scans_lot_id_idx" ON "label_scans" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "label_serials_lot_id_idx" ON "label_serials" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "lot_events_lot_id_time_idx" ON "lot_events" USING btree ("lot_id","event_time");--> statement-breakpoint
CREATE INDEX "lot_lineage_child_lot_id_idx" ON "lot_lineage" USING btree ("child_lot_id");--> statement-breakpoint
CREATE INDEX "lot_sources_area_code_idx" ON "lot_sources" USING btree ("area_code");--> statement-breakpoint
CREATE INDEX "lots_cooperative_id_idx" ON "lots" USING btree ("cooperative_id");--> statement-breakpoint
CREATE INDEX "lots_product_id_idx" ON "lots" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "products_cooperative_id_idx" ON "products" USING btree ("cooperative_id");