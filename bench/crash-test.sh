#!/usr/bin/env bash
# Crash test (issue 15): starts the web app on a SQLite file, sends bursts of writes that each carry
# an Idempotency-Key, kills the app with SIGKILL in the middle of a burst, restarts it and retries
# every key. Reports writes acknowledged (201 before the kill) against writes present afterwards,
# keys stuck (anything but a replay or a first run on retry), duplicates, and the ledger's verdict.
#   bench/crash-test.sh [ROUNDS=100] [BURST=20]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-100}
burst=${2:-20}
work=$(mktemp -d /tmp/custody-crash.XXXXXX)
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
password="Crash-Test-Password-1!"

dotnet build -c Release src/Custody.Web -nologo -v q >/dev/null
dotnet build -c Release src/Custody.Cli -nologo -v q >/dev/null
app=src/Custody.Web/bin/Release/net10.0/Custody.Web.dll
cli=src/Custody.Cli/bin/Release/net10.0/custody.dll
[ -f "$cli" ] || cli=$(ls src/Custody.Cli/bin/Release/net10.0/*.Cli.dll 2>/dev/null | head -n 1)

pid=""
start_app() {
  ASPNETCORE_ENVIRONMENT=Development dotnet "$app" --urls "$base" --ConnectionStrings:Custody "$work/custody.db" \
    --Custody:DataDirectory "$work" --Custody:DemoPassword "$password" --Custody:DeliverNotifications false \
    --Custody:Log:Publish false --Custody:WatchDeadlines false --Custody:SignInAttemptsPerMinute 1000000 --Custody:SignInAttemptsPerAccountPerMinute 1000000 \
    --Custody:ReadsPerUserPerMinute 1000000 >>"$work/app.log" 2>&1 &
  pid=$!
  until curl -sf "$base/health" >/dev/null 2>&1; do sleep 0.1; done
}
token() {
  curl -sf -X POST "$base/api/auth/token" -H 'content-type: application/json' \
    -d "{\"email\":\"transfer-supervisor@demo.custody.example\",\"password\":\"$password\"}" | jq -r .accessToken
}
body() { echo "{\"agreementId\":\"us-sv-2025\",\"carrier\":\"Crash $1\",\"movement\":\"CR1\",\"originFacilityId\":\"us-processing-centre\",\"destinationFacilityId\":\"sv-cecot\",\"scheduledDeparture\":\"2030-01-01T00:00:00Z\"}"; }
send() { # key token out-prefix
  curl -s -o "$3.body" -w '%{http_code}' -X POST "$base/api/manifests" -H "authorization: Bearer $2" \
    -H 'content-type: application/json' -H "Idempotency-Key: $1" -d "$(body "$1")" >"$3.status" 2>/dev/null || echo 000 >"$3.status"
}

acknowledged=0; present=0; lost=0; stuck=0; sent=0
start_app
for round in $(seq 1 "$rounds"); do
  bearer=$(token)
  dir="$work/round-$round"; mkdir -p "$dir"
  for i in $(seq 1 "$burst"); do send "r$round-k$i" "$bearer" "$dir/k$i" & done
  sleep "0.$((RANDOM % 40 + 5))"
  kill -9 "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  start_app
  bearer=$(token)
  for i in $(seq 1 "$burst"); do
    sent=$((sent + 1))
    first=$(cat "$dir/k$i.status")
    send "r$round-k$i" "$bearer" "$dir/k$i.retry"
    again=$(cat "$dir/k$i.retry.status")
    if [ "$first" = 201 ]; then
      acknowledged=$((acknowledged + 1))
      # An acknowledged write must be there: the retry replays the very answer.
      if [ "$again" = 201 ] && cmp -s "$dir/k$i.body" "$dir/k$i.retry.body"; then present=$((present + 1)); else lost=$((lost + 1)); fi
    fi
    [ "$again" = 201 ] || stuck=$((stuck + 1))
  done
done
kill -9 "$pid" 2>/dev/null || true
wait 2>/dev/null || true
# Counted in the database itself (the manifests API lists the latest 500 only).
read -r manifests duplicates < <(python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT Carrier, COUNT(*) FROM Manifests WHERE Carrier LIKE ? GROUP BY Carrier", ("Crash %",)).fetchall()
print(sum(n for _, n in rows), sum(1 for _, n in rows if n > 1))' "$work/custody.db")
verify=$(dotnet "$cli" ledger verify --database "$work/custody.db" --json 2>&1 | tail -n 1)
echo "rounds $rounds, burst $burst: sent $sent, acknowledged before the kill $acknowledged, present after restart $present, lost $lost"
echo "keys not answered 201 on retry (stuck or failed): $stuck; manifests $manifests for $sent keys; carriers created twice: $duplicates"
echo "ledger verify: $verify"
rm -rf "$work"
[ "$lost" -eq 0 ] && [ "$stuck" -eq 0 ] && [ "$duplicates" -eq 0 ] && [ "$manifests" -eq "$sent" ]
