# Runs as the owner: the backup as it leaves the host, byte for byte, on standard output (encrypted when asked).
if [ "${DMT_ENCRYPT:-no}" = yes ]; then exec cat "$DMT_STATE/work/backup.enc"; fi
exec cat "$DMT_STATE/$DMT_BACKUP_NAME"
