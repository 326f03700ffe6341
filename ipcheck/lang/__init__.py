"""The reading knowledge of each language as data (ipcheck/lang/<lang>/*.yaml) and its registry."""
