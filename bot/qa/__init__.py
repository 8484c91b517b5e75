"""Questions: a question about an indexed article to a cited ``Answer``, or a plain refusal.

``base`` declares the ``Answerer`` interface and the default ``ExtractiveAnswerer``; ``answer``
retrieves (``bot.retrieval``), checks that the evidence actually answers and quotes the article's
sentences with their paragraphs; ``generated`` lets an opt-in instruction model write the answer
from the retrieved paragraphs, grounded and cited, keeping the extractive answer as its fallback.
The modules are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.lazy import lazy_exports

if TYPE_CHECKING:
    from bot.qa.answer import Answer, SourceRef, answer_question
    from bot.qa.base import Answerer, ExtractiveAnswerer

_LAZY = {
    "Answer": "bot.qa.answer",
    "Answerer": "bot.qa.base",
    "ExtractiveAnswerer": "bot.qa.base",
    "SourceRef": "bot.qa.answer",
    "answer_question": "bot.qa.answer",
}

__all__ = ["Answer", "Answerer", "ExtractiveAnswerer", "SourceRef", "answer_question"]


__getattr__ = lazy_exports(__name__, _LAZY)
