# Runs as the owner: the backup, byte for byte, on standard output.
exec cat "$DMT_STATE/$DMT_BACKUP_NAME"
