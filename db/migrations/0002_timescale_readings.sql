-- Readings become a hypertable partitioned by time. One-day chunks keep a chunk's index in memory at
-- field rates (thousands of channels at one reading a minute) and let retention drop whole days.
-- The primary key (sensor_id, metric, time) already serves per-channel range scans in both directions,
-- so no second index is paid for on every insert.
SELECT create_hypertable('readings', by_range('time', INTERVAL '1 day'), if_not_exists => TRUE);
