# Streams the transaction's log (from line DMT_LOG_FROM, after a reconnect) until it ends, then prints its result
# after a marker line. It may attach late, to a transaction that already finished: a result is ours only when it names
# our run (an earlier run's result.reported is not).
ours() { grep -qxF "run=$DMT_BACKUP_NAME" "$1" 2>/dev/null; }
begun() { [ -s "$DMT_STATE/txn.pid" ] || ours "$DMT_STATE/result" || ours "$DMT_STATE/result.reported"; }
# After 30 s without a start, the follower claims the start itself (the transaction claims it the same way, so only
# one of them can), and gives back what prepare took: nothing in the root has changed.
never_started() {
  rm -rf "$DMT_STATE/work" "$DMT_STATE/snapshot" "$DMT_STATE/transaction.sh"
  if [ -n "${DMT_BACKUP_NAME:-}" ]; then rm -f "$DMT_STATE/$DMT_BACKUP_NAME"; fi
  {
    emit status FAILED_RESTORED
    emit not_started yes
    emit_text message "the host-side transaction did not start within 30 s; nothing was changed and the lock is released"
    emit finished "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    emit holder "${DMT_HOLDER:-}"
    emit run "${DMT_BACKUP_NAME:-}"
  } > "$DMT_STATE/result.tmp"
  chmod 600 "$DMT_STATE/result.tmp" "$DMT_STATE/txn.log" 2>/dev/null
  mv "$DMT_STATE/result.tmp" "$DMT_STATE/result"
  rm -rf "$DMT_STATE/lock"
}
i=0
while ! begun; do
  i=$((i + 1))
  # Only our own lock may be claimed: a later run's lock is not ours to stop.
  if [ $i -eq 1500 ] && [ "$(cat "$DMT_STATE/lock/run" 2>/dev/null)" = "${DMT_BACKUP_NAME:-}" ] \
    && mkdir "$DMT_STATE/lock/started" 2>/dev/null; then never_started; break; fi
  if [ $i -gt 3000 ]; then echo "the host-side transaction did not start" >&2; exit 7; fi
  sleep 0.02
done
pid=$(cat "$DMT_STATE/txn.pid" 2>/dev/null)
from=${DMT_LOG_FROM:-1}
if [ -n "$pid" ]; then tail -n "+$from" -s 0.05 -f --pid="$pid" "$DMT_STATE/txn.log"; else tail -n "+$from" "$DMT_STATE/txn.log" 2>/dev/null; fi
while [ ! -f "$DMT_STATE/result" ] && kill -0 "$(cat "$DMT_STATE/txn.pid")" 2>/dev/null; do sleep 0.1; done
echo "@@DMT-RESULT@@"
# Another follower (an abandoned one whose connection was cut) may have taken the result first: it is still ours.
if ours "$DMT_STATE/result"; then
  cat "$DMT_STATE/result"
  mv "$DMT_STATE/result" "$DMT_STATE/result.reported" 2>/dev/null || true
elif ours "$DMT_STATE/result.reported"; then
  cat "$DMT_STATE/result.reported"
fi
