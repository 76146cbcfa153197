# Runs as the owner: asks a running transaction to stop and restore; follow.sh then waits for its result. The signal
# goes to the transaction's process group (Composer and what it started), and only while the recorded pid is still
# that transaction: after a reboot or a pid reuse it may be any process of the owner, a php-fpm worker say.
pid=$(cat "$DMT_STATE/txn.pid" 2>/dev/null)
if [ "$(is_transaction "$pid")" = yes ]; then kill -TERM "-$pid" 2>/dev/null; fi
