# Read-only: every fact the engine needs, in one round trip, as key=value lines. Composer is slow to start, so its
# two calls run in the background while the rest is gathered; its JSON follows a marker line at the end.
me=$(id -un)
emit ssh_user "$me"
if ! cd "$DMT_ROOT" 2>/dev/null; then emit root_exists no; exit 0; fi
emit root_exists yes
owner=${DMT_OWNER:-$(stat -c %U . 2>/dev/null)}
DMT_OWNER=$owner
emit owner "$owner"
DMT_SWITCH=no
can_run_as_owner=yes
if [ -n "$owner" ] && [ "$owner" != "$me" ]; then
  DMT_SWITCH=yes
  if ! command -v sudo >/dev/null 2>&1; then emit sudo missing; can_run_as_owner=no
  elif sudo -n -u "$owner" true 2>/dev/null; then emit sudo ok
  else emit sudo denied; can_run_as_owner=no; fi
fi
emit switch "$DMT_SWITCH"
# This script's own tools, as the SSH user sees them (tools.sh checks the owner's, for the scripts that change things).
for tool in awk cat cut date df du grep id mktemp sed stat tail tr; do
  command -v "$tool" >/dev/null 2>&1 || emit tool_missing "$tool (for $me)"
done
tmp=$(mktemp -d 2>/dev/null)
if [ -z "$tmp" ] || [ ! -d "$tmp" ]; then emit tool_missing "mktemp -d (for $me)"; exit 0; fi
trap 'rm -rf "$tmp"' EXIT
# Composer decides first (ask.sh): when the target is known now, its dry run starts before every other check.
if [ "$can_run_as_owner" = yes ] && [ -n "${DMT_ASK_TARGET:-}" ]; then
  ask_composer "$DMT_ASK_TARGET" "$tmp/ask" &
elif [ "$can_run_as_owner" = yes ] && [ "${DMT_ASK_MATCHING:-no}" = yes ]; then
  # No version given: the engine chooses from `composer show`, which is not here yet. Meanwhile Composer is asked for
  # Magento's X.Y.Z (~X.Y.Z.0, that is X.Y.Z or X.Y.Z.N); when the release it picks is the engine's choice, that
  # answers for it, and only otherwise does the engine ask again for its choice.
  (base=$(read_versions 2>/dev/null | sed -n 's/^magento=v\{0,1\}\([0-9]*\.[0-9]*\.[0-9]*\).*/\1/p')
   if [ -n "$base" ]; then ask_composer "~$base.0" "$tmp/ask"; fi) &
fi
# Whether bin/magento runs before the upgrade, as the owner (as the transaction runs it after), and Magento's mode.
if [ "$can_run_as_owner" = yes ] && [ "${DMT_MAGENTO_PROBE:-no}" = yes ] && [ -e bin/magento ]; then
  (as_owner php bin/magento --version --no-ansi >"$tmp/magento.out" 2>"$tmp/magento.err" </dev/null
   echo $? >"$tmp/magento.rc") &
  as_owner php -r '$e = @include "app/etc/env.php"; echo is_array($e) && is_string($e["MAGE_MODE"] ?? null) ? $e["MAGE_MODE"] : "";' \
    >"$tmp/mode" 2>/dev/null </dev/null &
fi
if [ "$can_run_as_owner" = yes ]; then
  if [ -n "${DMT_TOOLS_PROBE:-}" ]; then
    as_owner sh -c "$DMT_TOOLS_PROBE" dmt-tools >"$tmp/tools" 2>/dev/null &
  fi
  if [ "${DMT_CHECK_COMPOSER:-yes}" = yes ]; then
    as_owner $DMT_COMPOSER --version --no-ansi >"$tmp/version" 2>/dev/null &
  fi
  if [ "${DMT_LIST_VERSIONS:-no}" = yes ]; then
    (as_owner $DMT_COMPOSER show --all --format=json --no-interaction --no-ansi "$DMT_PACKAGE" >"$tmp/show" 2>"$tmp/show.err"
     echo $? >"$tmp/show.rc") &
  fi
  if as_owner sh -c 'test -w . && test -w vendor' 2>/dev/null; then emit owner_writable yes; else emit owner_writable no; fi
fi
for f in composer.json composer.lock vendor/composer/installed.json bin/magento app/etc; do
  if [ -e "$f" ]; then emit "has:$f" yes; else emit "has:$f" no; fi
done
# Which files of the backup hold credentials: names and kinds only, never a value. The DMT's etc/**/config.xml keeps
# the source and destination database passwords and Magento 1's crypt_key; composer.json may keep repository keys.
if [ "${DMT_SECRETS_PROBE:-no}" = yes ]; then
  if [ -d "$DMT_DIR/etc" ]; then
    reader=
    [ "$can_run_as_owner" = yes ] && reader=as_owner
    { $reader grep -rlE 'password="[^"]|<password>[[:space:]]*[^<[:space:]]' "$DMT_DIR/etc" 2>/dev/null | sed 's/$/	database password/'
      $reader grep -rlE '<crypt_key>[[:space:]]*[^<[:space:]]' "$DMT_DIR/etc" 2>/dev/null | sed 's/$/	crypt_key/'
    } | sort -s -t '	' -k 1,1 | awk -F '\t' '$1 != f { if (f != "") print "secret_file=" f " (" k ")"; f = $1; k = $2; next }
                            { k = k ", " $2 } END { if (f != "") print "secret_file=" f " (" k ")" }'
  fi
  if grep -qE '"(http-basic|bearer|github-oauth|gitlab-oauth|gitlab-token|bitbucket-oauth)"' composer.json 2>/dev/null; then
    emit secret_file "composer.json (Composer repository credentials)"
  fi
  if [ "${DMT_FULL_BACKUP:-no}" = yes ] && [ -f app/etc/env.php ]; then
    emit secret_file "app/etc/env.php (database password, crypt key; in bin/magento setup:backup's code backup on the host)"
  fi
fi
emit php "$(command -v php 2>/dev/null)"
if command -v php >/dev/null 2>&1; then
  read_versions 2>/dev/null
  read_lock_facts 2>/dev/null
  if [ -e bin/magento ] && [ ! -e composer.lock ] && [ ! -e vendor/composer/installed.json ]; then
    emit_text magento_cli "$(php bin/magento --version --no-ansi 2>&1 | tail -n 1)"
  fi
fi
emit dmt_kb "$(du -sk "$DMT_DIR" 2>/dev/null | cut -f1)"
if [ -d var ]; then space=var; else space=.; fi
emit free_kb "$(df -Pk "$space" 2>/dev/null | awk 'NR==2 {print $4}')"
if [ -d "$DMT_STATE/lock" ]; then
  emit_text lock_holder "$(cat "$DMT_STATE/lock/holder" 2>/dev/null)"
  emit_text lock_since "$(cat "$DMT_STATE/lock/since" 2>/dev/null)"
  emit_text lock_expires "$(cat "$DMT_STATE/lock/expires" 2>/dev/null)"
  emit_text lock_pid "$(cat "$DMT_STATE/txn.pid" 2>/dev/null)"
  emit lock_alive "$(txn_alive)"
fi
emit now "$(date +%s)"
if [ -f "$DMT_STATE/result" ]; then
  sed 's/^/previous_/' "$DMT_STATE/result"
fi
wait
if [ -f "$tmp/ask.rc" ]; then ask_report "$tmp/ask"; fi
if [ -f "$tmp/magento.rc" ]; then
  emit magento_cli_before_exit "$(cat "$tmp/magento.rc")"
  emit_text magento_cli_before "$(tail -n 1 "$tmp/magento.out")"
  emit_text magento_cli_before_error "$(cat "$tmp/magento.out" "$tmp/magento.err" | grep -v '^ *$' | head -n 3)"
  emit_text mage_mode "$(cat "$tmp/mode" 2>/dev/null)"
fi
if [ -f "$tmp/tools" ]; then grep -E '^(tool_missing|tools)=' "$tmp/tools"; fi
if [ "$can_run_as_owner" = yes ] && [ "${DMT_CHECK_COMPOSER:-yes}" = yes ]; then
  emit composer_version "$(composer_version_of "$tmp/version")"
fi
if [ -f "$tmp/show.rc" ]; then
  if [ "$(cat "$tmp/show.rc")" = 0 ]; then
    echo "@@COMPOSER-SHOW@@"
    cat "$tmp/show"
  else
    emit_text available_error "composer show exited $(cat "$tmp/show.rc"): $(grep -v '^ *$' "$tmp/show.err" | tail -n 3)"
  fi
fi
