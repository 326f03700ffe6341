"""Verdicts: matching plan items to sentences and figures, deciding each, tallying them."""
