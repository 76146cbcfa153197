# The ask on its own, for a target the engine chose after the preflight: as the SSH user, switching to the owner.
cd "$DMT_ROOT" || { emit ask_exit "cannot enter $DMT_ROOT"; exit 0; }
ask_tmp=$(mktemp -d) || exit 3
trap 'rm -rf "$ask_tmp"' EXIT
ask_composer "$DMT_ASK_TARGET" "$ask_tmp/ask"
ask_report "$ask_tmp/ask"
