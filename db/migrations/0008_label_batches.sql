CREATE TABLE "label_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"lot_id" text NOT NULL,
	"kid" text NOT NULL,
	"count" integer NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" text,
	"layout" text,
	CONSTRAINT "label_batches_count_check" CHECK ("label_batches"."count" > 0)
);
--> statement-breakpoint
ALTER TABLE "label_serials" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
ALTER TABLE "label_batches" ADD CONSTRAINT "label_batches_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "label_batches_lot_id_issued_at_idx" ON "label_batches" USING btree ("lot_id","issued_at");--> statement-breakpoint
ALTER TABLE "label_serials" ADD CONSTRAINT "label_serials_batch_id_label_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."label_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "label_serials_batch_id_idx" ON "label_serials" USING btree ("batch_id");