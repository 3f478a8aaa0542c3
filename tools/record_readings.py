"""Record what the reader reads in every photo this project can make and in ../shared/photos,
so that a change meant to keep the readings (a move of code, a speed-up) can show it did.

The photos are made once, into --photos (the three-seed stress set, and the variants of the
shared photos when they are there), and then read through the command line with --json, so
the record does not depend on how the code inside is laid out. Each photo's record is what
the JSON says of it: the lines, the page, the warnings, and each digit's box and answers.

Usage:
    python tools/record_readings.py before.json
    python tools/record_readings.py after.json --compare before.json   # exit 1 if any reading changed
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED_PHOTOS = os.path.join(os.path.dirname(PROJECT), "shared", "photos")
DIGIT_FIELDS = ("box", "cnn", "svm", "cnn_confidence")  # what of each digit must stay the same


def make_photos(folder):
    """The photo folders to read: made into `folder` unless they are there already."""
    tool = [sys.executable, os.path.join(PROJECT, "tools", "make_photos.py")]
    stress, variants = os.path.join(folder, "stress"), os.path.join(folder, "variants")
    if not os.path.isdir(stress):
        subprocess.run(tool + ["--stress", stress, "--seeds", "3"], check=True, stdout=subprocess.DEVNULL)
    folders = [stress, os.path.join(PROJECT, "photo_1.png"), os.path.join(PROJECT, "photo_2.png")]
    if os.path.isdir(SHARED_PHOTOS):
        if not os.path.isdir(variants):
            subprocess.run(tool + ["--variants", SHARED_PHOTOS, variants], check=True, stdout=subprocess.DEVNULL)
        folders += [SHARED_PHOTOS] + sorted(os.path.join(variants, kind) for kind in os.listdir(variants))
    return folders


def read_all(inputs):
    """{photo path: its record} for every image in `inputs`, read by performRecognition.py --json."""
    with tempfile.TemporaryDirectory() as out:
        printed = subprocess.run([sys.executable, os.path.join(PROJECT, "performRecognition.py"), *inputs,
                                  "--json", "--out", out], check=True, capture_output=True, text=True).stdout
    records = {}
    for line in printed.splitlines():
        found = json.loads(line)
        records[found["image"]] = {"lines": found["lines"], "page": found["page"], "warnings": found["warnings"],
                                   "digits": [{field: digit[field] for field in DIGIT_FIELDS} for digit in found["digits"]]}
    return records


def differences(before, after):
    """A line for each photo read differently, or found in one record only."""
    lines = []
    for photo in sorted(set(before) | set(after)):
        if before.get(photo) != after.get(photo):
            was, now = before.get(photo, {}).get("lines"), after.get(photo, {}).get("lines")
            lines.append(f"{photo}: {was} -> {now}" if was != now else f"{photo}: same lines, other details")
    return lines


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("record", help="where to write the readings (JSON)")
    parser.add_argument("--compare", metavar="EARLIER", help="an earlier record: list every reading that changed")
    parser.add_argument("--photos", default=os.path.join(tempfile.gettempdir(), "digit-reader-photos"),
                        help="where the made photos are kept between runs (default %(default)s)")
    args = parser.parse_args()
    records = read_all(make_photos(args.photos))
    with open(args.record, "w") as file:
        json.dump(records, file, indent=1, sort_keys=True)
    print(f"{len(records)} photos read -> {args.record}")
    if args.compare:
        with open(args.compare) as file:
            changed = differences(json.load(file), records)
        print("\n".join(changed) or "no reading changed")
        sys.exit(1 if changed else 0)
