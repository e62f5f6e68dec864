"""Figures stated in running text: paragraphs with provenance, labour-market figures, budget claims."""
from __future__ import annotations

from kslib.parse.prose.paragraphs import Paragraph, Sentence, paragraphs

__all__ = ["Paragraph", "Sentence", "paragraphs"]
