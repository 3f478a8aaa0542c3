"""How the reader does on each kind of layout and way of holding the page: per kind, the CNN's
character error rate, exact lines, how often the page was read the wrong way up (upside down,
or sideways), and the mean time against the upright photos'.

The kinds: the real photos in ../shared/photos upright, and made from them (make_photos.py
--variants) turned a quarter, half and three quarters, EXIF-tagged, tilted by +-10 and +-25
degrees, seen at an angle, on tables and on tables turned, on a white desk brighter than the
sheet (as it is and turned); and the generator's own lists of one digit a line (in ink and in
pencil), rows of two numbers side by side, and each of those turned a quarter, half round and
tilted. A photo's true turn is in its name (turn90, turn_180)
or 0. The photos are made once into --photos.

Usage:
    python tools/layout_report.py                       # every kind
    python tools/layout_report.py --leave-out real_07.png   # a form of print and fields (#26) left out
    python tools/layout_report.py --kinds tilt list --verbose   # two kinds, and each photo read wrong
"""

import collections
import os
import re
import sys
import time

from digitreader import console, errors, imaging, photo_warnings, pipeline

import evaluate
import make_photos

PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED_PHOTOS = os.path.join(os.path.dirname(PROJECT), "shared", "photos")
VARIANT_KINDS = ("turn", "exif", "tilt", "angle", "table", "table_turned", "white_desk")
MADE_KINDS = ("list", "pencil_list", "groups", "list+turn_90", "pencil_list+turn_180", "groups+turn_270",
              "list+tilt", "groups+tilt")
SEEDS = range(3)


def true_turn(name):
    """The turn a photo was made with, from its name (real_01_turn90.png, list+turn_180_2.png), else 0."""
    found = re.search(r"turn_?(90|180|270)", name)
    return int(found.group(1)) if found else 0


def kind_folders(folder):
    """{kind: folder with its photos and truth.json}, the photos made unless they are there."""
    folders = {}
    if os.path.isdir(SHARED_PHOTOS):
        variants = os.path.join(folder, "variants")
        if not os.path.isdir(os.path.join(variants, VARIANT_KINDS[-1])):
            make_photos.save_photo_variants(SHARED_PHOTOS, variants)
        folders["upright (real)"] = SHARED_PHOTOS
        folders.update({kind: os.path.join(variants, kind) for kind in VARIANT_KINDS})
    for kind in MADE_KINDS:
        made = os.path.join(folder, "made", kind)
        if not os.path.isfile(os.path.join(made, "truth.json")):
            make_photos.save_stress_photos(made, SEEDS, [kind])
        folders[kind] = made
    return folders


def timed_readings(reader, folder, leave_out):
    """Each photo named in `folder`/truth.json read, as (name, true lines, result, seconds),
    but those in `leave_out` and every photo made from them (named for them)."""
    truth = evaluate.load_truth(os.path.join(folder, "truth.json"))
    for name, lines in truth.items():
        if any(name.startswith(os.path.splitext(left)[0]) for left in leave_out):
            continue
        image = imaging.read_image(os.path.join(folder, name))
        start = time.perf_counter()
        result = reader.read(image)
        yield name, lines, result, time.perf_counter() - start


def read_kind(reader, folder, leave_out, verbose=False):
    """The total row of one kind (evaluate.score's counts), its wrong turns and seconds; with
    `verbose`, a line for each photo read wrong or turned wrong."""
    total = collections.Counter()
    for name, lines, result, seconds in timed_readings(reader, folder, leave_out):
        total["seconds"] += seconds
        errors_made, digits, exact = evaluate.score(result["lines"]["cnn"], lines)
        off = (result["page"]["turn"] - true_turn(name)) % 360
        if verbose and (errors_made or off):
            print(f"  {name}: {' / '.join(result['lines']['cnn'])} (true {' / '.join(lines)}), "
                  f"turned {result['page']['turn']} (true {true_turn(name)}, sure {result['page']['turn_confidence']})")
        unsure = result["page"]["turn_confidence"] < photo_warnings.TURN_SURE
        total.update(photos=1, errors=errors_made, digits=digits, lines=len(lines), exact=exact,
                     upside_down=off == 180, sideways=off in (90, 270), unsure=unsure)
    return total


def main(argv=None):
    parser = console.OneLineErrorParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "digit-reader-layout"),
                        help="where the photos are made, once (default: %(default)s)")
    parser.add_argument("--leave-out", nargs="*", default=[], metavar="PHOTO",
                        help="real photos to leave out, with every photo made from them")
    parser.add_argument("--verbose", action="store_true", help="also each photo read or turned wrong")
    parser.add_argument("--kinds", nargs="*", help="only these kinds")
    args = parser.parse_args(argv)
    try:
        reader = pipeline.Reader()
    except errors.RecognitionError as error:
        sys.exit(f"layout_report.py: {error}")
    folders = {kind: folder for kind, folder in kind_folders(args.photos).items() if not args.kinds or kind in args.kinds}
    reader.read(imaging.read_image(os.path.join(PROJECT, "photo_1.png")))  # TensorFlow warmed up, not timed
    print(f"{'kind':<22} {'photos':>6} {'digits':>6} {'CNN CER':>8} {'exact lines':>11} {'upside down':>11} "
          f"{'sideways':>8} {'unsure':>6} {'time':>6}")
    upright_time = None
    progress = console.Progress(len(folders), "layout_report.py", "kinds")
    for done, (kind, folder) in enumerate(folders.items(), 1):
        total = read_kind(reader, folder, args.leave_out, args.verbose)
        mean = total["seconds"] / max(total["photos"], 1)
        upright_time = upright_time or mean
        progress.clear()
        print(f"{kind:<22} {total['photos']:>6} {total['digits']:>6} {total['errors'] / max(total['digits'], 1):>8.3f} "
              f"{total['exact']:>5}/{total['lines']:<5} {total['upside_down']:>11} {total['sideways']:>8} "
              f"{total['unsure']:>6} {mean / upright_time:>5.1f}x", flush=True)
        progress.update(done)
    progress.finish()
    print(f"time: each kind's mean seconds a photo over the first kind's ({upright_time:.2f} s); "
          f"unsure: turn_confidence below {photo_warnings.TURN_SURE}")


if __name__ == "__main__":
    main()
