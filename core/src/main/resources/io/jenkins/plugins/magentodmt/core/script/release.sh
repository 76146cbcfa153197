# Runs as the owner: gives up a prepared upgrade before anything changed.
if [ "$(cat "$DMT_STATE/lock/holder" 2>/dev/null)" = "$DMT_HOLDER" ]; then
  rm -rf "$DMT_STATE/work" "$DMT_STATE/snapshot" "$DMT_STATE/$DMT_BACKUP_NAME" "$DMT_STATE/lock"
  emit released yes
else
  emit released no
fi
