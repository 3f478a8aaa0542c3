"""The webcam clip report: frames of a sheet held up to a camera, and a run over the samples."""

import json
import os
import shutil

import numpy as np

import video_report
from digitreader import imaging


def test_a_held_sheet_gives_webcam_frames_each_placed_otherwise(root):
    photo = imaging.read_image(os.path.join(root, "photo_1.png"))
    frames = list(video_report.held_frames(photo, 3, np.random.default_rng(0)))
    assert [frame.shape for frame in frames] == [(480, 640, 3)] * 3 and all(frame.dtype == np.uint8 for frame in frames)
    assert not np.array_equal(frames[0], frames[1])
    desk = frames[0][:4, :4].reshape(-1, 3).mean(axis=0)  # a corner of the frame is desk, not sheet
    assert np.abs(desk - video_report.DESK).max() < 25


def test_the_report_counts_frames_read_exactly_frame_by_frame_and_steadied(tmp_path, root, capsys):
    with open(os.path.join(root, "photos.json")) as file:
        truth = json.load(file)
    for name in truth:
        shutil.copy(os.path.join(root, name), tmp_path / name)
    (tmp_path / "truth.json").write_text(json.dumps(truth))
    clip = tmp_path / "held.avi"
    video_report.main([str(tmp_path), "--seconds", "0.4", "--keep", str(clip)])
    printed = capsys.readouterr().out
    rows = {line.split(" | ")[0].strip("| "): line for line in printed.splitlines() if line.startswith("| ")}
    assert rows["photo_1.png"].startswith("| photo_1.png | 6 | ") and rows["all"].startswith("| all | 12 | ")
    assert rows["photo_1.png"].endswith("| exact |") and "2 of 2 exact" in rows["all"]
    assert "Frames a second" in printed and clip.stat().st_size > 0
