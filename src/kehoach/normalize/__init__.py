"""normalize: text made comparable without losing what was written (`text`), and legacy
Vietnamese encodings read into Unicode (`encodings`)."""
