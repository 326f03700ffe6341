"""Reading: normalise, segment, numerals, figures, quantities, cues, regions."""
