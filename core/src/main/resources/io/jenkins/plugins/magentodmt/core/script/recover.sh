# Runs as the owner, before a new upgrade, when the preflight found a lock whose run it could not see alive.
# Decides here (where the owner's processes can be signalled) whether that run is gone, and if so repairs first:
# a run that never started its transaction changed nothing, so its lock and leftovers go; a transaction that died
# (no live process, no result) left the root as it was, or half-written: then it is restored from the backup and the
# snapshot that prepare.sh kept on the host, and checked against the manifest and the listing taken before.
# Prints recovery=none|released|restored|failed with recovery_found / recovery_did lines saying what it saw and did.
cd "$DMT_ROOT" || { emit error "cannot enter $DMT_ROOT"; exit 3; }
lock="$DMT_STATE/lock"
work="$DMT_STATE/work"
snapshot="$DMT_STATE/snapshot"
if [ ! -d "$lock" ]; then emit recovery none; emit recovery_reason unlocked; exit 0; fi
run=$(cat "$lock/run" 2>/dev/null)
holder=$(cat "$lock/holder" 2>/dev/null)
since=$(cat "$lock/since" 2>/dev/null)
txn=$(cat "$DMT_STATE/txn.pid" 2>/dev/null)
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }
none() { emit recovery none; emit recovery_reason "$1"; emit_text lock_holder "$holder"; emit_text lock_since "$since"; exit 0; }
who="run $run of '$holder' (locked since $since)"

# The transaction by its recorded start time and command line (a reused pid is not it); the rest by their pid.
if [ "$(is_transaction "$txn")" != no ]; then none running; fi
if [ ! -d "$lock/started" ] && [ ! -f "$lock/prepared" ] && alive "$(cat "$lock/prepare.pid" 2>/dev/null)"; then none running; fi
if ! mkdir "$lock/recovering" 2>/dev/null; then
  if alive "$(cat "$lock/recovering/pid" 2>/dev/null)"; then none recovering; fi
fi
echo $$ > "$lock/recovering/pid"

# What a finished run removes; the backup and snapshot only when the root no longer needs them.
release() {
  rm -rf "$work" "$snapshot" "$DMT_STATE/transaction.sh" "$DMT_STATE/txn.pid"
  if [ -n "$run" ]; then rm -f "$DMT_STATE/$run"; fi
  rm -rf "$lock"
}
ours() { [ -n "$run" ] && grep -qxF "run=$run" "$1" 2>/dev/null; }
for r in "$DMT_STATE/result" "$DMT_STATE/result.reported"; do
  if ours "$r"; then
    status=$(sed -n 's/^status=//p' "$r")
    emit recovery released
    emit_text recovery_found "$who had finished ($status) but not released its lock"
    if [ "$status" = FAILED_NOT_RESTORED ]; then
      rm -rf "$work" "$DMT_STATE/transaction.sh" "$DMT_STATE/txn.pid" "$lock"
      emit_text recovery_did "released the lock; its backup and snapshot stay on the host for the manual restore"
    else
      release
      emit_text recovery_did "finished its clean-up and released the lock"
    fi
    exit 0
  fi
done

if [ ! -d "$lock/started" ]; then
  if [ -f "$lock/prepared" ]; then
    expires=$(cat "$lock/expires" 2>/dev/null)
    if [ "${DMT_BREAK_LOCK:-no}" = yes ]; then why="as asked (break lock)"
    elif [ -n "$expires" ] && [ "$(date +%s)" -gt "$expires" ] 2>/dev/null; then why="its time was up"
    else none held; fi
    found="$who had prepared and never started its transaction; nothing in the root had changed"
  elif [ -f "$lock/prepare.pid" ]; then
    why="its preparation is not running any more"
    found="$who died while it prepared (before any change to the root)"
  else
    none held
  fi
  release
  emit recovery released
  emit_text recovery_found "$found"
  emit_text recovery_did "released the lock and removed its work files and host backup, $why"
  exit 0
fi

# The transaction began and is gone without a result. What is left of it (Composer, the watchdog) is stopped
# first: nothing may write the root while it is checked and restored. Its shell led its own session.
left=
if [ -n "$txn" ] && [ -d /proc ]; then
  members() {
    for d in /proc/[0-9]*; do
      read -r l < "$d/stat" 2>/dev/null || continue
      set -- ${l##*) }
      if [ "${4:-}" = "$txn" ]; then printf '%s ' "${d#/proc/}"; fi
    done
  }
  left=$(members)
  if [ -n "$left" ]; then
    kill -TERM $left 2>/dev/null
    i=0
    while [ -n "$(members)" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    rest=$(members)
    if [ -n "$rest" ]; then kill -KILL $rest 2>/dev/null; sleep 0.2; fi
  fi
fi
stopped=${left:+; stopped what was left of it (pids $left)}
found="$who died in its transaction (no live process, no result)$stopped"
backup="$DMT_STATE/$run"
if [ -z "$run" ] || [ ! -f "$backup" ] || [ ! -f "$work/before.list" ] || [ ! -f "$work/MANIFEST.sha256" ]; then
  rm -rf "$lock/recovering"
  emit recovery failed
  emit_text recovery_found "$found"
  emit_text recovery_did "could not check or restore the root: the backup ($backup), the listing or the manifest of that run is missing; the lock stays"
  exit 0
fi
tree_listing compare "$work/before.list" $(listing_exclusions) > "$work/compare.diff" 2>/dev/null
differs=$(grep -c '^differs=' "$work/compare.diff")
[ -s "$work/compare.diff" ] || differs="unknown (the listing failed)"
if sha256sum -c --quiet --strict "$work/MANIFEST.sha256" >/dev/null 2>&1; then manifest=passed; else manifest=failed; fi
seen="listing: $differs paths not as before, manifest: $manifest"
if [ "$differs" = 0 ] && [ "$manifest" = passed ]; then
  release
  emit recovery released
  emit_text recovery_found "$found; the root was still as before (listing and manifest checked)"
  emit_text recovery_did "released the lock and removed its work files and host backup"
  exit 0
fi
: > "$work/not-restored"
if restore > "$work/recover.log" 2>&1; then
  checks=$(tr '\n' ';' < "$work/checks")
  emit recovery restored
  sed 's/^/restore_check=/' "$work/checks"
  release
  emit_text recovery_found "$found; the root was half-written ($seen)"
  emit_text recovery_did "restored the root from the backup and the snapshot kept on the host, checked: $checks"
else
  emit recovery failed
  if [ -f "$work/checks" ]; then sed 's/^/restore_check=/' "$work/checks"; fi
  sort -u "$work/not-restored" | head -n 20 | sed 's/^/not_restored=/'
  rm -rf "$lock/recovering"
  emit_text recovery_found "$found; the root was half-written ($seen)"
  emit_text recovery_did "restoring it failed ($(tail -n 3 "$work/recover.log" | tr '\n' ' ')); the backup stays at $backup${snapshot:+, the old vendor/ at $snapshot/vendor if it is there}, and the lock stays"
fi
