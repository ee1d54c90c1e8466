-- The shared run store of a floe cluster (floe-store-postgres). Every host of the cluster reads and writes these
-- tables. Times of runs and nodes are ISO-8601 text, so nanoseconds survive a round trip (timestamptz keeps only
-- microseconds); leases are timestamptz and are always compared with the database's clock, never a host's.
-- Key columns use the "C" collation: listings compare run hosts in code-point order, as the engine does.

-- Each host of the cluster: its tags, its liveness lease, and its fencing epoch, which changes whenever the host
-- joins or is declared lost, so a host that lost its lease can no longer write. Every write of a host share-locks
-- its row.
CREATE TABLE hosts (
  id          text COLLATE "C" PRIMARY KEY,
  tags        text[] NOT NULL,
  epoch       bigint NOT NULL,
  lease_until timestamptz NOT NULL,
  alive       boolean NOT NULL
);

-- Each host's run counter (the n of its run ids <host>-<n>), apart from hosts so that saving it does not have to
-- wait for the host's own claims, which share-lock its hosts row.
CREATE TABLE host_counters (
  id      text COLLATE "C" PRIMARY KEY,
  counter bigint NOT NULL
);

-- Each distinct flow definition once, keyed by the SHA-256 of its JSON; runs point at it by hash.
CREATE TABLE flows (
  hash text COLLATE "C" PRIMARY KEY,
  json text NOT NULL
);

-- One row per run. lost_host is set while the run is an orphan: it was active on a host that was declared lost,
-- and waits for another host to claim it.
CREATE TABLE runs (
  run_host     text COLLATE "C" NOT NULL,
  run_n        bigint NOT NULL,
  flow_id      text COLLATE "C" NOT NULL,
  flow_ver     integer NOT NULL,
  exec_host    text COLLATE "C" NOT NULL,
  status       text COLLATE "C" NOT NULL,
  adopted_ms   bigint NOT NULL,
  adopted      text,
  started      text,
  ended        text,
  good         boolean NOT NULL,
  end_reason   text NOT NULL,
  trigger_node text NOT NULL,
  opts         text NOT NULL,
  flow_hash    text COLLATE "C" NOT NULL,
  lost_host    text COLLATE "C",
  PRIMARY KEY (run_host, run_n)
);
-- listing order (status, then newest first): a page is a range scan of one of these from its cursor
CREATE INDEX runs_by_flow ON runs (flow_id, status, adopted_ms, run_host, run_n);
CREATE INDEX runs_by_status ON runs (status, adopted_ms, run_host, run_n);
-- what claims look at, oldest first: pends and orphans only, however large the archive
CREATE INDEX runs_to_claim ON runs (adopted_ms, run_host, run_n) WHERE status = 'PENDING' OR lost_host IS NOT NULL;
CREATE INDEX runs_active_by_host ON runs (exec_host) WHERE status = 'ACTIVE';

CREATE TABLE nodes (
  run_host    text COLLATE "C" NOT NULL,
  run_n       bigint NOT NULL,
  node_id     text COLLATE "C" NOT NULL,
  kind        text NOT NULL,
  started     text,
  stopped     text,
  good        boolean NOT NULL,
  exit_status integer,
  error       text NOT NULL,
  waits       text NOT NULL,
  opts        text NOT NULL,
  enabled     boolean NOT NULL,
  log_lines   bigint NOT NULL,
  PRIMARY KEY (run_host, run_n, node_id)
);

-- Named state of the cluster (poll refs, timer fire times...).
CREATE TABLE state (
  key   text COLLATE "C" PRIMARY KEY,
  value text NOT NULL
);

-- Which run holds each resource tag. The primary key is the exclusion: two runs can never hold a tag at once.
CREATE TABLE resource_leases (
  tag      text COLLATE "C" PRIMARY KEY,
  run_host text COLLATE "C" NOT NULL,
  run_n    bigint NOT NULL,
  since    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX resource_leases_by_run ON resource_leases (run_host, run_n);

-- Cluster-wide roles (such as the host that fires timers), each held by one host for one lease.
CREATE TABLE roles (
  role        text COLLATE "C" PRIMARY KEY,
  host        text COLLATE "C" NOT NULL,
  lease_until timestamptz NOT NULL
);

-- Task output, one row per line, numbered from 0 per node.
CREATE TABLE task_logs (
  run_host text COLLATE "C" NOT NULL,
  run_n    bigint NOT NULL,
  node_id  text COLLATE "C" NOT NULL,
  line_no  bigint NOT NULL,
  text     text NOT NULL,
  PRIMARY KEY (run_host, run_n, node_id, line_no)
);
