# Composer decides first: `composer require --dry-run` as the owner, with the credentials and the flags of the real
# run (transaction.sh), before anything is locked or written. Defines functions only; preflight.sh starts the ask in
# the background as soon as the target is known, ask-run.sh when the engine chose the target after the preflight.

# ask_composer TARGET PREFIX: Composer's output in PREFIX.out, its exit status in PREFIX.rc, the flags in PREFIX.flags.
# TARGET is a release, or a constraint such as ~2.4.6.0 (see preflight.sh).
ask_composer() {
  # The real run keeps a site without dev packages so (--update-no-dev); the same rule as read_lock_facts.
  no_dev=$(php -r '$i = json_decode((string) @file_get_contents("vendor/composer/installed.json"), true);
    echo is_array($i) && array_key_exists("dev", $i) && $i["dev"] === false ? "yes" : "no";' 2>/dev/null)
  if [ "$no_dev" = yes ]; then set -- "$1" "$2" --update-no-dev; else set -- "$1" "$2"; fi
  prefix=$2
  target=$1
  shift 2
  printf '%s\n' "$target" > "$prefix.target"
  printf '%s\n' "$*" > "$prefix.flags"
  as_owner $DMT_COMPOSER require "$DMT_PACKAGE:$target" --dry-run --no-interaction --no-ansi --no-progress "$@" \
    > "$prefix.out" 2>&1 </dev/null
  echo $? > "$prefix.rc"
}

# ask_report PREFIX: Composer's verdict as facts. Its "Problem N" blocks and its operations, each once (a
# require lists them for the lock file and again for vendor/); for another failure, its last lines.
ask_report() {
  emit_text ask_target "$(cat "$1.target" 2>/dev/null)"
  emit ask_exit "$(cat "$1.rc" 2>/dev/null)"
  emit_text ask_flags "$(cat "$1.flags" 2>/dev/null)"
  awk '/^ *Problem [0-9]+/ { p = 1 }
       p && /^ *$/ { p = 0 }
       p { print "ask_problem=" $0; next }
       /^ *- (Installing|Upgrading|Downgrading|Removing|Updating) / {
         sub(/^ *- /, ""); if (!seen[$0]++) print "ask_operation=" $0 }' "$1.out" 2>/dev/null
  if [ "$(cat "$1.rc" 2>/dev/null)" != 0 ]; then
    emit_text ask_error "$(grep -v '^ *$' "$1.out" 2>/dev/null | tail -n 4)"
  fi
}
