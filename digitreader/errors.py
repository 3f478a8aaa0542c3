"""The one kind of error the reader reports to its user: a problem with one input or
model, said in one line with what to do about it."""




class RecognitionError(Exception):
    """A problem with one input or model, said in one line with what to do about it."""
