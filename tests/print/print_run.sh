#!/usr/bin/env bash
# print_run.sh: one printed-slip test. Starts the printer emulator (MODE), writes a
# kiosk.conf that points [printer] at it, runs the kiosk headless on SCRIPT, then
# reads the job the emulator received with print_check (extra arguments are its
# checks; relative paths are in the case's folder, where the script's dumps land).
# For a printer that reports a problem, or refuses the connection, no slip may have
# been sent at all (status requests only).
# usage: print_run.sh SIGNPOST PRINT_CHECK PRINTER_EMU CONFIG STORE OUT CASE SCRIPT
#                     PAPER(58|80) QR(native|raster) MODE LANGUAGE [print_check args...]
set -u
signpost=$1 check=$2 emu=$3 config=$4 store=$5 out=$6 case=$7 script=$8 paper=$9
qr=${10} mode=${11} lang=${12}
shift 12
# --no-slip first: the script prints nothing (the staff screen's printer check), so
# only status requests may reach the printer, whatever it answers.
no_slip=0
[ "${1:-}" = --no-slip ] && { no_slip=1; shift; }
dir=$out/print-$case
rm -rf "$dir" && mkdir -p "$dir" || exit 2
"$emu" "$mode" "$dir/port" "$dir/job" &
emu_pid=$!
trap 'kill $emu_pid 2>/dev/null; wait $emu_pid 2>/dev/null' EXIT
for _ in $(seq 100); do [ -f "$dir/port" ] && break; sleep 0.05; done
[ -f "$dir/port" ] || { echo "print_run: the printer emulator did not start"; exit 2; }
port=$(cat "$dir/port")
confdir=$(cd "$(dirname "$config")" && pwd)
# The sample configuration with its relative paths made absolute, and its [printer]
# pointed at the emulator.
sed -E -e "s#^(public_key|audit_log|content|outbox)[[:space:]]*=[[:space:]]*([^/[:space:]].*)\$#\\1 = $confdir/\\2#" \
    -e "s#^device[[:space:]]*=.*#device = tcp:127.0.0.1:$port#" \
    -e "s#^paper[[:space:]]*=.*#paper = $paper#" -e "s#^qr[[:space:]]*=.*#qr = $qr#" \
    "$config" > "$dir/kiosk.conf"
grep -q "^device = tcp:" "$dir/kiosk.conf" || { echo "print_run: no [printer] device in $config"; exit 2; }
lang_args=()
[ "$lang" != "-" ] && lang_args=(--language "$lang")
start=$(date +%s%N)
(cd "$dir" && "$signpost" --headless --date 2026-11-22 --size 1920x1080 --config kiosk.conf \
    --store "$store" --outbox outbox.db "${lang_args[@]}" --script "$script") > "$dir/kiosk.log" 2>&1
rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
cat "$dir/kiosk.log"
echo "print_run: the kiosk ran the script in $ms ms (exit $rc)"
[ $rc -eq 0 ] || exit 1
# The usage figures count the outcome, for the PALS report's printer health: a slip
# printed, or not printed with the printer's problem as a fixed word.
want=print item=
[ "$mode" != ok ] && want=print-failed
[ "$mode" != ok ] && [ "$mode" != dead ] && item=$mode
n=$(sqlite3 "$dir/outbox.db" "SELECT coalesce(sum(count), 0) FROM usage_count WHERE metric = '$want'${item:+ AND item = '$item'}")
if [ $no_slip = 0 ] && [ "${n:-0}" -lt 1 ]; then
    echo "print_run: the usage figures did not count '$want' ${item}"
    exit 1
fi
[ $no_slip = 0 ] && echo "print_run: the usage figures counted '$want' ${item} ($n)"
if [ "$mode" != ok ] || [ $no_slip = 1 ]; then
    for _ in $(seq 20); do [ -f "$dir/job-1.bin" ] && break; sleep 0.05; done
    if [ -f "$dir/job-1.bin" ] && LC_ALL=C grep -q $'\x1b@' "$dir/job-1.bin"; then
        echo "print_run: the printer said '$mode', but the slip was sent anyway"
        exit 1
    fi
    echo "print_run: printer '$mode': no slip sent, and the screen said so"
    exit 0
fi
for _ in $(seq 100); do [ -f "$dir/job-1.bin" ] && break; sleep 0.05; done
dots=576
[ "$paper" = 58 ] && dots=384
cd "$dir" && "$check" job-1.bin $dots slip.png "$@"
