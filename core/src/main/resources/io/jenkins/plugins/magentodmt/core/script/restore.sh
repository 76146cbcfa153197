# Shared by transaction.sh and recover.sh; $backup, $work and $snapshot name what prepare.sh wrote.
# vendor/ from its hard-link snapshot, then the backup's bytes over it (also what Composer rewrote in place through
# the links), then away with every path the upgrade added. Two checks follow, each recorded in $work/checks:
# every backed-up file against the manifest, and every path of the root against the listing taken before.
restore() {
  : > "$work/checks"
  if [ -d "$snapshot/vendor" ]; then
    rm -rf vendor && mv "$snapshot/vendor" vendor && rmdir "$snapshot" \
      || { echo "restore: cannot put vendor/ back from $snapshot/vendor"; return 1; }
  fi
  tar -xpzf "$backup" --exclude=MANIFEST.sha256 || return 1
  tree_listing restore "$work/before.list" $(listing_exclusions) > "$work/restore.diff" || return 1
  tar -xzOf "$backup" MANIFEST.sha256 > "$work/restore.manifest" || return 1
  files=$(wc -l < "$work/restore.manifest" | tr -d ' ')
  ok=yes
  if sha256sum -c --quiet --strict "$work/restore.manifest" > "$work/restore.sums" 2>&1; then
    echo "backup manifest: passed ($files files, SHA-256 identical)" >> "$work/checks"
  else
    echo "backup manifest: failed ($(grep -c 'FAILED' "$work/restore.sums") of $files files differ)" >> "$work/checks"
    sed -n 's/: FAILED.*$//p' "$work/restore.sums" >> "$work/not-restored"
    ok=no
  fi
  checked=$(sed -n 's/^checked=//p' "$work/restore.diff")
  differs=$(grep -c '^differs=' "$work/restore.diff")
  if [ "$differs" = 0 ]; then
    echo "path listing: passed ($checked paths: none added, removed or changed in type, mode, owner, size or mtime)" >> "$work/checks"
  else
    echo "path listing: failed ($differs of $checked paths are not as before)" >> "$work/checks"
    sed -n 's/^differs=[^ ]* //p' "$work/restore.diff" >> "$work/not-restored"
    sed -n 's/^differs=/restore: not as before: /p' "$work/restore.diff" | head -n 20
    ok=no
  fi
  [ "$ok" = yes ]
}
