# Runs as the owner: starts the transaction in its own session, then follows it. setsid makes it the leader of its
# own process group, so that a stop (cancel.sh, the watchdog) reaches Composer and all it started, and nothing else.
cd "$DMT_ROOT" || exit 3
composer_env
# Any earlier result was reported by the preflight; from here on a result file is this transaction's.
rm -f "$DMT_STATE/txn.pid" "$DMT_STATE/txn.start" "$DMT_STATE/result" "$DMT_STATE/result.reported"
(umask 077 && : > "$DMT_STATE/txn.log") && chmod 600 "$DMT_STATE/txn.log"
setsid sh "$DMT_STATE/transaction.sh" </dev/null >/dev/null 2>&1 &
