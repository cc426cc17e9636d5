#!/usr/bin/env python3
"""oruk_export_check.py: the Open Referral UK export read as a strict consumer reads it.

Exports the content folder with signpostctl (JSON, then CSV tables) and checks:

- JSON: every service against service.json of the official HSDS 3.0 schemas and of the
  ORUK 3.0 profile (tests/data/oruk-schema), with the python3-jsonschema library
  (Debian's package: an independent check of the small validator test_oruk_schema
  uses), formats (uuid, email, uri, date, date-time) enforced, not only annotated.
- CSV: the folder's own datapackage.json names every table, its columns, types,
  formats and keys as HSDS 3.0's does; the folder as a Tabular Data Package against each
  standard's datapackage.json: every file is a table of HSDS 3.0 under the standard's
  file name and every column a field of that table; then, for HSDS 3.0 and for the UK profile (whose tables are
  matched by name: its copy spells three file names in the singular), every field the
  table requires is a column with a value in every row, values have the field's type,
  format and allowed values, unique fields and primary keys do not repeat, and every
  foreign key lands on a row of the table it names.

Usage: oruk_export_check.py SIGNPOSTCTL CONTENT_DIR SCHEMA_DIR WORK_DIR
Prints each problem and exits 1 when there is any; 0 otherwise.
"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import warnings

try:
    import jsonschema
except ImportError:
    print("oruk_export_check: the Python module jsonschema is missing; install Debian's "
          "python3-jsonschema (bash .ci/setup does)", file=sys.stderr)
    sys.exit(1)

PROFILES = ("hsds-3.0", "uk-3.0")

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$")
DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
INTEGER = re.compile(r"^-?\d+$")

problems = []


def problem(text):
    problems.append(text)
    print("  " + text)


# ==== JSON ====

def format_checker():
    fc = jsonschema.FormatChecker(formats=())
    for name, rx in (("uuid", UUID), ("email", EMAIL), ("uri", URI), ("date", DATE),
                     ("date-time", DATETIME)):
        fc.checks(name)(lambda value, rx=rx: not isinstance(value, str) or bool(rx.match(value)))
    return fc


def validator_for(folder):
    """A validator for service.json of `folder` that follows "$ref": "x.json" to the
    folder's other files, with whichever API this jsonschema has (4.10 in Debian 12:
    RefResolver; 4.18 and later: the referencing library)."""
    schemas = {}
    for name in os.listdir(folder):
        if name.endswith(".json") and name != "datapackage.json":
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                schemas[name] = json.load(f)
    base = "file://" + os.path.abspath(folder) + "/"
    root = schemas["service.json"]
    cls = jsonschema.validators.validator_for(root, default=jsonschema.Draft202012Validator)
    try:
        import referencing
        import referencing.jsonschema

        spec = referencing.jsonschema.specification_with(cls.META_SCHEMA["$schema"])
        registry = referencing.Registry().with_resources(
            (base + name, referencing.Resource.from_contents(s, default_specification=spec))
            for name, s in schemas.items())
        root = dict(root, **{"$id": base + "service.json"})
        return cls(root, registry=registry, format_checker=format_checker())
    except ImportError:
        store = {base + name: s for name, s in schemas.items()}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            resolver = jsonschema.RefResolver(base + "service.json", root, store=store)
        return cls(root, resolver=resolver, format_checker=format_checker())


def check_json(services, schema_dir):
    if not isinstance(services, list) or len(services) < 1:
        problem("JSON export: not a list of services")
        return
    for profile in PROFILES:
        v = validator_for(os.path.join(schema_dir, profile))
        for i, svc in enumerate(services):
            for e in v.iter_errors(svc):
                where = "/".join(str(p) for p in e.absolute_path)
                problem(f"JSON {profile}: services[{i}]/{where}: {e.message}")


# ==== CSV as a Tabular Data Package ====

def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        return [], []
    header, body = rows[0], rows[1:]
    for n, row in enumerate(body, start=2):
        if len(row) != len(header):
            problem(f"{os.path.basename(path)}:{n}: {len(row)} cells, the header has {len(header)}")
    return header, [dict(zip(header, row)) for row in body]


def value_ok(field, value):
    """Whether a non-empty cell is a value of the Table Schema field."""
    t, fmt = field.get("type", "string"), field.get("format")
    if t == "number" and not NUMBER.match(value):
        return "not a number"
    if t == "integer" and not INTEGER.match(value):
        return "not an integer"
    if t == "date" and not DATE.match(value):
        return "not a date (YYYY-MM-DD)"
    if t == "time" and not TIME.match(value):
        return "not a time (HH:MM:SS)"
    if t == "datetime" and not DATETIME.match(value):
        return "not a date and time (ISO 8601)"
    if t == "string" and fmt in ("uuid", "email", "uri"):
        rx = {"uuid": UUID, "email": EMAIL, "uri": URI}[fmt]
        if not rx.match(value):
            return f"not a {fmt}"
    enum = field.get("constraints", {}).get("enum")
    if enum and value not in enum:
        return f"not one of {enum}"
    return None


def as_list(x):
    return x if isinstance(x, list) else [x]


def check_descriptor(folder, hsds, tables):
    """The export's own datapackage.json: a Tabular Data Package listing every table
    under its HSDS 3.0 resource name and file, its columns in order with the types and
    formats HSDS 3.0 gives them, "id" as primary key, and foreign keys HSDS 3.0 has."""
    path = os.path.join(folder, "datapackage.json")
    if not os.path.exists(path):
        problem("CSV: no datapackage.json")
        return
    with open(path, encoding="utf-8") as f:
        pkg = json.load(f)
    if pkg.get("profile") != "tabular-data-package":
        problem("datapackage.json: profile is not tabular-data-package")
    official = {r["name"]: r for r in hsds["resources"]}
    listed = set()
    for res in pkg.get("resources", []):
        name, file = res.get("name"), res.get("path")
        listed.add(name)
        if name not in tables or tables[name][0] != file:
            problem(f"datapackage.json: resource {name} at {file} is not a table written")
            continue
        if res.get("profile") != "tabular-data-resource":
            problem(f"datapackage.json: {name}: profile is not tabular-data-resource")
        fields = res.get("schema", {}).get("fields", [])
        if [f.get("name") for f in fields] != tables[name][1]:
            problem(f"datapackage.json: {name}: fields are not the header of {file}")
        known = {f["name"]: f for f in official[name]["schema"]["fields"]}
        for f in fields:
            want = known.get(f.get("name"), {})
            if (f.get("type"), f.get("format")) != (want.get("type"), want.get("format")):
                problem(f"datapackage.json: {name}.{f.get('name')}: type {f.get('type')} "
                        f"format {f.get('format')}; HSDS 3.0 has {want.get('type')} "
                        f"format {want.get('format')}")
        if res.get("schema", {}).get("primaryKey") != "id":
            problem(f"datapackage.json: {name}: the primary key is not id")
        theirs = [(fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"])
                  for fk in official[name]["schema"].get("foreignKeys", [])]
        for fk in res.get("schema", {}).get("foreignKeys", []):
            mine = (fk.get("fields"), fk.get("reference", {}).get("resource"),
                    fk.get("reference", {}).get("fields"))
            if mine not in theirs:
                problem(f"datapackage.json: {name}: foreign key {mine} is not one of HSDS 3.0's")
    for name in tables:
        if name not in listed:
            problem(f"datapackage.json: table {name} is not listed")


def check_csv(folder, schema_dir):
    with open(os.path.join(schema_dir, "hsds-3.0", "datapackage.json"), encoding="utf-8") as f:
        hsds = json.load(f)
    by_path = {r["path"]: r for r in hsds["resources"]}
    tables = {}  # resource name -> (header, rows)
    files = sorted(n for n in os.listdir(folder)
                   if not n.startswith(".") and n != "datapackage.json")
    if len(files) < 10:
        problem(f"CSV export: only {len(files)} tables")
    for name in files:
        res = by_path.get(name)
        if res is None:
            problem(f"CSV: {name} is not a table of HSDS 3.0 (its names: {sorted(by_path)})")
            continue
        header, rows = read_csv(os.path.join(folder, name))
        known = {f["name"] for f in res["schema"]["fields"]}
        for col in header:
            if col not in known:
                problem(f"CSV: {name}: column '{col}' is not a field of HSDS 3.0's {res['name']}")
        if len(set(header)) != len(header):
            problem(f"CSV: {name}: a column is repeated")
        tables[res["name"]] = (name, header, rows)

    check_descriptor(folder, hsds, tables)
    for profile in PROFILES:
        with open(os.path.join(schema_dir, profile, "datapackage.json"), encoding="utf-8") as f:
            package = json.load(f)
        resources = {r["name"]: r for r in package["resources"]}
        for rname, (file, header, rows) in tables.items():
            res = resources.get(rname)
            if res is None:
                problem(f"CSV {profile}: {file}: the profile has no table '{rname}'")
                continue
            schema = res["schema"]
            for field in schema["fields"]:
                col, cons = field["name"], field.get("constraints", {})
                if cons.get("required") and col not in header:
                    problem(f"CSV {profile}: {file}: required column '{col}' is missing")
                    continue
                if col not in header:
                    continue
                seen = set()
                for n, row in enumerate(rows, start=2):
                    value = row.get(col, "")
                    if value == "":
                        if cons.get("required"):
                            problem(f"CSV {profile}: {file}:{n}: '{col}' is required but empty")
                        continue
                    why = value_ok(field, value)
                    if why:
                        problem(f"CSV {profile}: {file}:{n}: '{col}' = '{value}': {why}")
                    if cons.get("unique"):
                        if value in seen:
                            problem(f"CSV {profile}: {file}:{n}: '{col}' = '{value}' repeats")
                        seen.add(value)
            keys = as_list(schema.get("primaryKey", []))
            if keys and all(k in header for k in keys):
                seen = set()
                for n, row in enumerate(rows, start=2):
                    key = tuple(row[k] for k in keys)
                    if key in seen:
                        problem(f"CSV {profile}: {file}:{n}: primary key {key} repeats")
                    seen.add(key)
            for fk in schema.get("foreignKeys", []):
                cols, ref = as_list(fk["fields"]), fk["reference"]
                if not all(c in header for c in cols):
                    continue
                target = tables.get(ref["resource"])
                ref_cols = as_list(ref["fields"])
                values = set()
                if target:
                    values = {tuple(r.get(c, "") for c in ref_cols) for r in target[2]}
                for n, row in enumerate(rows, start=2):
                    key = tuple(row[c] for c in cols)
                    if all(k == "" for k in key):
                        continue
                    if key not in values:
                        problem(f"CSV {profile}: {file}:{n}: {cols} = {key} is no row of "
                                f"{ref['resource']} (foreign key)")


def export(ctl, content, out, *fmt):
    r = subprocess.run([ctl, "content", "export-oruk", content, "-o", out, *fmt],
                       capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        print(r.stdout + r.stderr)
        problem(f"signpostctl content export-oruk {content} -o {out} {' '.join(fmt)}: "
                f"exit status {r.returncode}")
    return r


def check_without_site_address(ctl, content, schema_dir, work):
    """Content whose site.ini has no address or county: the locations are exported
    without an address (never with empty parts the standard requires), still valid, and
    the export says why."""
    copy = os.path.join(work, "content-no-address")
    shutil.copytree(content, copy)
    ini = os.path.join(copy, "site.ini")
    with open(ini, encoding="utf-8") as f:
        lines = [x for x in f if not re.match(r"\s*(address|county)\s*=", x)]
    with open(ini, "w", encoding="utf-8") as f:
        f.writelines(lines)
    out_json, out_csv = os.path.join(work, "no-address.json"), os.path.join(work, "no-address")
    r = export(ctl, copy, out_json)
    export(ctl, copy, out_csv, "--format", "csv")
    if r.returncode != 0:
        return
    for want in ("without an address", "address = ", "county = "):
        if want not in r.stderr:
            problem(f"export without the site's address: no warning with '{want}': {r.stderr}")
    with open(out_json, encoding="utf-8") as f:
        services = json.load(f)
    addresses = sum(len(sal.get("location", {}).get("addresses", []))
                    for s in services for sal in s.get("service_at_locations", []))
    if addresses:
        problem(f"export without the county: {addresses} addresses written")
    check_json(services, schema_dir)
    check_csv(out_csv, schema_dir)


def main():
    if len(sys.argv) != 5:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    ctl, content, schema_dir, work = sys.argv[1:]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    out_json, out_csv = os.path.join(work, "export.json"), os.path.join(work, "csv")
    if export(ctl, content, out_json).returncode or \
            export(ctl, content, out_csv, "--format", "csv").returncode:
        return 1
    with open(out_json, encoding="utf-8") as f:
        services = json.load(f)
    check_json(services, schema_dir)
    check_csv(out_csv, schema_dir)
    addresses = sum(len(sal.get("location", {}).get("addresses", []))
                    for s in services for sal in s.get("service_at_locations", []))
    if addresses < len(services) // 2:
        problem(f"JSON export: only {addresses} addresses for {len(services)} services")
    check_without_site_address(ctl, content, schema_dir, work)
    print(f"oruk_export_check: {len(services)} services; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
