"""The reader from a photo to its digits: the page (`page`), its ink (`paper_and_ink`), the
pieces worth reading (`pieces_of_ink`, `paper_lines`), what is print (`typeset`, `not_digits`), cuts
and readings (`cuts_and_readings`), what is no digit (`not_digits`), the lines (`layout`) and
the warnings (`photo_warnings`). `find_digits` reads a page; `recognize` a photo."""

import os
from dataclasses import dataclass

import numpy as np

from . import cuts_and_readings, imaging, layout, models, not_digits, page, paper_and_ink, paper_lines, photo_warnings, pieces_of_ink, typeset


@dataclass
class Digit:
    box: tuple  # (x, y, width, height) in the original image's pixels
    image: np.ndarray  # 28x28 uint8, as MNIST digits are
    line: int  # 0 for the first line of the photo, 1 for the next, ...
    probabilities: np.ndarray  # the CNN's probability of each class 0-9
    number: int = 0  # 0 for the first number of its line, 1 for the next beside it (`layout.numbers`), ...


class Found(list):
    """The `Digit`s found in a page, in reading order (a list), and how many pieces of print
    were left out (`printed`): a page of print (`pieces_of_ink.mostly_print`), or rows of it
    beside the handwriting (`not_digits.digits_only`)."""

    def __init__(self, digits=(), printed=0):
        super().__init__(digits)
        self.printed = printed


def original_box(piece, factor, shape):
    """A piece's box in the original image's pixels, (x, y, width, height), inside the image."""
    left, top = int(piece.x * factor), int(piece.y * factor)
    right = min(shape[1], max(left + 1, int(np.ceil((piece.x + piece.width) * factor))))
    bottom = min(shape[0], max(top + 1, int(np.ceil((piece.y + piece.height) * factor))))
    return left, top, right - left, bottom - top


def candidate_pieces(blobs, height):
    """The pieces worth joining and reading, for a photo's digit `height`: underlines off the
    digits they touch (`paper_lines.without_underlines`), of the size of writing (`pieces_of_ink.writing_sized`)."""
    return pieces_of_ink.writing_sized(paper_lines.without_underlines(blobs, height), height)


def find_digits(image, cnn, ink=None, pieces_judge=None, pair_reader=None, cut_touching=True, widen_ones=True):
    """The digits of a photo as `Digit`s, in reading order (`Found`, with the pieces of print left out).

    The models come as functions (`models.LiteModel`). `cnn` maps (N, 28, 28) uint8 digits to
    (N, 10) class probabilities: a blob that may hold touching digits is cut the way that makes
    the CNN surest. `ink`: the image's `ink_pieces`,
    when they were found already (by the page step). `pieces_judge` maps the same regions to
    the probabilities of `models.CLASSES`: with it, cuts and joins make pieces it finds
    whole digits, a blob it finds two digits may be cut however narrow, and what is no digit
    is left out. `pair_reader` maps the regions of blobs to the probabilities of their left and
    right digit (N, 2, 11; the right may be none): with it, a blob it is sure holds two digits
    may be cut however narrow, and a blob read whole or cut in two (or blobs read together, cut
    in two: `cuts_and_readings.sides_joined_and_cut`) costs more the less likely it finds the
    digits the CNN reads in it (`pair_doubt`). Without `cut_touching`, every blob is
    read whole, and with it, every blob but those print by the rules of type (`typeset.printed`);
    without `widen_ones`, a narrow digit read as 1 is not read again widened.
    """
    ink = ink or paper_and_ink.ink_pieces(image)
    blobs, factor = ink.blobs, ink.factor
    height = pieces_of_ink.typical_height(blobs)
    if height < pieces_of_ink.READABLE_HEIGHT:
        return Found()  # print, grain or gravel: a frame of them holds tens of thousands of pieces
    sized = pieces_of_ink.writing_sized(blobs, height)  # whole, as the underlines' step would cut thin letters into slivers
    ways = pieces_of_ink.print_ways(sized)  # its rows of print, across the page and up and down it
    in_print = pieces_of_ink.in_print_rows(sized, ways)
    if pieces_of_ink.mostly_print(sized, in_print):  # a page of print: most of its ink in lines longer than any number
        return Found(printed=int(in_print.sum()))
    typed = typeset.printed(sized, ways)
    if typeset.page_of_print(sized, typed):  # nearly all of its ink print by the rules of type
        return Found(printed=int(typed.sum()))
    read_whole = {id(blob) for blob, is_type in zip(sized, typed) if is_type}  # cut, print's touching letters are strokes
    outlines = {id(blob) for blob, around in zip(sized, pieces_of_ink.around_others(sized)) if around}
    blobs = candidate_pieces([blob for blob in blobs if id(blob) not in outlines], height)  # a frame is no digit
    blobs = pieces_of_ink.join_pieces(blobs, height)
    stroke = pieces_of_ink.photo_stroke_width(blobs)
    blobs = [blob for blob in blobs if not pieces_of_ink.is_speck(blob, height, stroke)]  # dots and specks stay small once joined
    width = pieces_of_ink.typical_width(blobs, height)
    for blob in blobs:
        blob.region = cuts_and_readings.region(blob.mask, stroke)
    kinds = cuts_and_readings.judged_kinds(pieces_judge, blobs)
    for blob, kind in zip(blobs, kinds):
        blob.kind = kind
    pairs = cuts_and_readings.read_pairs(pair_reader, blobs)
    ways, groups = cuts_and_readings.readings(blobs, height, width, stroke, kinds, pairs, cut_touching,
                                              whole=np.array([id(blob) in read_whole for blob in blobs], bool))
    pieces = list({id(piece): piece for blob_ways in ways + [group_ways for _, group_ways in groups]
                   for way, _ in blob_ways for piece in way}.values())
    if not pieces:
        return Found()
    made = [piece for piece in pieces if piece.region is None]  # by cutting or joining blobs
    for piece in made:
        piece.region = cuts_and_readings.region(piece.mask, stroke)
    for piece, kind in zip(made, cuts_and_readings.judged_kinds(pieces_judge, made)):
        piece.kind = kind
    for piece, probabilities in zip(pieces, np.asarray(cnn(np.stack([piece.region for piece in pieces])))):
        piece.probabilities = probabilities
    if pairs is not None:  # only where some way cuts in two: a blob's one way, doubted, would only lose to joins
        ways = [cuts_and_readings.doubted(blob_ways, pair) if any(len(way) == 2 for way, _ in blob_ways) else blob_ways
                for blob_ways, pair in zip(ways, pairs)]
        cut = [index for index, (_, group_ways) in enumerate(groups) if any(len(way) == 2 for way, _ in group_ways)]
        unions = [pieces_of_ink.union(*[blobs[member] for member in groups[index][0]]) for index in cut]  # pairs: a side and its blob
        for union in unions:
            union.region = cuts_and_readings.region(union.mask, stroke)
        for index, pair in zip(cut, cuts_and_readings.read_pairs(pair_reader, unions) if unions else []):
            groups[index] = (groups[index][0], cuts_and_readings.doubted(groups[index][1], pair))
    chosen = cuts_and_readings.best_reading(blobs, ways, groups, lambda way: cuts_and_readings.reading_score(way, width))
    printed = 0
    if pieces_judge:
        chosen, printed = not_digits.digits_only(chosen, [piece.kind for piece in chosen], height, stroke)
    lines = layout.reading_order(chosen, height)
    if pieces_judge:
        lines = not_digits.without_frame_sides(not_digits.without_thin_ones(not_digits.without_stroke_lines(lines, stroke)))
    cut_out = {id(piece) for blob_ways in ways + [group_ways for _, group_ways in groups]
               for way, _ in blob_ways if len(way) > 1 for piece in way}
    if widen_ones:
        cuts_and_readings.widened_ones([piece for line in lines for piece in line if id(piece) not in cut_out], cnn, stroke)
    if pieces_judge:
        lines = not_digits.without_edge_strokes(lines, (ink.shape[0] / factor, ink.shape[1] / factor), height)
        lines = not_digits.without_surface_edges(lines, image, lambda piece: original_box(piece, factor, ink.shape))
        lines = not_digits.without_small_lines(lines, height)
    digits = []
    for line_number, (line, numbers) in enumerate(zip(lines, layout.numbers(lines, height))):
        for piece, number in zip(line, numbers):
            box = original_box(piece, factor, ink.shape)
            digits.append(Digit(box, piece.region, line_number, piece.probabilities, number))
    return Found(digits, printed)


def recognize(image, cnn, svm, min_confidence=models.MIN_CONFIDENCE, pieces_judge=None, pair_reader=None, regions=False,
              cut_touching=True, widen_ones=True, known_turn=None, ruling=None):
    """Read one image (an array as OpenCV reads it, turned as displayed): plain data, as the
    command line's JSON holds it. `digits`: each with its `box` [x, y, width, height] and
    `outline` (four corners) in the photo's pixels, its `line`, the `number` in the line it
    belongs to and its `position` in the line (all counted from 1), the CNN's answer and
    confidence and the SVM's answer, and with `regions` its 28x28 `region` as the models saw
    it; `lines`: each model's digits line by line, a space between numbers side by side;
    `page`: what was found about the page (turn and how sure of it, tilt, sheet); `warnings`:
    why the reading may be wrong. `pieces_judge`, `pair_reader`: the judge of pieces and the pair reader
    (`models.load_judge`, `models.load_pairs`), the shipped ones when not given, and none when
    False; `cut_touching`, `widen_ones`: `find_digits`'s steps, on unless switched off;
    `known_turn`: (turn, how sure) of the page when judged already, and `ruling`: what measures
    its ruling of a colour where not the usual (`page.find_page`)."""
    judge_pieces = None if pieces_judge is False else pieces_judge or models.shipped_judge()
    read_pairs = None if pair_reader is False else pair_reader or models.shipped_pairs()

    def read(found_page):
        return find_digits(found_page.image, cnn, found_page.ink, judge_pieces, read_pairs,
                           cut_touching=cut_touching, widen_ones=widen_ones)
    found_page, candidates = page.read_page(image, read, cnn, known_turn, ruling)
    digits = [digit for digit in candidates if digit.probabilities.max() >= min_confidence]
    svm_digits = svm.predict(np.stack([digit.image for digit in digits])) if digits else []
    line_numbers = {line: number for number, line in enumerate(sorted({digit.line for digit in digits}), 1)}
    found, positions, numbers, counted = [], {}, {}, {}  # numbers: (line, number found) -> counted from 1 in the line
    for digit, svm_digit in zip(digits, svm_digits):  # in reading order
        outline = found_page.to_photo(digit.box).astype(float)
        line = line_numbers[digit.line]
        positions[line] = positions.get(line, 0) + 1
        if (line, digit.number) not in numbers:
            counted[line] = numbers[line, digit.number] = counted.get(line, 0) + 1
        found.append({"box": photo_box(outline, image.shape), "outline": np.round(outline, 1).tolist(),
                      "line": line, "number": numbers[line, digit.number], "position": positions[line],
                      "cnn": int(digit.probabilities.argmax()), "cnn_confidence": round(float(digit.probabilities.max()), 4),
                      "svm": int(svm_digit)})
        if regions:
            found[-1]["region"] = digit.image.tolist()
    lines = {}
    for model in ("cnn", "svm"):
        texts = {}  # line -> number -> its digits, in reading order
        for digit in found:
            texts.setdefault(digit["line"], {}).setdefault(digit["number"], []).append(str(digit[model]))
        lines[model] = [" ".join("".join(number) for number in line.values()) for line in texts.values()]
    return {"digits": found, "lines": lines, "page": found_page.as_json(),
            "warnings": photo_warnings.photo_warnings(found_page.image, candidates, found_page.turn_confidence,
                                                      candidates.printed)}


class Reader:
    """The reader with its four models loaded once, for use from Python:

        from digitreader import Reader
        reader = Reader()                     # the shipped models; or Reader(cnn="my_cnn.h5", ...)
        result = reader.read("photo.jpg")     # a path, or an image array as OpenCV reads it
        result["lines"]["cnn"]                # ['0522', '1234567', '98316']

    `read` returns what `recognize` does: plain data, as the command line's JSON holds it
    (`json.dumps` takes it as it is). A missing or unreadable file or model raises
    `errors.RecognitionError`, whose message says in one line what is wrong and what to do."""

    def __init__(self, cnn=models.CNN_PATH, svm=models.SVM_PATH, judge=models.JUDGE_PATH, pairs=models.PAIRS_PATH,
                 min_confidence=models.MIN_CONFIDENCE):
        self.cnn, self.svm = models.load_cnn(cnn), models.load_svm(svm)
        self.pieces_judge, self.pair_reader = models.load_judge(judge), models.load_pairs(pairs)
        self.min_confidence = min_confidence

    def read(self, image, regions=False, known_turn=None, ruling=None):
        """The reading of `image` (a path, or an array); with `regions`, each digit's 28x28 region
        too; `known_turn`: the page's turn and how sure, when known already; `ruling`: what
        measures its ruling of a colour, where not the usual (`recognize`)."""
        if isinstance(image, (str, os.PathLike)):
            image = imaging.read_image(os.fspath(image))
        return recognize(image, self.cnn, self.svm, self.min_confidence, self.pieces_judge, self.pair_reader, regions,
                         known_turn=known_turn, ruling=ruling)


def photo_box(outline, shape):
    """The box [x, y, width, height] around an outline, inside the photo."""
    left, top = np.clip(np.floor(outline.min(axis=0)), 0, [shape[1] - 1, shape[0] - 1]).astype(int)
    right, bottom = np.clip(np.ceil(outline.max(axis=0)), [left + 1, top + 1], [shape[1], shape[0]]).astype(int)
    return [int(left), int(top), int(right - left), int(bottom - top)]
