#!/usr/bin/env python3
"""map_check.py DUMP MIN_SHARE [STEP_DUMP]: the destination screen's map (element `map`)
covers at least MIN_SHARE of the screen; with STEP_DUMP, the highlighted step
(`map-step`) lies inside the map. Prints PASS or FAIL lines; exits 1 on a failure."""
import json
import sys


def element(d, ident):
    for e in d["elements"]:
        if e["id"] == ident:
            return e
    return None


def main():
    dump = json.load(open(sys.argv[1]))
    need = float(sys.argv[2])
    failed = 0
    m = element(dump, "map")
    if not m:
        print("FAIL: no element 'map' in", sys.argv[1])
        return 1
    x, y, w, h = m["rect"]
    share = w * h / (dump["width"] * dump["height"])
    ok = share >= need
    failed += not ok
    print("%s: map %dx%d covers %.1f %% of %dx%d (at least %.0f %%)" % (
        "PASS" if ok else "FAIL", w, h, share * 100, dump["width"], dump["height"], need * 100))
    # The legend (six symbols, under the map) and, on this floor, numbered rooms whose
    # names are in the key beside the map.
    legend = [i for i in range(1, 7) if element(dump, "map-legend-%d" % i)]
    keyed = [e for e in dump["elements"] if e["id"].startswith("map-key-") and e["id"][8:].isdigit()]
    ok = len(legend) == 6 and len(keyed) > 0 and all(e["label"] for e in keyed)
    failed += not ok
    print("%s: legend has %d of 6 symbols; %d numbered rooms named in the key" % (
        "PASS" if ok else "FAIL", len(legend), len(keyed)))
    if len(sys.argv) > 3:
        s = json.load(open(sys.argv[3]))
        st = element(s, "map-step")
        inside = st and st["rect"][0] >= x - 40 and st["rect"][1] >= y - 40 and \
            st["rect"][0] + st["rect"][2] <= x + w + 40 and st["rect"][1] + st["rect"][3] <= y + h + 40
        failed += not inside
        print("%s: the tapped step's part of the route is on the map: %s" % (
            "PASS" if inside else "FAIL", st["rect"] if st else "missing"))
    print("map_check: %d failed" % failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
