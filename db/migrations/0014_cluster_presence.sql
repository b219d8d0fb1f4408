ALTER TABLE "gateways" ADD COLUMN "connected_node" text;--> statement-breakpoint
ALTER TABLE "gateways" ADD COLUMN "connected_since" timestamp with time zone;--> statement-breakpoint
CREATE TABLE "broker_nodes" (
	"node_id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gateway_configs" (
	"gateway_id" text PRIMARY KEY NOT NULL,
	"config" jsonb NOT NULL,
	"version" integer NOT NULL,
	"published_version" integer DEFAULT 0 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gateway_configs" ADD CONSTRAINT "gateway_configs_gateway_id_gateways_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."gateways"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gateways_connected_node_idx" ON "gateways" USING btree ("connected_node");
