#!/usr/bin/env bash
# The job the engine replaces, written by hand with the OpenSSH client, as a team would: the yardstick of the
# benchmark (bench/run.sh). Each `ssh` below is a NEW connection (key exchange and authentication each time),
# as such scripts usually are; --control-master DIR reuses one connection (OpenSSH ControlMaster) instead.
#
#   COMPOSER_AUTH='{"http-basic":{...}}' bench/plain-upgrade.sh --host H --port P --user U --identity KEY \
#       --known-hosts FILE --magento-root /var/www/magento --version 2.4.6.1 --backup-dir DIR [--control-master DIR]
#
# Steps: (1) ssh: read Magento's and the tool's versions from composer.lock, and the root's owner;
#        (2) ssh: tar czf - the tool's directory, composer.json and composer.lock, streamed into a local file;
#        (3) ssh: composer require as the owner (sudo -n -u OWNER), COMPOSER_AUTH on stdin, never on a command line;
#        (4) ssh: read the version again and check it.
# It prints "step NAME MS" lines on stderr for the benchmark. What it does NOT do, unlike the engine: lock,
# list customizations, checksum a manifest, restore on failure, check free space, PHP or Composer.
set -euo pipefail

host= port=22 user= identity= known_hosts= root= version= backup_dir=. control=
while [ $# -gt 0 ]; do
  case "$1" in
    --host) host=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --user) user=$2; shift 2 ;;
    --identity) identity=$2; shift 2 ;;
    --known-hosts) known_hosts=$2; shift 2 ;;
    --magento-root) root=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    --backup-dir) backup_dir=$2; shift 2 ;;
    --control-master) control=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for v in host user identity known_hosts root version; do
  [ -n "${!v}" ] || { echo "--${v//_/-} is required" >&2; exit 2; }
done
[[ $version =~ ^[0-9]+(\.[0-9]+)*$ ]] || { echo "bad version $version" >&2; exit 2; }

ssh_cmd=(ssh -F /dev/null -p "$port" -i "$identity" -o IdentitiesOnly=yes -o BatchMode=yes
         -o UserKnownHostsFile="$known_hosts" -o StrictHostKeyChecking=yes -o LogLevel=ERROR)
if [ -n "${PLAIN_UPGRADE_DEBUG:-}" ]; then ssh_cmd+=(-v); set -x; fi
if [ -n "$control" ]; then
  ssh_cmd+=(-o ControlMaster=auto -o ControlPath="$control/cm-%C" -o ControlPersist=60)
  trap '"${ssh_cmd[@]}" -O exit "$user@$host" 2>/dev/null || true' EXIT
fi
remote() { "${ssh_cmd[@]}" "$user@$host" "$@"; }
quote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }
now_ms() { date +%s%3N; }
step() { echo "step $1 $(( $(now_ms) - $2 ))" >&2; }
R=$(quote "$root")

# The PHP that reads composer.lock travels on stdin (php with no script argument reads it from there).
read_versions_php='<?php
$lock = json_decode(file_get_contents("composer.lock"), true);
foreach ($lock["packages"] as $p) {
    if (preg_match("#^magento/product-(community|enterprise)-edition$#", $p["name"])) { echo "magento=", $p["version"], "\n"; }
    if ($p["name"] === "magento/data-migration-tool") { echo "dmt=", $p["version"], "\n"; }
}'

# 1. Versions and owner.
t=$(now_ms)
facts=$(remote "cd $R && stat -c 'owner=%U' . && php" <<<"$read_versions_php")
magento=$(sed -n 's/^magento=//p' <<<"$facts")
dmt=$(sed -n 's/^dmt=//p' <<<"$facts")
owner=$(sed -n 's/^owner=//p' <<<"$facts")
base=${magento%%-*}
case "$version" in "$base" | "$base".*) ;; *) echo "DMT $version does not match Magento $magento" >&2; exit 3 ;; esac
echo "Magento $magento, Data Migration Tool ${dmt:-none} -> $version, owner $owner"
step versions "$t"

# 2. Backup, streamed back.
t=$(now_ms)
mkdir -p "$backup_dir"
backup="$backup_dir/dmt-backup-${dmt:-none}-$(date +%Y%m%d-%H%M%S).tar.gz"
remote "cd $R && tar czf - vendor/magento/data-migration-tool composer.json composer.lock" > "$backup"
[ -s "$backup" ] || { echo "empty backup" >&2; exit 4; }
echo "Backup $backup ($(wc -c < "$backup") bytes)"
step backup "$t"

# 3. composer require as the owner. The credentials go on stdin through ssh and sudo to Composer's environment.
# --preserve-env keeps the sandbox's COMPOSER_HOME (its cache), which sudo would otherwise reset; on a real host
# the owner's own home holds it and plain `sudo -n -H -u OWNER` is enough.
t=$(now_ms)
printf '%s' "${COMPOSER_AUTH:-}" | remote "cd $R && sudo -n -H -u $(quote "$owner") \
  --preserve-env=COMPOSER_HOME,COMPOSER_ALLOW_SUPERUSER sh -c 'COMPOSER_AUTH=\$(cat); export COMPOSER_AUTH; \
  exec composer require magento/data-migration-tool:$version --no-interaction --no-progress'"
step require "$t"

# 4. Verify.
t=$(now_ms)
now=$(remote "cd $R && php" <<<"$read_versions_php" | sed -n 's/^dmt=//p')
[ "$now" = "$version" ] || { echo "after composer require the tool is '$now', not $version" >&2; exit 5; }
echo "Upgraded magento/data-migration-tool ${dmt:-none} -> $now for Magento $magento"
step verify "$t"
