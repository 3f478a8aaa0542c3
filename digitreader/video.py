"""Video in and out: a clip's frames read one by one with their time into the clip, a camera
read live, and the annotated clip written beside the photos' results, whole or not at all.

    clip = video.Clip("sheet.mp4")
    with video.ClipWriter("results", "sheet", clip.fps, clip.size) as out:
        for frame, seconds, image in clip:
            out.write(image)
    clip.stopped_early()  # a message when the clip broke off before its end, else None

A still sheet's reading can flicker from frame to frame as the hand, the light and the focus
move; `Steadied` gives the reading most of the last half second's frames agree on. Which way
up the page is changes less often than that: `KeptTurn` keeps a turn judged sure for a second's
frames, so they are not judged again; and so does the paper's ruling of a colour: `KeptRuling`
measures it once a second. `FrameReader` reads frames with all three.
"""

import collections
import os

import cv2

from . import errors, imaging

WRITERS = ((".mp4", "mp4v"), (".avi", "MJPG"))  # The annotated clip: MPEG-4 where OpenCV has it, else Motion JPEG.
DEFAULT_FPS = 25.0  # A clip that does not say its frame rate is taken at this one.
STEADY_SECONDS = 0.5  # A steady reading is what most frames of this last stretch of time read.
KEEP_TURN_SECONDS = 1.0  # A page's turn judged sure (no warning of doubt) is kept for the frames of this long after it.
KEEP_RULING_SECONDS = 1.0  # The weights that take ruling of a colour away are measured once in this long.


def is_video(path):
    """Whether `path` names a video by its extension (`imaging.VIDEO_EXTENSIONS`)."""
    return os.path.splitext(path)[1].lower() in imaging.VIDEO_EXTENSIONS


class Steadied:
    """Each model's lines as most frames of the last `seconds` read them: first how many lines
    (most frames' count), then each line's text among the frames of that count. A tie goes to
    the newest reading, so a new sheet takes over once it holds half the stretch; a frame that
    misreads a digit or two is outvoted."""

    def __init__(self, seconds=STEADY_SECONDS):
        self.seconds = seconds
        self.recent = collections.deque()  # (seconds, lines) of the frames of the last stretch, oldest first

    def add(self, lines, seconds):
        """The steady lines ({"cnn": [...], "svm": [...]}) once the frame at `seconds` (into
        the clip, or since the camera started) read `lines`."""
        self.recent.append((seconds, lines))
        while self.recent[0][0] <= seconds - self.seconds:
            self.recent.popleft()
        return {model: self.steady([read[model] for _, read in reversed(self.recent)]) for model in lines}

    @staticmethod
    def steady(readings):
        """The lines most of `readings` (lists of line texts, newest first) agree on."""
        def most_read(values):  # max keeps the first of equals: the newest
            votes = collections.Counter(values)
            return max(values, key=votes.__getitem__)

        count = most_read([len(lines) for lines in readings])
        agreeing = [lines for lines in readings if len(lines) == count]
        return [most_read([lines[line] for lines in agreeing]) for line in range(count)]


class KeptTurn:
    """The turn of the page a frame found sure (`photo_warnings.TURN_SURE` or more: no warning
    of doubt), kept for the frames of the next `seconds` (`known`, given to `Reader.read`), then
    judged anew on the next frame."""

    def __init__(self, seconds=KEEP_TURN_SECONDS):
        from . import photo_warnings  # Here: the reader's stages load once the inputs are checked.
        self.seconds, self.sure = seconds, photo_warnings.TURN_SURE
        self.turn, self.judged = None, None  # (turn, how sure), and when it was judged

    def known(self, seconds):
        """The turn kept for the frame at `seconds`, as (turn, how sure), or None: judge it."""
        return self.turn if self.turn and seconds - self.judged < self.seconds else None

    def found(self, result, seconds):
        """What the frame at `seconds` read (`Reader.read`): a turn it judged is kept when sure
        and judged on digits (a page with none is upright for want of evidence)."""
        if self.known(seconds) is None:
            page = result["page"]
            sure = bool(result["digits"]) and page["turn_confidence"] >= self.sure
            self.turn, self.judged = ((page["turn"], page["turn_confidence"]) if sure else None), seconds


class KeptRuling:
    """The weights that take the ruling of a colour of a frame's sheet away (`measure`, by
    default `paper_and_ink.ruling_weights`), or None where it has none, measured once in
    `seconds` of frames and kept for the frames between: a sheet held up keeps its paper, and
    measuring costs a quarter of a 640x480 frame's reading."""

    def __init__(self, seconds=KEEP_RULING_SECONDS, measure=None):
        from . import paper_and_ink  # Here: the reader's stages load once the inputs are checked.
        self.seconds, self.measure = seconds, measure or paper_and_ink.ruling_weights
        self.weights, self.measured = None, None  # the weights kept, and when they were measured

    def at(self, seconds):
        """What measures the weights for the frame at `seconds`, as `measure` does (given to
        `Reader.read` as its `ruling`): those kept, or once they are `seconds` old, measured on
        the frame, on the sheet it found."""
        def weights(image, sheet):
            if self.measured is None or seconds - self.measured >= self.seconds:
                self.weights, self.measured = self.measure(image, sheet), seconds
            return self.weights
        return weights


class FrameReader:
    """A video's or a camera's frames read one after another by `reader` (`Reader`): `read`
    gives each frame's own reading and its steady lines (`Steadied`), the page's turn kept
    while it is sure (`KeptTurn`) and its ruling of a colour measured once a second
    (`KeptRuling`, or `ruling`)."""

    def __init__(self, reader, ruling=None):
        self.reader, self.steadied, self.kept, self.ruling = reader, Steadied(), KeptTurn(), ruling or KeptRuling()

    def read(self, image, seconds):
        """The reading of the frame `image` at `seconds` (`Reader.read`), and its steady lines."""
        result = self.reader.read(image, known_turn=self.kept.known(seconds), ruling=self.ruling.at(seconds))
        self.kept.found(result, seconds)
        return result, self.steadied.add(result["lines"], seconds)


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
