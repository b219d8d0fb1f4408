-- The latest good reading of each channel (ADR 0012). insertReadings upserts it in the transaction that
-- stores the readings, with the flag zonetrace.channel_latest = 'batch' set so the row trigger below stays
-- quiet; any other writer (a manual insert, a restore) is caught row by row by that trigger. Either way a
-- reading older than the one kept never replaces it, and of two at the same time the first stored stays,
-- as in readings (ON CONFLICT DO NOTHING).
CREATE TABLE IF NOT EXISTS "channel_latest" (
	"sensor_id" text NOT NULL,
	"metric" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "channel_latest_pkey" PRIMARY KEY("sensor_id","metric")
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION channel_latest_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO channel_latest (sensor_id, metric, time, value)
  VALUES (NEW.sensor_id, NEW.metric, NEW.time, NEW.value)
  ON CONFLICT (sensor_id, metric) DO UPDATE SET time = excluded.time, value = excluded.value
    WHERE excluded.time > channel_latest.time;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- WHEN is checked before a trigger event is queued, so a batch COPY under the flag costs one cheap test a row.
DROP TRIGGER IF EXISTS channel_latest_keep ON readings;
--> statement-breakpoint
CREATE TRIGGER channel_latest_keep AFTER INSERT ON readings FOR EACH ROW
  WHEN (NEW.quality = 0 AND current_setting('zonetrace.channel_latest', true) IS DISTINCT FROM 'batch')
  EXECUTE FUNCTION channel_latest_keep();
--> statement-breakpoint
-- Channels with readings stored before this migration: one index probe each, newest chunk first.
INSERT INTO channel_latest (sensor_id, metric, time, value)
SELECT s.id, s.metric, r.time, r.value
  FROM sensors s
  CROSS JOIN LATERAL (
    SELECT time, value FROM readings
     WHERE sensor_id = s.id AND metric = s.metric AND quality = 0
     ORDER BY time DESC LIMIT 1) r
ON CONFLICT (sensor_id, metric) DO NOTHING;
