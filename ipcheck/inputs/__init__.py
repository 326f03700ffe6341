"""Inputs: files to text (encodings; docx, pdf, html; the map back to lines and pages)."""
