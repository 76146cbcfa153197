# Shared by every host-side script. The Java side prepends the DMT_* assignments (validated, single-quoted)
# and, when Composer credentials are given, COMPOSER_AUTH from a here-document: never from a command line.
set -u
DMT_PACKAGE=magento/data-migration-tool
DMT_DIR=vendor/magento/data-migration-tool
LC_ALL=C
export LC_ALL

# One fact per line. emit is for values that cannot hold a line break (it forks nothing); emit_text folds them.
emit() { printf '%s=%s\n' "$1" "$2"; }
emit_text() { printf '%s=%s\n' "$1" "$(printf '%s' "$2" | tr '\n\r' '  ')"; }

# Runs "$@" as the Magento file system owner. The Composer credentials travel on the pipe, so that neither
# sudo's command line nor the process list ever holds them.
as_owner() {
  if [ "${DMT_SWITCH:-no}" = yes ]; then
    printf '%s' "${COMPOSER_AUTH:-}" | sudo -n -H -u "$DMT_OWNER" -- sh -c '
      a=$(cat); if [ -n "$a" ]; then COMPOSER_AUTH=$a; export COMPOSER_AUTH; fi
      if [ "$1" = yes ]; then COMPOSER_ALLOW_SUPERUSER=1; export COMPOSER_ALLOW_SUPERUSER; fi
      shift; exec "$@"' dmt-as-owner "${DMT_ALLOW_ROOT:-no}" "$@"
  else
    (
      if [ -n "${COMPOSER_AUTH:-}" ]; then export COMPOSER_AUTH; fi
      if [ "${DMT_ALLOW_ROOT:-no}" = yes ]; then COMPOSER_ALLOW_SUPERUSER=1; export COMPOSER_ALLOW_SUPERUSER; fi
      exec "$@"
    )
  fi
}

# Prints "magento=<version>" and "dmt=<version>" (empty when absent) as installed in the current directory,
# with Magento's own precedence: composer.lock's product package, then magento2-base, then installed.json.
read_versions() {
  php -d display_errors=stderr -r '
    $pick = function (array $pkgs) {
      $v = ["magento" => "", "base" => "", "dmt" => "", "dist_url" => "", "dist_shasum" => "", "dist_type" => ""];
      foreach ($pkgs as $p) {
        if (!is_array($p) || !isset($p["name"], $p["version"])) { continue; }
        if (preg_match("#^magento/product-(community|enterprise)-edition$#", $p["name"])) { $v["magento"] = $p["version"]; }
        elseif ($p["name"] === "magento/magento2-base") { $v["base"] = $p["version"]; }
        elseif ($p["name"] === "magento/data-migration-tool") {
          $v["dmt"] = $p["version"];
          $v["dist_url"] = (string) ($p["dist"]["url"] ?? "");
          $v["dist_shasum"] = (string) ($p["dist"]["shasum"] ?? "");
          $v["dist_type"] = (string) ($p["dist"]["type"] ?? "");
        }
      }
      if ($v["magento"] === "") { $v["magento"] = $v["base"]; }
      return $v;
    };
    $v = ["magento" => "", "dmt" => "", "dist_url" => "", "dist_shasum" => "", "dist_type" => ""]; $src = "";
    $lock = @json_decode((string) @file_get_contents("composer.lock"), true);
    if (is_array($lock)) { $v = $pick(array_merge($lock["packages"] ?? [], $lock["packages-dev"] ?? [])); $src = "composer.lock"; }
    $inst = @json_decode((string) @file_get_contents("vendor/composer/installed.json"), true);
    if (is_array($inst)) {
      $w = $pick(isset($inst["packages"]) ? $inst["packages"] : $inst);
      if ($v["magento"] === "" && $w["magento"] !== "") { $v["magento"] = $w["magento"]; $src = "vendor/composer/installed.json"; }
      if ($v["dmt"] === "") { $v["dmt"] = $w["dmt"]; }
    }
    $dmt = @json_decode((string) @file_get_contents("vendor/magento/data-migration-tool/composer.json"), true);
    $dirVersion = is_array($dmt) && isset($dmt["version"]) ? $dmt["version"] : "";
    if ($v["dmt"] === "") { $v["dmt"] = $dirVersion; }
    echo "php_version=", PHP_VERSION, "\n", "magento=", $v["magento"], "\n", "magento_source=", $src, "\n", "dmt=", $v["dmt"], "\n", "dmt_dir_version=", $dirVersion, "\n",
      "dmt_dist_url=", $v["dist_url"], "\n", "dmt_dist_shasum=", $v["dist_shasum"], "\n", "dmt_dist_type=", $v["dist_type"], "\n";
  '
}

# The version in `composer --version` output ("Composer version 2.5.5 …" or "Composer 2.2.0 …"), or nothing.
composer_version_of() {
  sed -n 's/^Composer \(version \)\{0,1\}\([0-9][0-9.]*\).*/\2/p' "$1" 2>/dev/null | head -n 1
}

# For scripts that already run as the owner: hand the credentials to Composer through the environment only.
composer_env() {
  if [ -n "${COMPOSER_AUTH:-}" ]; then export COMPOSER_AUTH; fi
  if [ "${DMT_ALLOW_ROOT:-no}" = yes ]; then COMPOSER_ALLOW_SUPERUSER=1; export COMPOSER_ALLOW_SUPERUSER; fi
}

# Prints "lock_fresh=yes|no|unreadable" (empty without composer.json and composer.lock), the two hashes, and
# "installed_dev=yes|no|unknown" (empty without vendor/composer/installed.json). Freshness is Composer's own rule
# (Locker::isFresh with Locker::getContentHash): the md5 of the JSON of composer.json's hashed keys, sorted.
read_lock_facts() {
  php -d display_errors=stderr -r '
    $f = ["lock_fresh" => "", "lock_content_hash" => "", "json_content_hash" => "", "installed_dev" => ""];
    $json = @file_get_contents("composer.json");
    $lockText = @file_get_contents("composer.lock");
    if (is_string($json) && is_string($lockText)) {
      $content = json_decode($json, true);
      $lock = json_decode($lockText, true);
      if (!is_array($content) || !is_array($lock)) {
        $f["lock_fresh"] = "unreadable";
      } else {
        $keys = ["name", "version", "require", "require-dev", "conflict", "replace", "provide", "minimum-stability",
                 "prefer-stable", "repositories", "extra"];
        $hashed = [];
        foreach (array_intersect($keys, array_keys($content)) as $k) { $hashed[$k] = $content[$k]; }
        if (isset($content["config"]["platform"])) { $hashed["config"]["platform"] = $content["config"]["platform"]; }
        ksort($hashed);
        $f["json_content_hash"] = md5(json_encode($hashed, 0));
        if (!empty($lock["content-hash"])) {
          $f["lock_content_hash"] = (string) $lock["content-hash"];
          $fresh = $f["json_content_hash"] === $lock["content-hash"];
        } elseif (!empty($lock["hash"])) {
          $fresh = md5($json) === $lock["hash"];
        } else {
          $fresh = false;
        }
        $f["lock_fresh"] = $fresh ? "yes" : "no";
      }
    }
    $installed = @file_get_contents("vendor/composer/installed.json");
    if (is_string($installed)) {
      $i = json_decode($installed, true);
      $f["installed_dev"] = is_array($i) && isset($i["dev"]) && is_bool($i["dev"]) ? ($i["dev"] ? "yes" : "no") : "unknown";
    }
    foreach ($f as $k => $v) { echo $k, "=", $v, "\n"; }
  '
}

# Paths left out of the before/after listing of the root: the state directory and what the running shop writes
# by itself (caches, sessions, logs, generated code, static and media files), which Composer never writes.
DMT_VOLATILE="var/cache var/page_cache var/session var/log var/report var/tmp generated pub/static pub/media"
listing_exclusions() {
  case "$DMT_STATE" in "$DMT_ROOT"/*) printf '%s\n' "${DMT_STATE#"$DMT_ROOT"/}" ;; esac
  printf '%s\n' $DMT_VOLATILE
}

# One PHP process walks the root (the current directory) without following links.
#   tree_listing write FILE EXCLUDED...    records type, mode, owner, group, size and mtime (files), target (links)
#   tree_listing restore FILE EXCLUDED...  deletes what was not there before, then compares with FILE and prints
#                                          "checked=N" and one "differs=WHAT PATH" per path that is not as before
#   tree_listing compare FILE EXCLUDED...  the same comparison, deleting nothing
tree_listing() {
  php -d display_errors=stderr -d memory_limit=-1 -r '
    $skip = array_flip(array_slice($argv, 3));
    $walk = function () use ($skip) {
      $out = []; $todo = ["."];
      while ($todo) {
        $dir = array_pop($todo);
        $names = scandir($dir);
        if ($names === false) { fwrite(STDERR, "cannot list " . $dir . "\n"); exit(2); }
        foreach ($names as $n) {
          if ($n === "." || $n === "..") { continue; }
          $p = $dir === "." ? $n : $dir . "/" . $n;
          if (isset($skip[$p])) { continue; }
          $s = lstat($p);
          if ($s === false) { continue; }
          $t = $s["mode"] & 0170000;
          if ($t === 0120000) { $out[$p] = ["link", 0, $s["uid"], $s["gid"], 0, 0, readlink($p)]; continue; }
          $kind = $t === 0040000 ? "dir" : ($t === 0100000 ? "file" : "other");
          $file = $kind === "file";
          $out[$p] = [$kind, $s["mode"] & 07777, $s["uid"], $s["gid"], $file ? $s["size"] : 0, $file ? $s["mtime"] : 0, ""];
          if ($kind === "dir") { $todo[] = $p; }
        }
      }
      return $out;
    };
    $remove = function ($p) use (&$remove) {
      if (!is_link($p) && is_dir($p)) {
        foreach (scandir($p) ?: [] as $n) { if ($n !== "." && $n !== "..") { $remove($p . "/" . $n); } }
        return @rmdir($p);
      }
      return @unlink($p);
    };
    if ($argv[1] === "write") {
      $now = $walk();
      if (file_put_contents($argv[2], serialize($now)) === false) { exit(2); }
      echo "listed=", count($now), "\n";
      exit(0);
    }
    $before = unserialize((string) file_get_contents($argv[2]));
    if (!is_array($before)) { fwrite(STDERR, "cannot read the listing " . $argv[2] . "\n"); exit(2); }
    if ($argv[1] === "restore") {
      foreach (array_diff_key($walk(), $before) as $p => $e) {
        if (file_exists($p) || is_link($p)) { $remove($p); }
      }
    }
    $now = $walk();
    $names = ["type", "mode", "owner", "group", "size", "mtime", "link target"];
    echo "checked=", count($before), "\n";
    foreach ($before as $p => $e) {
      if (!isset($now[$p])) { echo "differs=removed ", $p, "\n"; continue; }
      $what = [];
      foreach ($e as $i => $v) { if ($now[$p][$i] !== $v) { $what[] = $names[$i]; } }
      if ($what) { echo "differs=", implode(",", $what), " ", $p, "\n"; }
    }
    foreach (array_diff_key($now, $before) as $p => $e) { echo "differs=added ", $p, "\n"; }
  ' -- "$@"
}

# Field 22 of /proc/PID/stat (the start time, in clock ticks since boot), or nothing. The command name before it may
# hold spaces and parentheses, so the fields are counted from its last ')'.
proc_start() {
  sed -n 's/^.*) //p' "/proc/$1/stat" 2>/dev/null | cut -d ' ' -f 20
}

# Whether PID is still the host-side transaction of $DMT_STATE: yes, no, or unknown. Linux lets any user read
# /proc/PID/stat and /proc/PID/cmdline, where kill -0 on another user's process fails with EPERM whether it runs or
# not; the start time recorded in txn.start tells a reused pid apart, and the command line names the script. Without
# /proc only kill -0 remains, which is conclusive for the owner (the scripts that change anything run as the owner).
is_transaction() {
  case "$1" in ''|*[!0-9]*) echo no; return ;; esac
  if [ -r /proc/self/stat ]; then
    started=$(proc_start "$1")
    recorded=$(cat "$DMT_STATE/txn.start" 2>/dev/null)
    if [ -z "$started" ] || { [ -n "$recorded" ] && [ "$recorded" != "$started" ]; }; then echo no
    elif tr '\000' '\n' < "/proc/$1/cmdline" 2>/dev/null | grep -qxF "$DMT_STATE/transaction.sh"; then echo yes
    else echo no; fi
  elif kill -0 "$1" 2>/dev/null; then echo yes
  elif [ "$(id -u)" = 0 ] || [ "$(id -un)" = "${DMT_OWNER:-}" ]; then echo no
  else echo unknown; fi
}

# The same for the transaction recorded in the state directory.
txn_alive() {
  is_transaction "$(cat "$DMT_STATE/txn.pid" 2>/dev/null)"
}
