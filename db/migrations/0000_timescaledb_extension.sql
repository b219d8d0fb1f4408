-- TimescaleDB must exist before the readings hypertable is made. Both backends ship it preloaded.
CREATE EXTENSION IF NOT EXISTS timescaledb;
