"""Paper and ink as they come (issue 9): ruled and squared lines, light on dark, things that are
not digits (printed words, a ruler, underlines), each alone in a photo the project makes; and the
warnings of a doubtful reading."""

import json

import cv2
import numpy as np
import pytest

import make_photos
import performRecognition
from test_hazards import LINES, character_errors, ring
from digitreader import imaging, layout, models, not_digits, paper_and_ink, paper_lines, pieces_of_ink, pipeline, typeset


@pytest.mark.parametrize("hazard, most", [("ruled", 1), ("squared", 2), ("light_on_dark", 1), ("frame", 1)])
def test_paper_lines_light_ink_and_a_frame_are_read(cnn, svm, hazard, most):
    """Squared paper crosses every digit twice: today 1 of these 48 digits is misread, none on
    the others."""
    errors, digits = character_errors(cnn, svm, (hazard,))
    assert errors <= most, (errors, digits)


@pytest.mark.parametrize("hazard, most", [("printed_words", 2), ("ruler", 1), ("underline", 1)])  # today 1, 0, 0 of 48
def test_printed_words_a_ruler_and_underlines_give_no_digits_and_the_digits_are_read(cnn, svm, hazard, most):
    errors, digits = character_errors(cnn, svm, (hazard,))
    assert errors <= most, (errors, digits)


def test_every_box_beside_printed_words_and_a_ruler_is_a_handwritten_digit(cnn, svm):
    """No box on print: six words a sheet (SCORE among them, three of its letters digits in
    another hand), a ruler's ticks and numbers."""
    for hazards in (("printed_words",), ("ruler",)):
        image, outlines = make_photos.make_sheet(LINES, seed=2, hazards=hazards, with_digits=True)
        boxes = [digit["box"] for digit in pipeline.recognize(image, cnn, svm)["digits"]]
        assert len(boxes) == len(outlines), hazards  # every digit found, and (below) nothing else
        for x, y, width, height in boxes:
            assert any(cv2.pointPolygonTest(np.float32(outline), (x + width / 2, y + height / 2), False) > 0
                       for outline in outlines), hazards


def blob(mask, x=0, y=0):
    return pieces_of_ink.Blob(x, y, mask.shape[1], mask.shape[0], mask)


def test_an_underline_touching_digits_is_taken_out_and_the_digits_come_apart():
    mask = np.zeros((90, 400), bool)
    for left in (20, 150, 280):  # three digits' stems, 70 px tall, resting on the line
        mask[5:80, left:left + 8] = True
    mask[78:84, 0:400] = True  # the underline, six digit heights long
    pieces = paper_lines.without_underlines([blob(mask, 10, 20)], height=70)
    assert sorted((piece.x, piece.width) for piece in pieces if piece.height > 60) == [(30, 8), (160, 8), (290, 8)]
    assert all(piece.height >= 75 for piece in pieces)  # each stem keeps its foot on the line


def test_a_digits_own_bar_is_no_underline():
    seven = np.zeros((70, 60), bool)
    seven[0:6, 0:60] = True  # a 7's bar: as long as a digit is wide
    seven[0:70, 50:56] = True
    assert paper_lines.without_underlines([blob(seven)], height=70)[0].mask is seven


def test_the_tops_of_two_touching_digits_are_no_underline():
    """A leaning 0's top and the 5's bar beside it run on, thin, in one rising curve as long as
    an underline; no paper line or underline leans that steeply anywhere along it."""
    image = np.zeros((84, 132), np.uint8)
    cv2.ellipse(image, (32, 48), (22, 32), 30, 0, 360, 255, 11)  # a leaning 0
    cv2.line(image, (72, 14), (126, 6), 255, 11)  # a 5's bar, rising on from the 0's top
    cv2.line(image, (72, 14), (66, 42), 255, 11)
    cv2.ellipse(image, (80, 58), (24, 20), 0, -150, 140, 255, 11)  # its bowl, touching the 0
    zero_five = image > 0
    assert paper_lines.without_underlines([blob(zero_five)], height=70)[0].mask is zero_five


def test_the_bottoms_of_zeros_written_into_one_another_are_no_underline():
    """"1000" written fast: each 0 drawn into the last, their bottoms run on in one thin line
    longer than an underline, but always under the 0s' tops, where an underline runs alone
    between and beyond the digits it is drawn under (the test above)."""
    image = np.zeros((50, 112), np.uint8)
    for centre in (24, 52, 80):  # three 0s, each overlapping the next by a third
        cv2.ellipse(image, (centre, 25), (16, 20), 0, 0, 360, 255, 4)
    zeros = image > 0
    assert paper_lines.without_underlines([blob(zeros)], height=42)[0].mask is zeros


def test_slivers_of_the_table_beside_the_sheet_leave_the_digits_height():
    """A photo taken at a slant shows the table in a wedge and a strip beside the sheet: long
    strokes, thicker than the pen, that hold more ink than all its fourteen digits."""
    digits = [blob(ring(30, 40).mask, x=40 * i) for i in range(14)]
    rows = np.arange(226)[:, None]
    wedge = np.arange(60)[None, :] < 60 * (1 - np.abs(rows - 113) / 113)  # widest at the middle
    strip = np.ones((286, 7), bool)
    blobs = digits + [blob(wedge, x=600), blob(strip, x=700)]
    assert sum(piece.ink for piece in blobs[14:]) > sum(piece.ink for piece in digits)
    assert pieces_of_ink.typical_height(blobs) == 40


def test_what_ruling_leaves_between_the_digits_leaves_the_digits_height():
    """Squared paper ruled over again: where the digits cross its lines they stay, and what is
    left of the lines is dashes a pen wide, as long as digits are wide, more ink than the digits."""
    digits = [blob(ring(30, 40).mask, x=40 * i) for i in range(8)]
    dashes = [blob(np.ones((4, 60), bool), x=70 * i, y=100 + 30 * (i % 3)) for i in range(40)]
    assert sum(piece.ink for piece in dashes) > sum(piece.ink for piece in digits)
    assert pieces_of_ink.typical_height(digits + dashes) == 40
    assert pieces_of_ink.typical_height(dashes) == 4  # nothing else there


def test_a_frame_around_the_numbers_is_no_digit_and_leaves_the_digits_height():
    """A frame drawn around two lines of digits holds more ink than they do; digits touching
    an underline make a blob as wide, but it lies below the other digits, around none."""
    digits = [blob(ring(30, 40).mask, x=40 + 40 * i, y=40 + 80 * line) for i in range(5) for line in range(2)]
    frame = np.zeros((220, 280), bool)
    frame[:6], frame[-6:], frame[:, :6], frame[:, -6:] = True, True, True, True
    pieces = digits + [blob(frame)]
    assert pieces[-1].ink > sum(piece.ink for piece in digits)
    assert pieces_of_ink.around_others(pieces).tolist() == [False] * 10 + [True]
    assert pieces_of_ink.typical_height(pieces) == 40
    underlined = np.zeros((60, 280), bool)
    underlined[54:], underlined[10:54, 40:46], underlined[10:54, 200:206] = True, True, True  # two 1s touching it
    standing = [blob(ring(30, 40).mask, x=x, y=212) for x in (60, 140)]  # two digits between them, on the line
    pieces = standing + [blob(underlined, y=200)]
    assert not pieces_of_ink.around_others(pieces).any()


def judged(not_digit):
    """What a judge of pieces answers for pieces this likely no digit, each otherwise a digit."""
    probabilities = np.zeros((len(not_digit), len(models.CLASSES)))
    probabilities[:, models.CLASSES.index("not a digit")] = not_digit
    probabilities[:, models.CLASSES.index("digit")] = 1 - np.asarray(not_digit)
    return probabilities


def test_a_row_of_print_goes_whole_and_a_handwritten_row_stays():
    letters = [blob(np.ones((30, 20), bool), x) for x in range(0, 150, 25)]  # six letters, close together
    digits = [blob(np.ones((70, width), bool), x, 200)  # five digits further down, no two alike (a hand's never are)
              for x, width in zip(range(0, 300, 60), (45, 41, 48, 38, 51))]
    pieces = letters + digits
    not_digit = np.array([0.95, 0.2, 0.9, 0.8, 0.1, 0.85] + [0.1, 0.9, 0.2, 0.1, 0.3])  # the letters: mostly likely

    kept = not_digits.digits_only(pieces, judged(not_digit), height=70, stroke=8)[0]
    assert kept == digits  # a digit the judge finds likely no digit stays among digits
    alone = not_digits.digits_only(digits[:1], judged([0.9]), height=70, stroke=8)[0]
    assert alone == digits[:1]  # one piece of the handwriting's size goes only when the judge is sure


def test_a_row_of_doubted_pieces_drawn_with_the_digits_pen_stays_however_thick_a_heading_makes_the_photo_pen():
    """A line of touching digits cut into pieces the judge doubts (four of six likely no digits)
    is handwriting when drawn with the pen of the digits the judge believes, 4 px, though a bold
    heading's letters have made the photo's pen 8 px; drawn with a pen of 1 px it is print."""
    def ring(height, width, wall):
        mask = np.ones((height, width), bool)
        mask[wall:-wall, wall:-wall] = False
        return mask
    shapes = [(36, 20, 3), (44, 26, 0), (39, 32, 5), (42, 23, 1), (37, 29, 4), (41, 35, 2)]  # a hand's: no two alike or in line
    digits = [blob(ring(height, width, 4), 45 * n, 100 + top) for n, (height, width, top) in enumerate(shapes)]
    doubted = [0.9, 0.85, 0.1, 0.95, 0.2, 0.9]
    for wall, stays in ((4, True), (1, False)):
        cut = [blob(ring(height, width, wall), 45 * n, 200 + top) for n, (height, width, top) in enumerate(shapes[::-1])]
        pieces = digits + cut
        kept = not_digits.digits_only(pieces, judged([0.1] * len(digits) + doubted), height=40, stroke=8)[0]
        assert (kept == pieces) == stays and kept[:len(digits)] == digits


def test_a_row_of_lowercase_print_goes_even_where_the_judge_takes_its_letters_for_digits():
    """A heading: five small letters whose tops and bottoms stand in line to the pixel, with
    two capitals on their baseline, goes though the judge finds every piece a digit; a row of
    handwritten digits, small and tall ones a pixel or two out of line, stays."""
    small = [blob(np.ones((24, 18), bool), x, 106) for x in range(60, 160, 22)]  # tops 106, bottoms 130
    capitals = [blob(np.ones((36, 22), bool), x, 94) for x in (0, 30)]  # on the same baseline
    heading = capitals + small
    handwriting = [blob(np.ones((height, 14 + 3 * n), bool), 40 * n, 300 + top)  # no two alike
                   for n, (height, top) in enumerate([(24, 0), (26, 1), (40, -12), (25, 3), (24, 2), (23, 0), (41, -10)])]
    pieces = heading + handwriting
    kept, printed = not_digits.digits_only(pieces, judged(np.zeros(len(pieces))), height=40, stroke=8)
    assert kept == handwriting and printed == len(heading)


def test_print_in_line_goes_however_its_round_letters_overshoot_and_either_way_up():
    """A bold heading's round letters (o, e) reach 2 px below the baseline its flat ones (n, h)
    stand on, at an x-height of 56 px; turned half round, a heading hangs its ascenders below.
    Handwriting, small digits among tall ones, stands a pixel or two out of line."""
    flat = [blob(np.ones((56, 40), bool), x, 102) for x in (0, 100, 200)]  # n, n, n: bottoms 158
    round_ = [blob(np.ones((58, 40), bool), x, 101) for x in (50, 150, 250)]  # o, e, o: 1 px over each side
    ascenders = [blob(np.ones((78, 40), bool), x, 80) for x in (300, 350)]  # h, f on the baseline
    heading = flat + round_ + ascenders
    assert typeset.printed_letters(heading, np.zeros(len(heading), int)).all()
    turned = [blob(piece.mask, piece.x, 240 - piece.y - piece.height) for piece in heading]  # ascenders hang below
    assert typeset.printed_letters(turned, np.zeros(len(turned), int)).all()
    small = [blob(np.ones((height, 24), bool), x, top)  # on one baseline, their tops a pixel or two apart
             for x, height, top in zip(range(0, 180, 30), (28, 30, 27, 29, 28, 31), (104, 101, 105, 102, 103, 100))]
    handwritten = small + [blob(np.ones((56, 24), bool), x, 76) for x in (180, 210)]
    assert not typeset.printed_letters(handwritten, np.zeros(len(handwritten), int)).any()


def test_a_label_with_no_capital_or_ascender_is_print_beside_taller_handwriting():
    """"ncome": a label of six x-height letters, in line to the pixel, that has no capital or
    ascender to measure its x-height against: beside handwriting 46 px tall, its letters of 25 px
    are print. Without the handwriting's height they are all the row's tall pieces, as a row of
    neat digits of one height is; and digits nearly the handwriting's height, in line to the
    pixel, stay handwriting."""
    label = [blob(np.ones((25, 14 + n % 2), bool), 20 * n, 100) for n in range(6)]
    row = np.zeros(len(label), int)
    assert typeset.printed_letters(label, row, height=46).all()
    assert not typeset.printed_letters(label, row).any()
    digits = [blob(np.ones((40, 20 + n % 3), bool), 30 * n, 100) for n in range(6)]  # 0.87 of the hand's height
    assert not typeset.printed_letters(digits, row, height=46).any()


def test_a_caption_of_three_small_letters_is_print_and_three_small_digits_in_line_are_not():
    """"Page 3 of 12": three x-height letters (a, o, e) in line, and a capital, figures and an
    ascender on their baseline: all nine pieces on its lines. A hand's small digits may stand
    in line by chance, but its others do not share their lines; and where a pixel is over a
    twentieth of the x-height, neat writing stands on its lines to the pixel by chance too."""
    def caption(scale):
        x_height = [blob(np.ones((round(20 * scale), 16), bool), x, round(110 * scale)) for x in (30, 120, 60)]  # a, o, e
        on_baseline = [blob(np.ones((round(32 * scale), 18), bool), x, round(98 * scale)) for x in (0, 90, 150, 180, 205)]  # P, 3, f, 1, 2
        descender = [blob(np.ones((round(28 * scale), 16), bool), 46, round(110 * scale))]  # g: its top on the x-height line
        return x_height + on_baseline + descender
    for scale, is_print in ((2, True), (1, True), (0.5, False)):
        pieces = caption(scale)
        assert typeset.printed_letters(pieces, np.zeros(len(pieces), int)).tolist() == [is_print] * len(pieces)
    digits = [blob(np.ones((20, 14 + n), bool), 40 * n, 110) for n in range(3)]  # in line by chance
    tall = [blob(np.ones((height, 20), bool), x, top)
            for x, height, top in ((120, 30, 97), (160, 30, 103), (200, 34, 92), (240, 30, 104))]  # bottoms 127-134
    handwritten = digits + tall
    assert not typeset.printed_letters(handwritten, np.zeros(len(handwritten), int)).any()


def test_a_page_nearly_all_print_is_a_page_of_print_and_a_sheet_with_print_around_it_is_not():
    """Ten rows of print (six small letters in line, two capitals on their baseline) and two
    handwritten digits: nine tenths of the ink and more is print, and the page is print,
    digits and all; with six handwritten digits, print is under nine tenths of the ink."""
    rows = [blob(np.ones((20, 16), bool), x, 110 + 60 * row) for row in range(10) for x in range(40, 200, 30)] + \
        [blob(np.ones((32, 18), bool), x, 98 + 60 * row) for row in range(10) for x in (0, 210)]
    def handwritten(count):
        return [blob(np.ones((40 + 3 * n, 24 + 2 * n), bool), 400 + 70 * n, 700 + 5 * n) for n in range(count)]
    assert typeset.page_of_print(rows + handwritten(2)) == len(rows)
    assert typeset.page_of_print(rows + handwritten(6)) == 0


def test_the_sharp_edge_of_a_shadow_is_no_ink():
    """The paper's brightness (`paper_and_ink.paper_brightness`) keeps a shadow's step from
    paper to paper half as bright: along its dark side no band reads as ink but the two pixels
    that scaling it back from a quarter of the size blurs, where a blur of the paper found once
    made one half a window wide (16 px here)."""
    image = np.full((480, 640), 200, np.float32)
    image[:, 320:] = 110
    ink = paper_and_ink.ink_strength(image, paper_and_ink.paper_brightness(image))
    assert np.count_nonzero(ink.max(axis=0) > 0.05) <= 2


def test_print_is_print_whichever_way_the_page_is_turned():
    """Before the page's turn is known, a heading set up and down the photo is print as one set
    across it is (`typeset.printed`), and so is a line of print longer than any number
    (`pieces_of_ink.in_print_rows`); handwritten digits standing in a column are neither."""
    def sideways(pieces):
        return [blob(piece.mask.T, piece.y, piece.x) for piece in pieces]
    heading = [blob(np.ones((56, 40), bool), x, 102) for x in (0, 100, 200)] + \
        [blob(np.ones((78, 40), bool), x, 80) for x in (300, 350)] + [blob(np.ones((56, 40), bool), 50, 102)]
    assert typeset.printed(heading).all() and typeset.printed(sideways(heading)).all()
    letters = [blob(np.ones((9, 6), bool), x) for x in range(0, 8 * (pieces_of_ink.PRINT_ROW + 1), 8)]
    assert pieces_of_ink.in_print_rows(sideways(letters)).all()
    column = [blob(ring(width, 68 + n % 3, 8).mask, 100 - n % 2, 80 * n)  # no two alike
              for n, width in enumerate((38, 46, 41, 52, 44, 49, 36, 55))]
    assert not typeset.printed(column).any() and not pieces_of_ink.in_print_rows(column).any()


def test_digits_written_neatly_in_a_box_are_no_print_for_the_boxs_sides():
    """Five digits written in line in a box drawn around them, its top and bottom gone as paper
    lines: the box's sides, twice as tall, are no capitals that would make the digits a row of
    small letters standing in line to the pixel; the digits stay, and so do the sides (the
    lines' step takes them out: `without_frame_sides`)."""
    digits = [blob(np.ones((130 + n % 3, 60 + 7 * n), bool), 100 + 120 * n, 100 + n % 2)  # a neat hand: within 2 px of a line
              for n in range(5)]
    sides = [blob(np.ones((260, 16), bool), x, 35) for x in (20, 720)]
    pieces = [sides[0]] + digits + [sides[1]]
    assert not_digits.digits_only(pieces, judged(np.zeros(len(pieces))), height=130, stroke=16)[0] == pieces
    assert not_digits.without_frame_sides([pieces]) == [digits]


def test_a_lone_1_at_the_pages_edge_goes_and_a_lists_1_stays():
    """A line of one stroke read as 1 within a quarter of the digit height of the page's edge is
    the edge of a page or a shadow the frame cuts; a list's 1, in from the edge as its other
    lines are, stays, and so does a 1 at the edge beside other digits or read as another digit.
    A line of two specks there, each under half a digit, is the table or the sheet's rim; a
    digit's size, it stays."""
    def read_as(digit, piece):
        piece.probabilities = np.eye(10)[digit]
        return piece
    stroke = np.ones((80, 8), bool)
    at_edge = read_as(1, blob(stroke, x=10, y=500))  # 10 px from the left edge: within 0.25 x 80
    in_list = read_as(1, blob(stroke, x=30, y=300))
    seven = read_as(7, blob(np.ones((80, 40), bool), x=5, y=100))
    beside = [read_as(1, blob(stroke, x=10, y=700)), read_as(4, blob(np.ones((80, 40), bool), x=40, y=700))]
    lines = [[seven], [in_list], [at_edge], beside]
    assert not_digits.without_edge_strokes(lines, (1000, 800), height=80) == [[seven], [in_list], beside]
    specks = [read_as(7, blob(np.ones((30, 20), bool), x=300, y=960)), read_as(2, blob(np.ones((25, 25), bool), x=360, y=962))]
    digit = read_as(7, blob(np.ones((80, 40), bool), x=300, y=910))
    assert not_digits.without_edge_strokes([[seven], specks], (1000, 800), height=80) == [[seven]]  # the sheet's rim, the table
    assert not_digits.without_edge_strokes([[seven], [digit]], (1000, 800), height=80) == [[seven], [digit]]


def test_a_lone_1_between_two_surfaces_goes_and_a_1_on_one_paper_stays():
    """A shadow's sharp edge, or a sheet's edge on paper, reads as a 1 on a line of its own: the
    paper either side of it differs (here by 60 of 200 levels of the stroke's darkness). A 1 with
    one paper either side stays, and so does a line of two pieces, or a stroke read as 7, on
    such an edge."""
    grey = np.full((300, 600), 220, np.uint8)
    grey[:, 300:] = 160  # the shade right of the edge
    grey[100:180, 296:302] = 20  # the edge's dark rim, read as a 1
    grey[100:180, 100:106] = 20  # a written 1 on one paper

    def read_as(digit, piece):
        piece.probabilities = np.eye(10)[digit]
        return piece
    edge = read_as(1, blob(np.ones((80, 6), bool), x=296, y=100))
    written = read_as(1, blob(np.ones((80, 6), bool), x=100, y=100))
    beside = read_as(4, blob(np.ones((80, 40), bool), x=340, y=100))
    seven = read_as(7, blob(np.ones((80, 6), bool), x=296, y=100))
    lines = [[edge], [written], [edge, beside], [seven]]
    kept = not_digits.without_surface_edges(lines, grey, lambda piece: (piece.x, piece.y, piece.width, piece.height))
    assert kept == [[written], [edge, beside], [seven]]


def test_a_labels_figures_on_its_baseline_go_and_handwriting_beside_it_stays():
    """"Locker 17": the label's letters are print, and its figures, set one after another on
    the letters' baseline and level at the top, go with them; digits written after it stay,
    even one that comes as near the baseline and the figures' tops as they are, once a
    written digit stands between it and the print. Set before a label, figures go too."""
    letters = [blob(np.ones((height, 20), bool), x, 402 - height) for x, height in
               zip((82, 148, 180, 209, 242), (47, 32, 46, 32, 30))]  # L o k e r: on one baseline
    figures = [blob(np.ones((46, 23), bool), 287, 356), blob(np.ones((45, 28), bool), 317, 357)]  # 1 7, bottoms 402
    written = [blob(np.ones((height, 40), bool), 393 + 60 * n, top) for n, (height, top) in
               enumerate([(52, 356), (49, 355), (55, 350)])]  # bottoms 408, 404, 405
    pieces = letters + figures + written
    printed = np.arange(len(pieces)) < len(letters)
    found = not_digits.figures_on_its_baseline(pieces, printed, np.zeros(len(pieces), int))
    assert found.tolist() == [False] * len(letters) + [True, True] + [False] * len(written)
    before = [blob(piece.mask, piece.x - 260, piece.y) for piece in figures]  # "17 Locker"
    found = not_digits.figures_on_its_baseline(before + letters, np.arange(7) >= 2, np.zeros(7, int))
    assert found.tolist() == [True, True] + [False] * len(letters)


def test_letters_set_on_the_lines_of_print_beside_it_go_and_handwriting_beside_it_stays():
    """"Invoice No.": the word's letters are print; the N beside it, a word's space away, stands
    on its capital's line and its baseline, and the o after the N on its x-height and baseline
    (the N carries the row's lines on): both were set with it. Digits written after them stay,
    one on the baseline to the pixel, one level with the capitals: a hand sets one end of a
    digit on a label's lines by chance, not both; and so does a piece on both lines, but far
    from any print."""
    word = [blob(np.ones((38, 12), bool), 30, 362)] + [blob(np.ones((25, 20), bool), x, 375) for x in range(50, 190, 25)]
    set_with = [blob(np.ones((38, 30), bool), 215, 362), blob(np.ones((25, 20), bool), 250, 375)]  # N o
    written = [blob(np.ones((50, 40), bool), 320, 352), blob(np.ones((43, 40), bool), 380, 361),  # bottoms 402, 404
               blob(np.ones((38, 30), bool), 600, 362)]  # far beyond: on both lines
    pieces = word + set_with + written
    printed = np.arange(len(pieces)) < len(word)
    found = typeset.set_with_print(pieces, printed, np.zeros(len(pieces), int))
    assert found.tolist() == [True] * (len(word) + len(set_with)) + [False] * len(written)
    assert not typeset.set_with_print(pieces, np.zeros(len(pieces), bool), np.zeros(len(pieces), int)).any()


def printed(figure):
    """A printed figure's ink, cut to its width and standing on its baseline."""
    image = np.zeros((60, 40), np.uint8)
    cv2.putText(image, figure, (4, 48), cv2.FONT_HERSHEY_SIMPLEX, 1.4, 255, 3)
    rows, cols = np.nonzero(image)
    return image[:rows.max() + 1, cols.min():cols.max() + 1] > 0


def test_printed_figures_go_by_their_twins_and_handwritten_ones_stay():
    """Type prints a 0 alike each time: the two 0s and two 2s of a caption's date are the same
    ink, and the figures standing in line with them go too; no two digits of a hand are."""
    date = [printed(figure) for figure in "14052023"]
    caption = [blob(mask, 30 * n, 100 - mask.shape[0]) for n, mask in enumerate(date)]
    assert typeset.typeset_twins(caption, np.zeros(len(caption), int)).all()
    handwritten = [blob(ring(width, 40 + n % 3, 4).mask, 40 * n, 60 - n % 2)
                   for n, width in enumerate((24, 27, 21, 30, 33, 36))]
    ones = [blob(np.ones((40, 5), bool), x, 60) for x in (240, 250)]  # a hand's 11, upright: alike by their simplicity
    assert not typeset.typeset_twins(handwritten + ones, np.zeros(8, int)).any()


def test_a_tables_figures_go_by_twins_in_other_rows_and_two_alike_in_two_lines_stay():
    """A table sets the same figure in row after row, each cell a row of its own: a 5 alike two
    others elsewhere on the page is print, and the figures in line with it go too. Two digits
    alike in two lines, as a thick pen can write them, are not enough."""
    cells = ["15", "52", "75"]
    pieces = [blob(printed(figure), 30 * n, 100 * line + 100 - printed(figure).shape[0])
              for line, cell in enumerate(cells) for n, figure in enumerate(cell)]
    row = np.repeat(np.arange(len(cells)), 2)
    assert typeset.typeset_twins(pieces, row).all()
    assert not typeset.typeset_twins(pieces[:4], row[:4]).any()


def test_lines_longer_than_any_number_are_print():
    """A line of print is more than PRINT_ROW letters side by side, or a row of words (letters
    that touch) longer than PRINT_ROW of their heights, words of small letters beside words with
    ascenders and descenders; the longest line of handwritten digits here is neither, and a
    photo is print where such lines hold most of its ink: a printed heading over a sheet of
    digits is not."""
    letters = [blob(np.ones((9, 6), bool), x) for x in range(0, 8 * (pieces_of_ink.PRINT_ROW + 1), 8)]
    assert pieces_of_ink.in_print_rows(letters).all() and pieces_of_ink.print_share(letters) == 1
    assert not pieces_of_ink.in_print_rows(letters[:pieces_of_ink.PRINT_ROW]).any()
    words, x = [], 0
    while len(words) < 20:  # 'are', 'the', 'lodge', ...: x-height 9, an ascender and a descender 5 more each
        tall = len(words) % 3
        words.append(blob(np.ones((9 + 5 * tall, 6 * (3 + len(words) % 4)), bool), x, 10 - 5 * bool(tall)))
        x += words[-1].width + 5
    mean_height = np.mean([word.height for word in words])
    assert x > pieces_of_ink.PRINT_ROW * mean_height and pieces_of_ink.in_print_rows(words).all()
    assert not pieces_of_ink.in_print_rows(words[:8]).any()  # a short line: a heading, a caption
    digits = [blob(ring(45, 68, 8).mask, x, 100) for x in range(0, 60 * 34, 60)]  # 34 digits, an IBAN's length
    assert not pieces_of_ink.in_print_rows(digits).any() and pieces_of_ink.print_share(digits) == 0
    assert 0 < pieces_of_ink.print_share(letters + digits) < 0.5
    assert pieces_of_ink.print_share([]) == 0


def test_a_line_of_touching_digits_the_judge_doubts_is_no_row_of_print():
    """Cut apart, touching digits are pieces the judge finds likely parts of digits, side by
    side like letters: they stay, being as tall as the handwriting and drawn with its pen;
    the same row half as tall, or drawn with a pen half as wide, is print and goes."""
    doubted = np.zeros((4, len(models.CLASSES)))
    doubted[:, models.CLASSES.index("part of a digit")] = 0.85
    doubted[:, models.CLASSES.index("digit")] = 0.15
    line = [blob(ring(width, 68, 8).mask, x, 100) for x, width in zip(range(0, 200, 50), (45, 42, 47, 39))]  # no two alike
    assert not_digits.digits_only(line, doubted, height=70, stroke=8)[0] == line
    short = [blob(ring(22, 34, 8).mask, x, 100) for x in range(0, 100, 25)]
    assert not_digits.digits_only(short, doubted, height=70, stroke=8)[0] == []
    fine = [blob(ring(45, 68, 3).mask, x, 100) for x in range(0, 200, 50)]
    assert not_digits.digits_only(fine, doubted, height=70, stroke=8)[0] == []


def test_a_doubted_piece_goes_when_it_is_also_small_or_thin():
    doubted = judged([0.4])
    small = blob(np.ones((30, 20), bool))  # under half the handwriting's height
    assert not_digits.digits_only([small], doubted, height=70, stroke=8)[0] == []
    digit = blob(np.ones((70, 45), bool))
    assert not_digits.digits_only([digit], doubted, height=70, stroke=8)[0] == [digit]
    thin = blob(np.pad(np.ones((70, 2), bool), ((0, 0), (10, 10))))  # a stroke a quarter of the pen's width
    assert not_digits.digits_only([thin], judged([0.9]), height=70, stroke=8)[0] == []


def test_a_line_of_strokes_narrower_than_the_pen_goes_and_a_thin_one_among_digits_stays():
    """What the paper-line step leaves of a line down (cut where digits cross it) or of a ruler's
    ends: upright strokes the judge takes for 1s, narrower than the pen, in lines of their own.
    A 1 is at least as wide as the pen it is written with, and beside other digits it stays
    however narrow."""
    pen = 8
    digits = [blob(ring(width, 70, pen).mask, x, 200) for x, width in zip(range(0, 150, 50), (45, 41, 48))]  # no two alike
    one = blob(np.ones((70, pen), bool), 150, 200)
    grid = [blob(np.ones((150, 5), bool), x, 0) for x in (20, 120)]
    sliver = blob(np.ones((70, 5), bool), 200, 200)
    pieces = grid + digits + [one, sliver]

    def read(pieces):
        kept = not_digits.digits_only(pieces, judged(np.zeros(len(pieces))), height=70, stroke=pen)[0]
        return not_digits.without_stroke_lines(layout.reading_order(kept, 70), stroke=pen)
    assert read(pieces) == [digits + [one, sliver]]
    assert read([one]) == [[one]]


def test_a_1_of_a_list_narrower_than_the_pen_stays_and_a_stroke_between_numbers_goes():
    """Straightened, a list's 1 can come out a pixel narrower than the pen: alone on its line,
    drawn with the pen, under the line before's single digit and over the next's, it stays; the
    same stroke between lines of numbers, and a thin remnant of a line in the list, go."""
    pen = 8

    def zero(x, y):
        return blob(ring(30, 60, pen).mask, x, y)
    one = blob(np.ones((60, pen - 1), bool), 100, 100)
    thin = blob(np.ones((60, 2), bool), 100, 100)
    assert one.stroke >= not_digits.OWN_PEN * pen > thin.stroke
    above, below = [zero(90, 0)], [zero(95, 200)]
    assert not_digits.without_stroke_lines([above, [one], below], pen) == [above, [one], below]
    assert not_digits.without_stroke_lines([above, [thin], below], pen) == [above, below]
    numbers = [[zero(50, 0), zero(90, 0)], [zero(55, 200), zero(95, 200)]]
    assert not_digits.without_stroke_lines([numbers[0], [one], numbers[1]], pen) == numbers


def test_a_line_of_strokes_under_half_the_pen_goes_however_they_lean():
    """What a grid or a sheet's edge leaves below the last line: a slanting stroke, as wide as
    the pen across but drawn under half its width; a line of its own, or of such strokes read
    as 1s, goes, where a 1 drawn with the pen beside it keeps the line (`without_thin_ones`
    judges a thin 1 beside digits)."""
    pen = 8
    mask = np.zeros((60, 10), bool)
    mask[np.arange(60), np.arange(60) // 6] = True
    remnant = blob(mask, 100, 300)
    assert remnant.width >= pen and remnant.stroke < not_digits.THIN * pen
    digits = [[blob(ring(30, 60, pen).mask, x, 0) for x in (60, 100)]]
    assert not_digits.without_stroke_lines(digits + [[remnant]], pen) == digits
    one = blob(np.ones((60, pen), bool), 100, 300)
    assert not_digits.without_stroke_lines(digits + [[one]], pen) == digits + [[one]]
    pair = [remnant, blob(mask, 140, 300)]  # two of them, each read as 1: what a grid leaves as "11"
    for piece in pair + [one]:
        piece.probabilities = np.eye(10)[1]
    assert not_digits.without_stroke_lines(digits + [pair], pen) == digits
    assert not_digits.without_stroke_lines(digits + [[remnant, one]], pen) == digits + [[remnant, one]]


def test_the_sides_of_a_box_around_a_line_go_and_a_tall_1_at_its_end_stays():
    """The paper-line step takes a box's top and bottom and leaves its sides at the line's ends,
    reaching above the digits and below them; a 1 written taller rises above them only
    (sheet_c's last 1 stands twice as tall as its line)."""
    digits = [blob(ring(40, 60).mask, x, 100 + drop) for x, drop in zip(range(60, 300, 60), (0, 3, -2, 1))]
    sides = [blob(np.ones((120, 6), bool), x, 70) for x in (20, 320)]  # 30 px above the digits and below
    tall_one = blob(np.ones((110, 8), bool), 320, 52)  # its foot on the line
    assert not_digits.without_frame_sides([[sides[0], *digits, sides[1]]]) == [digits]
    assert not_digits.without_frame_sides([[*digits, tall_one]]) == [[*digits, tall_one]]
    tight = [blob(np.ones((96, 6), bool), x, 82) for x in (20, 320)]  # a box drawn close: 18 px, 0.3 of a digit, beyond them
    assert not_digits.without_frame_sides([[tight[0], *digits, tight[1]]]) == [digits]


def test_a_line_of_one_or_two_small_pieces_beside_the_handwriting_goes_but_a_lists_line_stays():
    """Two lines of digits 40 px tall and one of two pieces 20 px tall (a caption's last
    letters): the small line goes. Where every line is that small, all stay; and a list's
    line, one small number between lines of one number over its columns, stays."""
    def digit(x, y, height=40):
        return blob(np.ones((height, 20), bool), x, y)
    full = [[digit(0, 0), digit(30, 0), digit(60, 0)], [digit(0, 60), digit(30, 60)]]
    small = [digit(0, 120, 20), digit(30, 120, 20)]
    assert not_digits.without_small_lines(full + [small], height=40) == full
    all_small = [small, [digit(0, 160, 20)]]
    assert not_digits.without_small_lines(all_small, height=40) == all_small
    listed = [[digit(0, 0)], [digit(0, 60, 20)], [digit(0, 120)]]
    assert not_digits.without_small_lines(listed, height=40) == listed


def test_a_stroke_still_part_of_a_digit_after_the_joins_goes_as_no_digit():
    """A loose tail that joined no digit: the judge is sure it is part of a digit, so no digit."""
    tail = blob(np.ones((50, 10), bool))
    part = np.zeros((1, len(models.CLASSES)))
    part[0, models.CLASSES.index("part of a digit")] = 0.99
    part[0, models.CLASSES.index("digit")] = 0.01
    assert not_digits.digits_only([tail], part, height=70, stroke=8)[0] == []
    assert not_digits.digits_only([tail], judged([0.0]), height=70, stroke=8)[0] == [tail]


def test_a_line_is_taken_out_and_the_stroke_crossing_it_stays_whole():
    ink = np.zeros((300, 600), np.float32)
    ink[150:153, 20:580] = 0.5  # a ruled line, far longer than the stroke is tall
    ink[100:200, 300:305] = 0.9  # a digit's stroke crossing it
    cleaned = paper_lines.without_paper_lines(ink, paper_and_ink.noise_floor(ink[::3, ::3]))
    assert not cleaned[150:153, 20:290].any() and not cleaned[150:153, 315:580].any()
    assert (cleaned[100:200, 300:305] == 0.9).all()


def test_a_line_down_is_taken_out_the_whole_way_past_the_digits_that_cut_it():
    """A line of squared paper runs through a digit of each line; between them and beyond, its
    parts are shorter than a paper line, and once followed from the long part they go too, all
    but the pixel beside each digit, which a stroke crossing the line there would pass through
    (`paper_lines.crossings`)."""
    ink = np.zeros((800, 600), np.float32)
    ink[10:790, 299:302] = 0.5
    for top in (140, 310):
        ink[top:top + 40, 280:320] = 0.9  # a digit's ink across it
    cleaned = paper_lines.without_paper_lines(ink, paper_and_ink.noise_floor(ink[::3, ::3]))
    assert not cleaned[10:139, 299:302].any() and not cleaned[181:309, 299:302].any()
    assert not cleaned[351:790, 299:302].any()
    assert (cleaned[145:175, 285:315] == 0.9).all() and (cleaned[315:345, 285:315] == 0.9).all()


@pytest.mark.parametrize("rows_a_column, width", [(3, 2), (2, 3)])
def test_a_stroke_thinner_than_the_line_it_crosses_stays_whole(rows_a_column, width):
    """A ruled line 4 px thick, and a slanted stroke crossing it, a column over every few rows:
    the stroke's pixels on the line run no longer down than the line's, yet they stay, and so
    the stroke is one piece (both cases came apart before `paper_lines.crossings`); the line
    beside it goes. Today a stroke 2 px wide, a column over every two rows, still comes apart."""
    ink = np.zeros((300, 600), np.float32)
    ink[148:152, 10:590] = 0.6  # the line
    for row in range(100, 200):
        left = 250 + (row - 100) // rows_a_column
        ink[row, left:left + width] = 0.9
    cleaned = paper_lines.without_paper_lines(ink, paper_and_ink.noise_floor(ink[::3, ::3]))
    count, _ = cv2.connectedComponents((cleaned > 0.3).astype(np.uint8), connectivity=8)
    assert count == 2  # the background and the stroke
    assert not cleaned[148:152, 10:260].any() and not cleaned[148:152, 290:590].any()


def test_a_line_broken_into_dashes_goes_and_a_row_of_flat_topped_0s_stays():
    """Ruling that faint or chalky ink breaks into dashes is followed across its gaps, where its
    dashes lie along half the image's width (DASHED_COVER) at least, and the stroke crossing it
    stays whole; the flat tops and bottoms of a row of 0s line up as well, and are as close,
    but along a third of it."""
    ink = np.zeros((400, 600), np.float32)
    ink[50:53, 10:590] = 0.5  # a whole line: the page is ruled
    for left in range(10, 590, 37):
        ink[250:253, left:left + 25] = 0.5  # a dashed one: 25 px of ink, 12 px of gap
    ink[200:300, 310:315] = 0.9  # a digit's stroke crossing it
    for left in range(100, 300, 52):
        ink[100:160, left:left + 40] = 0.9  # a 0 drawn as a box, a pen 3 px wide, 12 px from the next
        ink[103:157, left + 3:left + 37] = 0
    cleaned = paper_lines.without_paper_lines(ink, paper_and_ink.noise_floor(ink[::3, ::3]))
    assert not cleaned[250:253, 10:300].any() and not cleaned[250:253, 325:590].any()
    assert (cleaned[200:300, 310:315] == 0.9).all()
    assert np.array_equal(cleaned[90:170], ink[90:170])


@pytest.mark.parametrize("pen, stays", [(0.8, True), (0.42, False)])
def test_a_stroke_along_a_lighter_line_stays_and_one_no_darker_than_the_ruling_goes(pen, stays):
    """Ruling 2 px thick every 20 px, its shades 0.2-0.4, and a 0 drawn as a box whose top and
    bottom run along two of its lines: with a pen far darker than the ruling, the ink on the
    lines where the pen runs along them is the pen's and stays, so the 0 stays closed; with a
    pen no darker than the ruling's darkest tenth above its median, it cannot be told from the
    ruling's own darker dashes, and goes with the lines. The lines beside it go either way."""
    ruling = np.zeros((400, 600), np.float32)
    for top in range(20, 400, 20):
        ruling[top:top + 2] = 0.2 + 0.05 * (np.arange(600) % 5)
    drawn = np.zeros_like(ruling)
    drawn[100:162, 200:240] = pen  # the 0's box: its top on the line at 100, its bottom on the one at 160
    drawn[102:160, 203:237] = 0
    for top in range(20, 400, 20):
        drawn[top + 5:top + 17, 400:420:4] = pen  # more digits' strokes, between the lines
    ink = 1 - (1 - ruling) * (1 - drawn)  # ink over ink
    cleaned = paper_lines.without_paper_lines(ink, paper_and_ink.noise_floor(ink[::3, ::3]))
    assert (cleaned[100:102, 203:237] > 0).all() == stays and (cleaned[160:162, 203:237] > 0).all() == stays
    assert not cleaned[100:102, 300:590].any() and (cleaned[110:150, 200:203] > 0).all()


def test_short_strokes_are_not_paper_lines():
    ink = np.zeros((300, 600), np.float32)
    ink[150:153, 200:260] = 0.9  # a 7's bar, say: as long as a digit is wide
    assert np.array_equal(paper_lines.without_paper_lines(ink, paper_and_ink.noise_floor(ink[::3, ::3])), ink)


def test_a_negative_reads_as_the_photo(cnn, svm):
    image = make_photos.make_sheet(LINES, seed=0)
    assert pipeline.recognize(255 - image, cnn, svm)["lines"]["cnn"] == LINES
    grey = imaging.to_grey(image)
    assert np.array_equal(paper_and_ink.paper_up(grey), grey)
    assert np.array_equal(paper_and_ink.paper_up(255 - grey), grey)


def test_a_good_photo_has_no_warnings(cnn, svm, root):
    image = imaging.read_image(f"{root}/photo_2.png")
    assert pipeline.recognize(image, cnn, svm)["warnings"] == []


def test_a_blurred_photo_is_said_to_be_blurred(cnn, svm, root):
    image = cv2.GaussianBlur(imaging.read_image(f"{root}/photo_2.png"), (0, 0), 8)
    assert any("blurred" in warning for warning in pipeline.recognize(image, cnn, svm)["warnings"])


def test_a_photo_too_small_for_its_digits_is_said_to_be(cnn, svm, root):
    image = imaging.read_image(f"{root}/photo_2.png")
    small = cv2.resize(image, None, fx=0.15, fy=0.15, interpolation=cv2.INTER_AREA)
    assert any("px tall" in warning for warning in pipeline.recognize(small, cnn, svm)["warnings"])


def test_a_huge_region_is_warned_of_and_outlines_and_ruling_are_no_ink(cnn, svm):
    """A ring read as a digit is far larger than a digit; an outline spanning most of the photo
    (OUTLINE_SPAN) and ruled paper with nothing written on it are no writing: no digits, and no
    'lot of ink' warning, the ink being the pieces that stand out (`photo_warnings.ink_share`)."""
    ring = np.full((600, 800, 3), 230, np.uint8)
    cv2.ellipse(ring, (400, 300), (215, 160), 0, 0, 360, (30, 30, 30), 30)  # a third of the photo's area
    assert any("far larger" in warning for warning in pipeline.recognize(ring, cnn, svm)["warnings"])
    disc = np.full((600, 800, 3), 230, np.uint8)
    cv2.circle(disc, (400, 300), 250, (30, 30, 30), 40)
    ruled = np.full((600, 800, 3), 230, np.uint8)
    for y in range(20, 580, 14):
        cv2.line(ruled, (10, y), (790, y + 6), (40, 40, 40), 4)
    for blank in (disc, ruled):
        result = pipeline.recognize(blank, cnn, svm)
        assert result["digits"] == [] and result["warnings"] == []


def test_warnings_go_to_stderr_and_the_json(tmp_path, root, capsys):
    blurred = tmp_path / "blurred.png"
    cv2.imwrite(str(blurred), cv2.GaussianBlur(cv2.imread(f"{root}/photo_2.png"), (0, 0), 8))
    performRecognition.main([str(blurred), "--json", "--out", str(tmp_path / "out"),
                             "--cnn", f"{root}/cnn.h5", "--svm", f"{root}/digits_cls.pkl"])
    printed = capsys.readouterr()
    assert "warning: the photo is too blurred" in printed.err
    assert "blurred" in " ".join(json.loads(printed.out)["warnings"])



def ruled_sheet(pen=(30, 30, 30), ruling=(235, 180, 120), lines=True, paper=(245, 245, 245)):
    """Paper of the colour `paper` (BGR) with strokes of `pen` crossed by ruling of the colour
    `ruling` (printed on the paper: the two multiplied) every 12 px."""
    sheet = np.full((400, 600, 3), paper, np.uint8)
    if lines:
        for y in range(6, 400, 12):
            cv2.line(sheet, (0, y), (599, y), tuple(round(p * r / 255) for p, r in zip(paper, ruling)), 2)
    for x in range(60, 560, 50):
        cv2.line(sheet, (x, 120), (x + 20, 260), pen, 5)
    return sheet


def framed_sheet(pen=(40, 40, 200), frame=(30, 30, 30)):
    """White paper with digit-sized strokes of `pen` in a frame of `frame` (BGR) around them."""
    sheet = np.full((400, 600, 3), 245, np.uint8)
    for x in range(80, 520, 60):
        cv2.line(sheet, (x, 150), (x + 15, 230), pen, 5)
    cv2.rectangle(sheet, (40, 100), (560, 300), frame, 6)
    return sheet


def test_coloured_ruling_under_a_grey_pen_fades_and_the_strokes_stay():
    """`paper_and_ink.ink_grey`: blue ruling under a black pen is weighed away, on white and on
    warm paper (where the paper's own blue is the dimmest channel): the lines are as light as
    the paper, the strokes dark, also where a line crosses them. A blue pen on blue ruling, a
    sheet without lines, red digits in a black frame (colour that fades a digit at a time, not
    across the page) and a grey image stay plain grey."""
    for paper in ((245, 245, 245), (185, 215, 235)):
        sheet = ruled_sheet(paper=paper)
        assert paper_and_ink.ruling_weights(sheet) is not None
        grey = paper_and_ink.ink_grey(sheet)
        assert abs(int(grey[6, 300]) - int(grey[12, 300])) <= 8  # a line, the paper beside it
        stroke = grey[120:260, 60:85][imaging.to_grey(sheet)[120:260, 60:85] < 60]
        assert stroke.max() <= 90 and imaging.to_grey(ruled_sheet(paper=paper))[6, 300] < grey[12, 300] - 20
    for plain in (ruled_sheet(pen=(150, 40, 20)), ruled_sheet(lines=False), framed_sheet(),
                  cv2.cvtColor(ruled_sheet(), cv2.COLOR_BGR2GRAY)):
        assert np.array_equal(paper_and_ink.ink_grey(plain), imaging.to_grey(plain))


def with_colour_blocks(photo, spread, seed=0):
    """The photo (BGR uint8) with a JPEG's blocks of colour: each 8x8 block bluer or redder by a
    random amount (`spread` levels of blue, its standard deviation), its grey unchanged."""
    blue = np.random.default_rng(seed).normal(0, spread, (photo.shape[0] // 8, photo.shape[1] // 8))
    blue = cv2.resize(blue, photo.shape[1::-1], interpolation=cv2.INTER_NEAREST)
    shift = np.dstack([blue, np.zeros_like(blue), -0.114 / 0.299 * blue])  # grey's weights: blue 0.114, red 0.299
    return np.clip(photo + shift, 0, 255).astype(np.uint8)


def test_ruling_is_weighed_away_where_the_noise_grows_but_the_pen_stands_well_above_it():
    """Colour blocks over blue ruling: weighed, the paper's noise grows nearly five times (so much
    that a rule of three times kept real_03's ruled copy grey), but the pen stands six times above
    it, and the lines go; blocks three times as strong leave the pen's faint edges under the
    noise, and the plain grey is kept."""
    sheet = with_colour_blocks(ruled_sheet(), 4)
    grey = paper_and_ink.ink_grey(sheet)
    assert abs(int(grey[6, 300]) - int(grey[12, 300])) <= 8  # a line, the paper beside it
    noisy = with_colour_blocks(ruled_sheet(), 12)
    assert np.array_equal(paper_and_ink.ink_grey(noisy), imaging.to_grey(noisy))


def in_dim_light(photo, brightness, noise, seed):
    """The photo (BGR uint8) as a phone takes it in dim light: darker, its contrast bent (gamma
    1.8), and the sensor's noise (`noise` grey levels, each pixel its own) over it."""
    rng = np.random.default_rng(seed)
    dim = 255 * brightness * (photo / 255.0) ** 1.8 + rng.normal(0, noise, photo.shape)
    return np.clip(dim, 0, 255).astype(np.uint8)


@pytest.mark.parametrize("brightness, noise", [(0.45, 28), (0.3, 20)])
def test_a_sheet_in_dim_light_is_read_and_blank_paper_so_gives_no_digits(cnn, svm, brightness, noise):
    """A sensor's noise this strong stands above ink and faint ink alike, pixel by pixel (without
    averaging it out, 0 and 1 of these three sheets were read); blank paper in the same light
    holds no ink."""
    for seed in range(3):
        photo = in_dim_light(make_photos.make_sheet(LINES, seed=seed), brightness, noise, seed)
        assert pipeline.recognize(photo, cnn, svm)["lines"]["cnn"] == LINES, seed
    blank = in_dim_light(np.full((600, 900, 3), 235, np.uint8), brightness, noise, 0)
    assert pipeline.recognize(blank, cnn, svm)["digits"] == []


def test_a_1_drawn_far_thinner_than_its_line_goes_and_one_drawn_with_its_pen_stays():
    """A line of three digits 4 px thick and a 1 px stroke the CNN reads as 1 (what thick
    ruling leaves of a line down): the stroke goes; a 1 as thick as the others stays, and so
    does a thin 1 in a line too short to measure its pen by."""
    def piece(x, width, digit):
        found = blob(np.ones((40, width), bool), x=x)
        found.probabilities = np.eye(10)[digit]
        return found
    line = [piece(0, 4, 7), piece(20, 4, 1), piece(40, 1, 1), piece(60, 4, 7)]
    assert [found.x for found in not_digits.without_thin_ones([line])[0]] == [0, 20, 60]
    assert len(not_digits.without_thin_ones([line[1:3]])[0]) == 2


def test_a_digit_written_up_to_a_frames_side_comes_apart_from_it_and_a_curve_gives_nothing():
    """A frame 200 x 150 px drawn 3 px thick, a 0 written into its top side from below: once
    the frame's lines go, the 0 is the one piece left. A long curve holds no such lines, and
    gives nothing."""
    mask = np.zeros((160, 210), np.uint8)
    cv2.rectangle(mask, (5, 5), (204, 154), 1, 3)
    cv2.ellipse(mask, (60, 26), (12, 18), 0, 0, 360, 1, 3)  # its top in the frame's top side
    pieces = paper_lines.without_long_lines(blob(mask.astype(bool)), 100)
    assert len(pieces) == 1 and 24 <= pieces[0].width <= 32 and pieces[0].y + pieces[0].height >= 44, pieces
    scribble = cv2.ellipse(np.zeros((160, 210), np.uint8), (105, 80), (95, 60), 10, 0, 300, 1, 3)
    assert paper_lines.without_long_lines(blob(scribble.astype(bool)), 100) is None


def test_ink_levels_are_found_where_no_paper_lies_clear_of_ink():
    """A strip three pixels wide, its middle column ink: no pixel is paper all over its 3x3
    neighbours, so the grain cannot be measured; the floor and Otsu's split set the levels
    (the fuzz test found this crashing)."""
    ink = np.zeros((30, 3), np.float32)
    ink[:, 1] = 0.8
    weak, strong = paper_and_ink.ink_thresholds(ink, np.ones(ink.shape, bool))
    assert 0 < weak <= strong < 0.8
