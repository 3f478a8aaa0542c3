"""tools/bench.py --profile: each function's own time given to its stage."""

import pytest

import bench

PAGE = ("/p/digitreader/page.py", 1, "find_page")
INK = ("/p/digitreader/paper_and_ink.py", 1, "ink_pieces")
RESIZE = ("~", 0, "<built-in method cv2.resize>")
HELPER = ("/p/site-packages/numpy/core/fromnumeric.py", 1, "partition")
INVOKE = ("~", 0, "<built-in method ai_edge_litert._pywrap_litert_interpreter_wrapper.Invoke>")


def test_time_goes_to_the_stage_of_the_function_or_of_its_callers():
    """Own time of a digitreader function to its module; a built-in called from two stages is
    shared as they called it, through a helper of no stage, and a cycle of helpers ends."""
    stats = {  # function: (calls, primitive calls, own time, cumulative, {caller: (.., .., time in it, ..)})
        PAGE: (1, 1, 2.0, 9.0, {}),
        INK: (1, 1, 1.0, 5.0, {PAGE: (1, 1, 1.0, 5.0)}),
        HELPER: (2, 2, 0.5, 3.5, {INK: (1, 1, 0.3, 2.1), PAGE: (1, 1, 0.1, 0.7), RESIZE: (1, 1, 0.1, 0.7)}),
        RESIZE: (3, 3, 3.0, 3.0, {HELPER: (2, 2, 2.0, 2.0), INK: (1, 1, 1.0, 1.0)}),
        INVOKE: (1, 1, 4.0, 4.0, {}),
    }
    seconds = bench.time_by_stage(stats)
    assert seconds["LiteRT"] == pytest.approx(4.0)
    assert seconds["page"] + seconds["paper_and_ink"] == pytest.approx(2.0 + 1.0 + 0.5 + 3.0)
    # the helper: a fifth from page (0.1 of its callers' 0.5); the resize: two thirds through the
    # helper, which, the cycle back to the resize left out, is page's a quarter (0.1 of 0.4)
    assert seconds["page"] == pytest.approx(2.0 + 0.5 * 0.2 + 3.0 * (2 / 3) * 0.25)
    assert set(seconds) == {"LiteRT", "page", "paper_and_ink"}
