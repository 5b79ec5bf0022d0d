"""Exit codes that scripts can rely on (see docs/contract in the README)."""

OK = 0
FAIL_ON = 1  # --fail-on LABEL reached
USAGE = 2  # usage or configuration error (click's own code for usage errors)
UNHEALTHY = 1  # `status`: the watch daemon is not running or a root is unavailable
DOCTOR_PROBLEMS = 1  # `doctor`: a check failed (or warned, with --strict)
STRICT = 3  # --strict and an object could not be (fully) read
ABORTED = 4  # a scan worker died (out of memory?); what was done is stored, run it again
INTERRUPTED = 130  # Ctrl-C / SIGINT, as shells report it
