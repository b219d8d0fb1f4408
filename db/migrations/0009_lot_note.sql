ALTER TABLE "lots" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_note_length_check" CHECK (char_length("lots"."note") <= 500);