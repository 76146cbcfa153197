# Streams the transaction's log until it ends, then prints its result after a marker line.
i=0
while [ ! -s "$DMT_STATE/txn.pid" ]; do
  i=$((i + 1))
  if [ $i -gt 1500 ]; then echo "the host-side transaction did not start" >&2; exit 7; fi
  sleep 0.02
done
tail -n +1 -s 0.05 -f --pid="$(cat "$DMT_STATE/txn.pid")" "$DMT_STATE/txn.log"
while [ ! -f "$DMT_STATE/result" ] && kill -0 "$(cat "$DMT_STATE/txn.pid")" 2>/dev/null; do sleep 0.1; done
echo "@@DMT-RESULT@@"
# Another follower (an abandoned one whose connection was cut) may have taken the result first: it is still ours.
cat "$DMT_STATE/result" 2>/dev/null || cat "$DMT_STATE/result.reported" 2>/dev/null
mv "$DMT_STATE/result" "$DMT_STATE/result.reported" 2>/dev/null || true
