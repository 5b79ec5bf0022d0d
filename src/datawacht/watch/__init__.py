"""`datawacht watch`: a service that keeps the findings database current.

A second front on the same pipeline as `datawacht scan` (see
docs/watch.md).  Events and the catch-up walk only *enqueue* work in the
store's `work_queue`; one loop claims due rows, checks them against the disk
and scans or marks them gone.  Because the queue lives in the database and
recording an object is an idempotent upsert, a daemon killed at any moment
loses no work (claims come back) and duplicates no finding.

Modules, one concern each:

- `roots`: which roots are watched how (inotify or polling), and whether a
  root is healthy (a vanished mount is an outage, never a mass deletion);
- `queue`: the persistent, debounced work queue;
- `events`: watchdog events → queue requests, coalesced and written in batches;
- `catchup`: the tree compared with the stored state, at start and when a root returns;
- `work`: a claimed batch processed: stability check, gone objects, scans;
- `supervisor`: one observer per root, restarted when it dies;
- `heartbeat`: the daemon's health record and what `datawacht status` reports;
- `service`: the loop, signals (SIGTERM stops, SIGHUP reloads) and wiring.
"""
