"""Figures stated in running text: paragraphs with provenance, labour-market figures, budget claims."""
from __future__ import annotations

from .paragraphs import Paragraph, Sentence, paragraphs

__all__ = ["Paragraph", "Sentence", "paragraphs"]
