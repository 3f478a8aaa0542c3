"""Video in and out: a clip's frames read one by one with their time into the clip, a camera
read live, and the annotated clip written beside the photos' results, whole or not at all.

    clip = video.Clip("sheet.mp4")
    with video.ClipWriter("results", "sheet", clip.fps, clip.size) as out:
        for frame, seconds, image in clip:
            out.write(image)
    clip.stopped_early()  # a message when the clip broke off before its end, else None
"""

import os

import cv2

from . import errors, imaging

WRITERS = ((".mp4", "mp4v"), (".avi", "MJPG"))  # The annotated clip: MPEG-4 where OpenCV has it, else Motion JPEG.
DEFAULT_FPS = 25.0  # A clip that does not say its frame rate is taken at this one.


def is_video(path):
    """Whether `path` names a video by its extension (`imaging.VIDEO_EXTENSIONS`)."""
    return os.path.splitext(path)[1].lower() in imaging.VIDEO_EXTENSIONS


class Clip:
    """The frames of the video at `path`, as (frame number from 0, seconds into the clip, BGR
    image); RecognitionError, saying what is wrong, when it cannot be opened or holds no frame."""

    def __init__(self, path):
        imaging.check_file(path)
        self.path = path
        self.capture = cv2.VideoCapture(path)
        if not self.capture.isOpened():
            raise errors.RecognitionError(f"{path}: cannot be opened as a video (the file is damaged, or OpenCV "
                                          "lacks its codec); convert it to MP4 or AVI and try again")
        self.fps = self.capture.get(cv2.CAP_PROP_FPS) or DEFAULT_FPS
        self.size = (int(self.capture.get(cv2.CAP_PROP_FRAME_WIDTH)), int(self.capture.get(cv2.CAP_PROP_FRAME_HEIGHT)))
        self.expected = max(0, int(self.capture.get(cv2.CAP_PROP_FRAME_COUNT)))  # what the file says; 0 if it does not
        self.read = 0
        ok, self.first = self.capture.read()
        if not ok or self.first is None or self.first.size == 0:
            self.capture.release()
            raise errors.RecognitionError(f"{path}: a video with no frames in it")

    def __iter__(self):
        image = self.first
        while image is not None:
            yield self.read, self.read / self.fps, image
            self.read += 1
            ok, image = self.capture.read()
            if not ok:
                image = None
        self.capture.release()

    def stopped_early(self):
        """What to say when the clip broke off before the frames it says it holds, else None."""
        if self.expected and self.read < self.expected:
            return f"the video stopped at frame {self.read} of {self.expected}; the frames before it were read"
        return None


def open_camera(index):
    """Camera `index` opened (cv2.VideoCapture), keeping at most one frame waiting, so that a
    frame read is the newest and those a slow reader missed are dropped; RecognitionError when
    there is no such camera."""
    capture = cv2.VideoCapture(index)
    if not capture.isOpened():
        raise errors.RecognitionError(f"camera {index}: there is no such camera, or another program holds it; "
                                      "check --camera (0 is the first)")
    capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
    return capture


class ClipWriter:
    """The annotated clip `<name>_result.mp4` in `folder` (`.avi` where OpenCV cannot write
    MPEG-4), written to a temporary file and moved into place only when closed whole."""

    def __init__(self, folder, name, fps, size):
        self.size = size
        for extension, codec in WRITERS:
            self.path = os.path.join(folder, f"{name}_result{extension}")
            self.temporary = imaging.temporary_beside(self.path)
            self.writer = cv2.VideoWriter(self.temporary, cv2.VideoWriter_fourcc(*codec), fps, size)
            if self.writer.isOpened():
                return
            os.remove(self.temporary)
        raise errors.RecognitionError(f"{folder}: OpenCV can write no video here (no MPEG-4 or Motion JPEG codec)")

    def write(self, image):
        if (image.shape[1], image.shape[0]) != self.size:
            image = cv2.resize(image, self.size, interpolation=cv2.INTER_AREA)
        self.writer.write(image)

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        self.writer.release()
        if kind is None:
            os.replace(self.temporary, self.path)
        elif os.path.exists(self.temporary):
            os.remove(self.temporary)
        return False
