# Runs detached (its own session) as the owner, so that it finishes or restores by itself even when the
# SSH connection drops or the caller is killed. Its outcome is the file $DMT_STATE/result.
cd "$DMT_ROOT" || exit 3
exec >>"$DMT_STATE/txn.log" 2>&1
# The follower claims the start the same way when it gives up waiting: then this transaction never begins.
if ! mkdir "$DMT_STATE/lock/started" 2>/dev/null; then echo "[host] not starting: the follower gave up waiting"; exit 0; fi
cancelled=no
cpid=
on_signal() {
  cancelled=yes
  if [ -n "$cpid" ]; then kill -TERM "$cpid" 2>/dev/null; fi
}
# The trap is in place before anyone can learn the pid and ask for a stop. The start time goes first: whoever reads
# the pid can then tell this process from a later one that got the same pid.
trap on_signal TERM INT HUP
proc_start $$ > "$DMT_STATE/txn.start"
echo $$ > "$DMT_STATE/txn.pid"
composer_env
backup="$DMT_STATE/$DMT_BACKUP_NAME"
work="$DMT_STATE/work"
# The host enforces the deadline itself: nobody may be left to enforce it from the other side.
# Its sleep is killed with it, so that no stray process outlives the upgrade. It stops the whole process group
# (launch.sh made this shell its leader), so that what Composer started stops too; and only while $$ is still this
# transaction, since a watchdog outliving it could meet its pid on another process.
( trap 'kill "$nap" 2>/dev/null; exit 0' TERM
  sleep "$DMT_TIMEOUT" &
  nap=$!
  wait "$nap" && [ "$(is_transaction $$)" = yes ] && kill -TERM -$$ ) </dev/null >/dev/null 2>&1 &
watchdog=$!

snapshot="$DMT_STATE/snapshot"

# Magento decides last: a bin/magento that ran before the upgrade must run after it, as the same Magento; then, when
# asked, setup:di:compile. Both run like Composer, stoppable by a cancel and watched by the watchdog; a failure restores.
magento_error=
magento_cli_after=
compiled=no
run_stoppable() {
  "$@" &
  cpid=$!
  wait "$cpid"
  mrc=$?
  while kill -0 "$cpid" 2>/dev/null; do wait "$cpid"; mrc=$?; done
  return "$mrc"
}
first_lines() {
  cat "$@" 2>/dev/null | grep -v '^ *$' | head -n 3 | tr '\n' ' ' | sed 's/ *$//'
}
magento_after() {
  if [ -n "${DMT_MAGENTO_CLI:-}" ]; then
    echo "[host] php bin/magento --version (as $(id -un)): must still say '$DMT_MAGENTO_CLI'"
    run_stoppable php bin/magento --version --no-ansi >"$work/magento.out" 2>"$work/magento.err" </dev/null
    mrc=$?
    cat "$work/magento.out" "$work/magento.err"
    [ "$cancelled" = no ] || return 1
    if [ "$mrc" -ne 0 ]; then
      magento_error="php bin/magento --version exited $mrc after the upgrade: $(first_lines "$work/magento.out" "$work/magento.err")"
      return 1
    fi
    magento_cli_after=$(tail -n 1 "$work/magento.out")
    if [ "$magento_cli_after" != "$DMT_MAGENTO_CLI" ]; then
      magento_error="after the upgrade php bin/magento --version says '$magento_cli_after', before it said '$DMT_MAGENTO_CLI'"
      return 1
    fi
  fi
  if [ "${DMT_COMPILE:-no}" = yes ]; then
    echo "[host] php bin/magento setup:di:compile (as $(id -un))"
    run_stoppable php bin/magento setup:di:compile --no-ansi >"$work/compile.out" 2>&1 </dev/null
    mrc=$?
    cat "$work/compile.out"
    [ "$cancelled" = no ] || return 1
    if [ "$mrc" -ne 0 ]; then
      magento_error="php bin/magento setup:di:compile exited $mrc after the upgrade: $(first_lines "$work/compile.out")"
      return 1
    fi
    compiled=yes
  fi
}

# A site installed without dev packages stays without them.
set --
if [ "${DMT_NO_DEV:-no}" = yes ]; then set -- --update-no-dev; fi
echo "[host] composer require $DMT_PACKAGE:$DMT_TARGET${1:+ $1} (as $(id -un))"
rc=143
if [ "$cancelled" = no ]; then
  $DMT_COMPOSER require "$DMT_PACKAGE:$DMT_TARGET" --no-interaction --no-ansi --no-progress "$@" &
  cpid=$!
  wait "$cpid"
  rc=$?
  while kill -0 "$cpid" 2>/dev/null; do wait "$cpid"; rc=$?; done
fi
if [ "$cancelled" = no ] && [ "$rc" -eq 0 ]; then magento_after; fi
kill "$watchdog" 2>/dev/null
trap '' TERM INT HUP

versions=$(read_versions 2>/dev/null)
new=$(printf '%s\n' "$versions" | sed -n 's/^dmt=//p')
dirv=$(printf '%s\n' "$versions" | sed -n 's/^dmt_dir_version=//p')
kept=0
conflicts=
if [ "$cancelled" = no ] && [ "$rc" -eq 0 ] && [ "$new" = "$DMT_TARGET" ] && { [ -z "$dirv" ] || [ "$dirv" = "$DMT_TARGET" ]; } \
    && [ -z "$magento_error" ]; then
  status=UPGRADED
  message="installed $DMT_PACKAGE $new"
  if [ "${DMT_KEEP_CUSTOM:-no}" = yes ] && [ -s "$work/added.list" ]; then
    while IFS= read -r f; do
      if [ -e "$DMT_DIR/$f" ]; then conflicts="$conflicts $f"
      elif tar -xpzf "$backup" "$DMT_DIR/$f"; then kept=$((kept + 1))
      else conflicts="$conflicts $f"; fi
    done < "$work/added.list"
  fi
else
  if [ "$cancelled" = yes ]; then message="cancelled (abort or timeout after ${DMT_TIMEOUT}s)"
  elif [ "$rc" -ne 0 ]; then message="composer require exited $rc"
  elif [ -n "$magento_error" ]; then message=$magento_error
  else message="after composer require the installed version is '$new' (directory '$dirv'), not $DMT_TARGET"; fi
  echo "[host] $message: restoring the backup"
  : > "$work/not-restored"
  if restore; then
    status=FAILED_RESTORED
    echo "[host] restored: $(tr '\n' ';' < "$work/checks")"
  else
    status=FAILED_NOT_RESTORED
    paths=$(sort -u "$work/not-restored" | head -n 10 | tr '\n' ' ')
    message="$message; restoring failed${paths:+ (not as before: $paths)}, the backup is kept at $backup"
    if [ -d "$snapshot/vendor" ]; then message="$message and the old vendor/ at $snapshot/vendor"; fi
    echo "[host] $message"
  fi
fi
{
  emit status "$status"
  emit_text message "$message"
  emit composer_exit "$rc"
  emit new_version "$new"
  emit kept_custom_files "$kept"
  emit kept_conflicts "$conflicts"
  emit_text magento_cli_after "$magento_cli_after"
  emit compiled "$compiled"
  emit finished "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  emit holder "$DMT_HOLDER"
  emit run "$DMT_BACKUP_NAME"
  if [ -f "$work/checks" ]; then sed 's/^/restore_check=/' "$work/checks"; fi
  if [ -s "$work/not-restored" ]; then sort -u "$work/not-restored" | sed 's/^/not_restored=/'; fi
} > "$DMT_STATE/result.tmp"
chmod 600 "$DMT_STATE/result.tmp"
mv "$DMT_STATE/result.tmp" "$DMT_STATE/result"
if [ "$status" != FAILED_NOT_RESTORED ]; then rm -f "$backup"; fi
# A snapshot that could not be put back is the old vendor/: it stays, named in the message.
if [ "$status" != FAILED_NOT_RESTORED ]; then rm -rf "$snapshot"; fi
# What stays is the result and its log; the lock goes last, once nothing of this run is left to clean up.
rm -rf "$work"
rm -f "$DMT_STATE/transaction.sh" "$DMT_STATE/txn.pid" "$DMT_STATE/txn.start"
rm -rf "$DMT_STATE/lock"
