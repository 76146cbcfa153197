# Runs as the owner: asks a running transaction to stop and restore; follow.sh then waits for its result.
pid=$(cat "$DMT_STATE/txn.pid" 2>/dev/null)
if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null; fi
