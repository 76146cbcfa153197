# Read-only: every fact the engine needs, in one round trip, as key=value lines.
emit ssh_user "$(id -un)"
if ! cd "$DMT_ROOT" 2>/dev/null; then emit root_exists no; exit 0; fi
emit root_exists yes
for f in composer.json composer.lock bin/magento app/etc; do
  if [ -e "$f" ]; then emit "has:$f" yes; else emit "has:$f" no; fi
done
owner=${DMT_OWNER:-$(stat -c %U . 2>/dev/null)}
DMT_OWNER=$owner
emit owner "$owner"
emit php "$(command -v php 2>/dev/null)"
if command -v php >/dev/null 2>&1; then
  emit php_version "$(php -r 'echo PHP_VERSION;' 2>/dev/null)"
  read_versions 2>/dev/null
  if [ -e bin/magento ] && [ ! -e composer.lock ] && [ ! -e vendor/composer/installed.json ]; then
    emit magento_cli "$(php bin/magento --version --no-ansi 2>&1 | tail -n 1)"
  fi
fi
me=$(id -un)
DMT_SWITCH=no
if [ -n "$owner" ] && [ "$owner" != "$me" ]; then
  DMT_SWITCH=yes
  if ! command -v sudo >/dev/null 2>&1; then emit sudo "missing"
  elif sudo -n -u "$owner" true 2>/dev/null; then emit sudo ok
  else emit sudo denied; fi
fi
emit switch "$DMT_SWITCH"
if [ "$DMT_SWITCH" = no ] || sudo -n -u "$owner" true 2>/dev/null; then
  emit composer_version "$(as_owner $DMT_COMPOSER --version --no-ansi 2>/dev/null | sed -n 's/^Composer \(version \)\{0,1\}\([0-9][0-9.]*\).*/\2/p' | head -n 1)"
  if as_owner test -w . && as_owner test -w vendor 2>/dev/null; then emit owner_writable yes; else emit owner_writable no; fi
fi
emit dmt_kb "$(du -sk "$DMT_DIR" 2>/dev/null | cut -f1)"
mkdir_parent=var; [ -d var ] || mkdir_parent=.
emit free_kb "$(df -Pk "$mkdir_parent" 2>/dev/null | awk 'NR==2 {print $4}')"
if [ -d "$DMT_STATE/lock" ]; then
  emit lock_holder "$(cat "$DMT_STATE/lock/holder" 2>/dev/null)"
  emit lock_since "$(cat "$DMT_STATE/lock/since" 2>/dev/null)"
  emit lock_expires "$(cat "$DMT_STATE/lock/expires" 2>/dev/null)"
  pid=$(cat "$DMT_STATE/txn.pid" 2>/dev/null)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then emit lock_alive yes; else emit lock_alive no; fi
fi
emit now "$(date +%s)"
if [ -f "$DMT_STATE/result" ]; then
  sed 's/^/previous_/' "$DMT_STATE/result"
fi
if [ "${DMT_LIST_VERSIONS:-no}" = yes ] && [ "$DMT_SWITCH" = no -o "$(sudo -n -u "$owner" true 2>/dev/null && echo ok)" = ok ]; then
  err=$(mktemp)
  out=$(as_owner $DMT_COMPOSER show --all --format=json --no-interaction --no-ansi "$DMT_PACKAGE" 2>"$err")
  rc=$?
  if [ $rc -eq 0 ]; then
    emit available "$(printf '%s' "$out" | php -r '$j = json_decode(stream_get_contents(STDIN), true); echo is_array($j) ? implode(",", $j["versions"] ?? []) : "";')"
  else
    emit available_error "composer show exited $rc: $(grep -v "^ *$" "$err" | tail -n 3)"
  fi
  rm -f "$err"
fi
