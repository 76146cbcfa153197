# Run by the preflight as the owner, who runs the scripts that change anything: is every tool they use there, with
# the options they use? Changes nothing (a private temporary directory, removed). One "tool_missing=" line per gap,
# then "tools=checked". Each probe is the way the scripts call the tool, so a tool that exists but lacks an option
# (BusyBox's tar has no --null -T) counts as missing.
LC_ALL=C
export LC_ALL
gap() { printf 'tool_missing=%s\n' "$1"; }
has() { command -v "$1" >/dev/null 2>&1; }
for tool in cat cut date df du find grep head id ls mkdir mktemp mv rm sed sleep sort tail tar tee tr wc xargs \
            awk comm sha1sum sha256sum setsid; do
  has "$tool" || gap "$tool"
done
d=$(mktemp -d 2>/dev/null)
if [ -z "$d" ] || [ ! -d "$d" ]; then gap "mktemp -d"; echo tools=checked; exit 0; fi
trap 'rm -rf "$d"' EXIT
cd "$d" || exit 0
mkdir -p a/b x && printf 'one\n' > a/b/f && printf 'one\ntwo\n' > l1 && printf 'two\n' > l2
[ "$(find a -type f -print0 2>/dev/null | tr '\000' '|')" = "a/b/f|" ] || gap "find -print0"
[ "$(printf 'b\000a\000' | sort -z 2>/dev/null | tr '\000' '|')" = "a|b|" ] || gap "sort -z"
[ "$(printf 'a/b/f\000' | xargs -0 -r cat 2>/dev/null)" = one ] && printf '' | xargs -0 -r false 2>/dev/null \
  || gap "xargs -0 -r"
find a -type f -print0 2>/dev/null | xargs -0 sha256sum > m 2>/dev/null
[ -s m ] && [ -z "$(sha256sum -c --quiet --strict m 2>&1)" ] || gap "sha256sum -c --quiet --strict"
[ "$(printf x | sha1sum 2>/dev/null | cut -c 1-40)" = 11f6ad8ec52a2984abaafd7c3b516503785c2072 ] || gap "sha1sum"
find a -print0 2>/dev/null > files
if ! { tar -czf t.tgz --no-recursion --null -T files m >/dev/null 2>&1 && [ "$(tar -tzf t.tgz 2>/dev/null | wc -l | tr -d ' ')" = 4 ]; }; then
  gap "tar -czf with --no-recursion --null -T (and gzip)"
else
  { (cd x && tar -xpzf ../t.tgz --exclude=m 2>/dev/null) && [ -f x/a/b/f ] && [ ! -e x/m ]; } || gap "tar -xpzf --exclude"
  [ "$(tar -xzOf t.tgz m 2>/dev/null)" = "$(cat m)" ] || gap "tar -xzOf"
fi
if has comm; then [ "$(comm -23 l1 l2)" = one ] && [ -z "$(comm -13 l1 l2)" ] || gap "comm -23 / -13"; fi
[ "$(awk 'NR == FNR { n++; next } { print n, substr($0, 2), length(p) }' p=ab l1 l2 2>/dev/null)" = "2 wo 2" ] || gap "awk"
[ "$(printf 'Composer version 2.7.1 x\n' | sed -n 's/^Composer \(version \)\{0,1\}\([0-9][0-9.]*\).*/\2/p' 2>/dev/null)" = 2.7.1 ] \
  || gap "sed"
[ "$(printf 'abcdef' | tail -c +3 2>/dev/null)" = cdef ] && [ "$(printf '1\n2\n3\n' | tail -n 1 2>/dev/null)" = 3 ] \
  || gap "tail -c +N / -n N"
[ "$(printf '1\n2\n' | head -n 1 2>/dev/null)" = 1 ] || gap "head -n"
case "$(du -sk a 2>/dev/null | cut -f1)" in ''|*[!0-9]*) gap "du -sk" ;; esac
case "$(df -Pk . 2>/dev/null | awk 'NR == 2 { print $4 }')" in ''|*[!0-9]*) gap "df -Pk" ;; esac
case "$(date +%s 2>/dev/null)$(date -u +%Y-%m-%dT%H:%M:%SZ 2>/dev/null)" in [0-9]*Z) ;; *) gap "date +%s / -u" ;; esac
[ -n "$(id -un 2>/dev/null)" ] || gap "id -un"
[ "$(ls -A a 2>/dev/null)" = b ] || gap "ls -A"
printf 'x' | tee t >/dev/null 2>&1 && [ "$(cat t)" = x ] || gap "tee"
sleep 0.01 2>/dev/null || gap "sleep with a fraction of a second"
if has setsid; then setsid true </dev/null >/dev/null 2>&1 || gap "setsid (it does not run)"; fi
if [ "${DMT_ENCRYPT:-no}" = yes ]; then
  # The backup is encrypted as the archive documents it: OpenSSL 1.1.1 or newer (-pbkdf2). A probe word, no secret.
  [ "$(printf x | openssl enc -aes-256-cbc -pbkdf2 -iter 1 -md sha256 -salt -pass pass:probe 2>/dev/null \
      | openssl enc -d -aes-256-cbc -pbkdf2 -iter 1 -md sha256 -pass pass:probe 2>/dev/null)" = x ] \
    || gap "openssl enc -aes-256-cbc -pbkdf2 (OpenSSL 1.1.1 or newer), to encrypt the backup"
fi
echo tools=checked
