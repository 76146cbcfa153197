# Runs as the owner. Takes the lock, writes the backup with its manifest, lists customizations.
# Changes nothing in the Magento root; on any failure it releases what it took.
cd "$DMT_ROOT" || { emit error "cannot enter $DMT_ROOT"; exit 3; }
composer_env
mkdir -p "$DMT_STATE" && chmod 700 "$DMT_STATE" || { emit error "cannot create $DMT_STATE"; exit 3; }
# A lock is broken only when its run is gone. The preflight looked as the SSH user; this looks again as the owner,
# who can see its own processes whatever /proc's mount options hide from others.
if [ "${DMT_BREAK_LOCK:-no}" = yes ] && [ -d "$DMT_STATE/lock" ]; then
  if [ "$(txn_alive)" != no ]; then
    emit error running
    emit_text lock_holder "$(cat "$DMT_STATE/lock/holder" 2>/dev/null)"
    emit_text lock_since "$(cat "$DMT_STATE/lock/since" 2>/dev/null)"
    emit_text lock_pid "$(cat "$DMT_STATE/txn.pid" 2>/dev/null)"
    exit 3
  fi
  emit_text broke_lock "$(cat "$DMT_STATE/lock/holder" 2>/dev/null)"
  rm -rf "$DMT_STATE/lock"
fi
if ! mkdir "$DMT_STATE/lock" 2>/dev/null; then
  emit error "locked"
  emit_text lock_holder "$(cat "$DMT_STATE/lock/holder" 2>/dev/null)"
  emit_text lock_since "$(cat "$DMT_STATE/lock/since" 2>/dev/null)"
  exit 3
fi
printf '%s\n' "$DMT_HOLDER" > "$DMT_STATE/lock/holder"
date -u +%Y-%m-%dT%H:%M:%SZ > "$DMT_STATE/lock/since"
printf '%s\n' "$DMT_EXPIRES" > "$DMT_STATE/lock/expires"
# Which run holds the lock, and while it prepares, its pid: a later run's recover.sh tells a dead run by them.
printf '%s\n' "$DMT_BACKUP_NAME" > "$DMT_STATE/lock/run"
echo $$ > "$DMT_STATE/lock/prepare.pid"
if [ -f "$DMT_STATE/result" ]; then mv "$DMT_STATE/result" "$DMT_STATE/result.reported"; fi
rm -f "$DMT_STATE/txn.pid" "$DMT_STATE/txn.start"
umask 077
work="$DMT_STATE/work"
snapshot="$DMT_STATE/snapshot"
backup="$DMT_STATE/$DMT_BACKUP_NAME"
if [ -e "$snapshot" ]; then
  # Left by a restore that failed: it may be the only copy of that vendor/.
  emit_text error "$snapshot is left from an earlier restore that failed; restore by hand or remove it first"
  rm -rf "$DMT_STATE/lock"
  exit 4
fi
fail() {
  emit_text error "$1"
  rm -rf "$work" "$snapshot" "$backup" "$DMT_STATE/lock"
  exit 4
}
rm -rf "$work" && mkdir -p "$work" || fail "cannot create $work"

# The pristine package, to tell customizations apart, is fetched while the backup is written: from the owner's
# Composer cache when the locked dist archive is there (checked against the lock's checksum), else by Composer.
pristine_from_cache() {
  [ "${DMT_DIST_TYPE:-}" = zip ] && [ -n "${DMT_DIST_URL:-}" ] && command -v unzip >/dev/null 2>&1 || return 1
  key=$(printf '%s' "$DMT_DIST_URL" | sha1sum | cut -c 1-40)
  for dir in "${COMPOSER_CACHE_DIR:-}" "${XDG_CACHE_HOME:-$HOME/.cache}/composer" "${COMPOSER_HOME:-$HOME/.config/composer}/cache" \
             "$HOME/.composer/cache"; do
    zip="$dir/files/$DMT_PACKAGE/$key.zip"
    [ -n "$dir" ] && [ -f "$zip" ] || continue
    if [ -n "${DMT_DIST_SHASUM:-}" ] && [ "$(sha1sum "$zip" | cut -c 1-40)" != "$DMT_DIST_SHASUM" ]; then continue; fi
    rm -rf "$work/unzipped" && mkdir -p "$work/unzipped" && unzip -q "$zip" -d "$work/unzipped" || continue
    # Like Composer: an archive holding a single directory has the package inside it.
    set -- "$work/unzipped"/* "$work/unzipped"/.[!.]*
    if [ "$(ls -A "$work/unzipped" | wc -l)" = 1 ] && [ -d "$1" ]; then mv "$1" "$work/pristine"; else mv "$work/unzipped" "$work/pristine"; fi
    echo "the Composer cache" >"$work/pristine.source"
    return 0
  done
  return 1
}
# Composer extracts what it downloads into <vendor-dir>/composer/<8 hex> for a moment: here, while the backup and the
# listing of the root are taken, that folder must not be the root's, or the backup catches it and the restore puts it
# back. Its vendor-dir is a folder of this run's instead (the package still comes from the root's repositories).
pristine_from_composer() {
  COMPOSER_VENDOR_DIR="$work/archive-vendor" $DMT_COMPOSER archive "$DMT_PACKAGE" "$DMT_INSTALLED" --format=tar --dir="$work" --file=pristine \
    --no-interaction --no-ansi >"$work/archive.log" 2>&1 && mkdir -p "$work/pristine" \
    && tar -xf "$work/pristine.tar" -C "$work/pristine" 2>>"$work/archive.log" \
    && echo "composer archive" >"$work/pristine.source"
}
# When the preflight left it out (to save its time), Composer's version is checked here, before any change.
composer_job=
if [ "${DMT_CHECK_COMPOSER:-yes}" = no ]; then
  $DMT_COMPOSER --version --no-ansi >"$work/composer.version" 2>/dev/null &
  composer_job=$!
fi
pristine_job=
if [ -d "$DMT_DIR" ] && [ -n "${DMT_INSTALLED:-}" ]; then
  ( (pristine_from_cache || pristine_from_composer) && touch "$work/pristine.ok") &
  pristine_job=$!
fi

# What Composer rewrites in place (so that the snapshot below shares its changes) is in the backup itself.
set -- composer.json
[ -f composer.lock ] && set -- "$@" composer.lock
[ -d vendor/composer ] && set -- "$@" vendor/composer
[ -f vendor/autoload.php ] && set -- "$@" vendor/autoload.php
[ -d vendor/bin ] && set -- "$@" vendor/bin
[ -d "$DMT_DIR" ] && set -- "$@" "$DMT_DIR"
# auth.json holds repository secrets: it never goes into a backup, wherever it sits.
find "$@" \( -type f -o -type d -o -type l \) ! -name auth.json -print0 | sort -z > "$work/files" || fail "cannot list the files to back up"
find "$@" -type f ! -name auth.json -print0 | sort -z | xargs -0 sha256sum > "$work/MANIFEST.sha256" || fail "cannot checksum the files to back up"
# The archive's checksum is taken as it is written, not in a second pass.
sum=$( { tar -czf - --no-recursion --null -T "$work/files" -C "$work" MANIFEST.sha256 2>"$work/tar.err" || echo failed >"$work/tar.failed"; } \
  | tee "$backup" | sha256sum | cut -d ' ' -f 1)
[ -f "$work/tar.failed" ] && fail "tar failed: $(tail -n 2 "$work/tar.err")"
emit backup_file "$backup"
if [ "${DMT_ENCRYPT:-no}" = yes ]; then
  # What leaves the state directory is encrypted here, in OpenSSL's own format; the plain archive stays for a restore.
  # The passphrase came in this script on standard input and reaches OpenSSL in its environment only.
  sum=$( { DMT_BACKUP_PASSPHRASE=$DMT_BACKUP_PASSPHRASE openssl enc -aes-256-cbc -pbkdf2 -iter "$DMT_ENCRYPT_ITER" -md sha256 -salt \
      -pass env:DMT_BACKUP_PASSPHRASE -in "$backup" 2>"$work/openssl.err" || echo failed >"$work/openssl.failed"; } \
    | tee "$work/backup.enc" | sha256sum | cut -d ' ' -f 1)
  unset DMT_BACKUP_PASSPHRASE
  [ -f "$work/openssl.failed" ] && fail "openssl could not encrypt the backup: $(tail -n 2 "$work/openssl.err")"
  emit backup_encrypted yes
  emit backup_sha256 "$sum"
  emit backup_bytes "$(wc -c < "$work/backup.enc" | tr -d ' ')"
else
  emit backup_sha256 "$sum"
  emit backup_bytes "$(wc -c < "$backup" | tr -d ' ')"
fi
emit backup_files "$(wc -l < "$work/MANIFEST.sha256" | tr -d ' ')"

# The rest of vendor/: Composer replaces a package directory by removing it and writing a new one, so hard links
# keep the old files at no cost. Then what exists in the root, to delete what the upgrade adds and check the restore.
if [ -d vendor ]; then
  mkdir "$snapshot" && cp -al vendor "$snapshot/vendor" 2>"$work/snapshot.err" \
    || fail "cannot snapshot vendor/ with hard links in $snapshot (it must be on the filesystem of vendor/, and $(id -un) allowed to link its files): $(tail -n 2 "$work/snapshot.err")"
fi
tree_listing write "$work/before.list" $(listing_exclusions) >"$work/listing.out" 2>"$work/listing.err" \
  || fail "cannot list the files of $DMT_ROOT: $(tail -n 2 "$work/listing.err")"
emit listed_paths "$(sed -n 's/^listed=//p' "$work/listing.out")"

if [ -n "$composer_job" ]; then
  wait "$composer_job"
  cv=$(composer_version_of "$work/composer.version")
  [ -n "$cv" ] || fail "Composer ('$DMT_COMPOSER') does not run as $(id -un) on the host"
  emit composer_version "$cv"
  major=${cv%%.*}
  rest=${cv#*.}
  minor=${rest%%.*}
  if [ "$major" -lt 2 ] || { [ "$major" -eq 2 ] && [ "$minor" -lt 2 ]; }; then
    fail "Composer $cv is too old: Magento needs Composer 2.2 or newer"
  fi
fi

# Customizations: compare the installed directory with the pristine package of the same version.
if [ -n "$pristine_job" ]; then
  wait "$pristine_job"
  if [ -f "$work/pristine.ok" ]; then
    (cd "$DMT_DIR" && find . -type f | sed 's#^\./##' | sort) > "$work/installed.list"
    (cd "$work/pristine" && find . -type f | sed 's#^\./##' | sort) > "$work/pristine.list"
    comm -23 "$work/installed.list" "$work/pristine.list" > "$work/added.list"
    # One checksum pass over the pristine tree (the installed one is in the manifest already), not a process per file.
    (cd "$work/pristine" && find . -type f -print0 | xargs -0 -r sha256sum) | sed 's#^\([0-9a-f]*\)  \./#\1  #' > "$work/pristine.sums"
    awk 'NR == FNR { sum[substr($0, 67)] = substr($0, 1, 64); next }
         { f = substr($0, 67); if (index(f, prefix) == 1) { f = substr(f, length(prefix) + 1);
           if ((f in sum) && sum[f] != substr($0, 1, 64)) print f } }' prefix="$DMT_DIR/" \
      "$work/pristine.sums" "$work/MANIFEST.sha256" | sort > "$work/modified.list"
    comm -13 "$work/installed.list" "$work/pristine.list" > "$work/removed.list"
    emit customizations known
    emit_text pristine_source "$(cat "$work/pristine.source")"
    sed 's/^/custom_added=/' "$work/added.list"
    sed 's/^/custom_modified=/' "$work/modified.list"
    sed 's/^/custom_removed=/' "$work/removed.list"
  else
    emit customizations unknown
    emit_text customizations_error "composer archive failed: $(grep -v '^ *$' "$work/archive.log" | tail -n 2)"
    [ "${DMT_KEEP_CUSTOM:-no}" = yes ] && fail "cannot keep custom files: the pristine package $DMT_PACKAGE $DMT_INSTALLED could not be fetched to tell them apart"
  fi
fi

if [ "${DMT_FULL_BACKUP:-no}" = yes ]; then
  if php bin/magento setup:backup --code --db --no-ansi > "$work/setup-backup.log" 2>&1; then
    emit_text full_backup "$(grep -i 'backup' "$work/setup-backup.log" | tail -n 3)"
  else
    fail "bin/magento setup:backup --code --db failed: $(grep -v '^ *$' "$work/setup-backup.log" | tail -n 3)"
  fi
fi
: > "$DMT_STATE/lock/prepared"
emit prepared yes
