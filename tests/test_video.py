"""Videos: a clip made with cv2.VideoWriter (Motion JPEG) read frame by frame through the
command line, and clips that are damaged, empty or cut short."""

import csv
import json
import os

import cv2
import numpy as np
import pytest

import performRecognition
from digitreader import imaging, paper_and_ink, pipeline, video

FPS = 5
SIZE = (640, 480)
FIRST, SECOND = 3, 2  # frames of photo_1.png, then of photo_2.png


def run(argv, capsys):
    """performRecognition.main(argv): (exit code, or the message it exits with; stdout; stderr)."""
    try:
        performRecognition.main(argv)
        code = 0
    except SystemExit as end:
        code = end.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def frames(root):
    """The two sample photos as 640x480 webcam frames."""
    return [cv2.resize(imaging.read_image(os.path.join(root, name)), SIZE, interpolation=cv2.INTER_AREA)
            for name in ("photo_1.png", "photo_2.png")]


def make_clip(path, images):
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), FPS, SIZE)
    for image in images:
        writer.write(image)
    writer.release()
    return path


def test_every_frame_of_a_clip_is_read_with_its_number_and_time(tmp_path, capsys, frames):
    """--json gives one object per frame, numbered from 0, its time frame / fps, each read as
    the frame alone would be; the annotated clip holds every frame; --csv rows carry the frame."""
    clip = make_clip(tmp_path / "sheets.avi", [frames[0]] * FIRST + [frames[1]] * SECOND)
    out = tmp_path / "out"
    code, printed, _ = run([str(clip), "--json", "--out", str(out), "--csv", str(tmp_path / "digits.csv")], capsys)
    assert code == 0
    records = [json.loads(line) for line in printed.splitlines()]
    assert [record["frame"] for record in records] == list(range(FIRST + SECOND))
    assert [record["time"] for record in records] == pytest.approx([n / FPS for n in range(FIRST + SECOND)])
    reader = pipeline.Reader()
    alone = [reader.read(image)["lines"]["cnn"] for _, _, image in video.Clip(str(clip))]
    assert [record["lines"]["cnn"] for record in records] == alone
    assert alone[0][0] == "40715283" and alone[0] != alone[-1]  # photo_1's first line; two sheets
    steady = [record["steady"]["cnn"] for record in records]  # the first sheet's until the second holds two frames of three
    assert steady == [alone[0]] * (FIRST + 1) + [alone[-1]] * (SECOND - 1)
    result = records[0]["result"]
    assert os.listdir(out) == [os.path.basename(result)]
    written = cv2.VideoCapture(result)
    assert int(written.get(cv2.CAP_PROP_FRAME_COUNT)) == FIRST + SECOND
    with open(tmp_path / "digits.csv") as file:
        rows = list(csv.DictReader(file))
    assert {int(row["frame"]) for row in rows} == set(range(FIRST + SECOND))


def test_the_text_output_names_the_clip_and_prints_the_steady_reading_where_it_changes(tmp_path, capsys, frames):
    """At 5 frames a second the last half second holds three frames: the second sheet's
    reading is printed once two of them are of it."""
    clip = make_clip(tmp_path / "sheets.avi", [frames[0]] * FIRST + [frames[1]] * SECOND)
    code, printed, _ = run([str(clip), "--out", str(tmp_path / "out")], capsys)
    lines = printed.splitlines()
    assert code == 0 and lines[0].startswith(f"{clip}: {FIRST + SECOND} frames at {FPS} a second")
    assert [line.split(":")[0].strip() for line in lines[1:]] == ["frame 0 (0.00 s)", f"frame {FIRST + 1} ({(FIRST + 1) / FPS:.2f} s)"]


def test_a_folder_holds_videos_as_well_as_photos(tmp_path, capsys, frames):
    make_clip(tmp_path / "a.avi", [frames[0]])
    cv2.imwrite(str(tmp_path / "b.png"), frames[1])
    code, printed, _ = run([str(tmp_path), "--json", "--out", str(tmp_path / "out")], capsys)
    records = [json.loads(line) for line in printed.splitlines()]
    assert code == 0 and [(os.path.basename(r["image"]), r.get("frame")) for r in records] == [("a.avi", 0), ("b.png", None)]


@pytest.mark.parametrize("content, problem", [
    (b"this is no video at all" * 10, "cannot be opened as a video"),
    (b"", "empty file"),
    ("no frames", "no frames"),
    (None, "no such file"),
])
def test_a_bad_video_gets_one_line_and_nothing_is_written(tmp_path, capsys, content, problem):
    path = tmp_path / "clip.avi"
    if content == "no frames":
        make_clip(path, [])
    elif content is not None:
        path.write_bytes(content)
    code, printed, err = run([str(path), "--out", str(tmp_path / "out")], capsys)
    assert code == 1 and printed == ""
    assert err.strip().splitlines() == [err.strip()] and str(path) in err and problem in err
    assert not (tmp_path / "out").exists() or os.listdir(tmp_path / "out") == []


def test_a_clip_cut_short_keeps_what_was_read_and_says_where_it_stopped(tmp_path, capsys, frames):
    whole = make_clip(tmp_path / "whole.avi", [frames[0]] * 8)
    cut = tmp_path / "cut.avi"
    cut.write_bytes(whole.read_bytes()[:os.path.getsize(whole) // 2])
    code, printed, err = run([str(cut), "--json", "--out", str(tmp_path / "out")], capsys)
    records = [json.loads(line) for line in printed.splitlines()]
    assert 0 < len(records) < 8 and code == 0
    assert f"the video stopped at frame {len(records)} of 8" in err
    assert os.listdir(tmp_path / "out") == [os.path.basename(records[0]["result"])]


def test_no_such_camera_gets_one_line_before_the_models_load(capsys, tmp_path):
    code, printed, err = run(["--camera", "9", "--cnn", str(tmp_path / "missing.h5")], capsys)
    assert printed == "" and err == ""
    assert code == "performRecognition.py: camera 9: there is no such camera, or another program holds it; " \
                          "check --camera (0 is the first)"


def test_a_camera_and_images_together_are_refused(capsys):
    code, _, err = run(["--camera", "0", "photo.png"], capsys)
    assert code == 2 and "not both" in err


def test_a_live_source_is_read_frame_by_frame_until_it_ends(tmp_path, capsys, frames):
    """`read_live` on a capture that gives the clip's frames, as a camera would: each frame one
    JSON object (numbered from 0, its time counted from the start) and CSV rows; a line on
    stderr says how many frames were read."""
    clip = make_clip(tmp_path / "live.avi", [frames[0]] * 2 + [frames[1]] * 2)
    args = performRecognition.parse_args(["--camera", "0", "--json"])
    rows = performRecognition.read_live(pipeline.Reader(), cv2.VideoCapture(str(clip)), args)
    printed, err = capsys.readouterr()
    records = [json.loads(line) for line in printed.splitlines()]
    assert [record["frame"] for record in records] == [0, 1, 2, 3]
    assert all(record["image"] == "camera 0" for record in records)
    assert records[0]["time"] <= records[-1]["time"] and records[0]["lines"] != records[-1]["lines"]
    assert {row["frame"] for row in rows} == {0, 1, 2, 3}
    assert "camera 0: 4 frames read" in err


def steady_lines(readings, fps=10):
    """The steady CNN lines after each of `readings` (lists of line texts), frames `fps` a second."""
    steadied = video.Steadied()
    return [steadied.add({"cnn": lines}, frame / fps)["cnn"] for frame, lines in enumerate(readings)]


def test_a_frame_that_misreads_is_outvoted_by_the_frames_around_it():
    sheet, misread = ["0522", "1234"], ["0522", "1284"]
    assert steady_lines([sheet, sheet, misread, sheet, misread, sheet]) == [sheet] * 6


def test_each_line_is_voted_on_among_the_frames_that_read_as_many_lines():
    """No frame reads both lines right, but most read each of them right; a frame that missed a
    line does not count for the lines."""
    readings = [["12", "34"], ["12", "39"], ["17", "34"], ["12"], ["12", "34"]]
    assert steady_lines(readings)[2:] == [["12", "34"], ["12", "34"], ["12", "34"]]


def test_a_new_sheet_takes_over_once_it_holds_half_the_last_half_second():
    """At 10 frames a second the stretch holds five frames; on a tie the newest reading wins."""
    first, second = ["111"], ["222"]
    steady = steady_lines([first] * 6 + [second] * 4)
    assert steady == [first] * 8 + [second] * 2
    assert steady_lines([first, second]) == [first, second]


def frame_read(turn, confidence, digits=3):
    return {"page": {"turn": turn, "turn_confidence": confidence}, "digits": [{}] * digits}


def test_a_sure_turn_is_kept_for_the_frames_of_the_next_second_then_judged_again():
    kept = video.KeptTurn()
    assert kept.known(0.0) is None
    kept.found(frame_read(90, 0.99), 0.0)
    assert kept.known(0.5) == (90, 0.99) and kept.known(0.99) == (90, 0.99)
    kept.found(frame_read(90, 0.99), 0.5)  # read with the kept turn: not judged again
    assert kept.known(1.0) is None  # a second after it was judged
    kept.found(frame_read(180, 0.95), 1.0)
    assert kept.known(1.2) == (180, 0.95)


def test_ruling_of_a_colour_is_measured_once_a_second_and_kept_between():
    """`KeptRuling.at(seconds)` measures a frame's ruling of a colour on the sheet it found, and
    gives the frames of the next second what it measured; then it measures again."""
    measured = []

    def measure(image, sheet):
        measured.append(sheet)
        return np.full(3, len(measured))
    kept = video.KeptRuling(measure=measure)
    assert kept.at(0.0)("frame", "its sheet")[0] == 1 and measured == ["its sheet"]
    assert kept.at(0.5)("frame", "moved")[0] == 1 and kept.at(0.99)("frame", None)[0] == 1 and len(measured) == 1
    assert kept.at(1.0)("frame", "a second on")[0] == 2 and measured[-1] == "a second on"


def test_frames_of_a_sheet_ruled_in_blue_read_as_its_photo_reads(frames):
    """photo_1 as a webcam sees it, ruled in light blue every 16 px, held still for six frames (a
    second and a fifth): its ruling measured on the first frame and the sixth only, and every
    frame read as the photo is, "40715283"."""
    ruling = np.ones(frames[0].shape, np.float32)
    for y in range(10, SIZE[1], 16):
        ruling[y:y + 2] = np.array((235, 180, 120)) / 255  # printed on the paper: the two multiplied
    sheet = (frames[0] * ruling).astype(np.uint8)
    reader = pipeline.Reader()
    photo = reader.read(sheet)
    assert photo["lines"]["cnn"] == ["40715283"]
    measured = []

    def measure(image, corners):
        measured.append(corners)
        return paper_and_ink.ruling_weights(image, corners)
    held = video.FrameReader(reader, video.KeptRuling(measure=measure))
    for frame in range(6):
        assert held.read(sheet, frame / FPS)[0]["lines"] == photo["lines"]
    assert len(measured) == 2 and held.ruling.weights is not None  # blue ruling, seen on the sheet


def test_an_unsure_turn_or_a_frame_without_digits_keeps_no_turn():
    kept = video.KeptTurn()
    kept.found(frame_read(0, 0.8), 0.0)  # in doubt (a warning says so)
    assert kept.known(0.1) is None
    kept.found(frame_read(0, 1.0, digits=0), 0.1)  # upright for want of evidence
    assert kept.known(0.2) is None
