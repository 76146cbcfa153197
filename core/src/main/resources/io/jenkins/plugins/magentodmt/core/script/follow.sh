# Streams the transaction's log (from line DMT_LOG_FROM, after a reconnect) until it ends, then prints its result
# after a marker line. POSIX tools only: the log is read on from a byte offset with tail -c, where GNU's tail --pid is
# not everywhere (BusyBox lacks it). It may attach late, to a transaction that already finished: a result is ours only when it names
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
shown=$(head -n $((from - 1)) "$DMT_STATE/txn.log" 2>/dev/null | wc -c | tr -d ' ')
show_new() {
  # The x keeps the chunk's trailing newlines, which command substitution would drop. LC_ALL=C: ${#} counts bytes.
  chunk=$(tail -c +$((shown + 1)) "$DMT_STATE/txn.log" 2>/dev/null; echo x)
  chunk=${chunk%x}
  if [ -n "$chunk" ]; then
    printf '%s' "$chunk"
    shown=$((shown + ${#chunk}))
  fi
}
# A transaction that ends writes its result; the pid is checked (once a second: it forks) for one that died without.
n=0
while ! ours "$DMT_STATE/result"; do
  if [ $((n % 10)) -eq 0 ] && [ "$(is_transaction "$pid")" = no ]; then break; fi
  n=$((n + 1))
  show_new
  sleep 0.1
done
show_new
# The result is written before the transaction cleans up, and the lock goes last: report once it is gone (bounded),
# so that whoever reads the report finds the host settled and unlocked.
j=0
while [ -d "$DMT_STATE/lock" ] && [ $j -lt 100 ] && [ "$(is_transaction "$pid")" = yes ]; do
  j=$((j + 1))
  sleep 0.1
done
echo "@@DMT-RESULT@@"
# Another follower (an abandoned one whose connection was cut) may have taken the result first: it is still ours.
# A second follower may move the result between the check and the read: then it is in result.reported.
if ours "$DMT_STATE/result" && cat "$DMT_STATE/result" 2>/dev/null; then
  mv "$DMT_STATE/result" "$DMT_STATE/result.reported" 2>/dev/null || true
elif ours "$DMT_STATE/result.reported"; then
  cat "$DMT_STATE/result.reported"
fi
