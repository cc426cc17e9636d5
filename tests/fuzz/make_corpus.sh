#!/usr/bin/env bash
# make_corpus.sh OUT [SIGNPOSTCTL]: writes seed corpora for the fuzz targets into
# OUT/content and OUT/oruk, from the sample content and the test data.
#   content: one seed per content file: a first byte naming the file (its place in
#            fuzz_content.c's `base` list, which this list must follow) and its bytes.
#   oruk:    the ORUK JSON fixture, a few small documents and, when SIGNPOSTCTL is
#            given, the sample content exported as ORUK JSON.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$1"
ctl="${2:-}"
rm -rf "$out"
mkdir -p "$out/content" "$out/oruk"

names=(site.ini buildings.csv floors.csv waypoints.csv paths.csv destination_types.csv
       destinations.csv kiosks.csv plans.csv categories.csv organizations.csv services.csv
       schedules.csv pages)
n=0
seed() { # seed INDEX FILE
  local f="$out/content/seed-$n"
  printf "\\$(printf '%03o' "$1")" > "$f"
  cat "$2" >> "$f"
  n=$((n + 1))
}
for i in "${!names[@]}"; do
  name="${names[$i]}"
  if [ "$name" = pages ]; then
    for page in "$root"/content/pages/*.md "$root"/tests/data/pages/*/*.md; do
      [ -f "$page" ] && seed "$i" "$page"
    done
    continue
  fi
  for src in "$root/content" "$root"/tests/data/content-bad/* "$root"/tests/data/directory/*; do
    [ -f "$src/$name" ] && seed "$i" "$src/$name"
  done
done

cp "$root/tests/data/oruk/v3-json/services.json" "$out/oruk/v3.json"
printf '[]' > "$out/oruk/empty-list.json"
printf '{"contents": [{"id": "a", "name": "A", "status": "active"}]}' > "$out/oruk/page.json"
printf '[{"id": "a", "name": "A", "organization_id": "missing"}, 7]' > "$out/oruk/broken.json"
if [ -n "$ctl" ] && [ -x "$ctl" ]; then
  "$ctl" content export-oruk "$root/content" -o "$out/oruk/sample.json" >/dev/null
fi
echo "seeds: $n content, $(ls "$out/oruk" | wc -l) oruk"
