"""Questions: a question about an indexed article to a cited ``Answer``, or a plain refusal.

``base`` declares the ``Answerer`` interface and the default ``ExtractiveAnswerer``; ``answer``
retrieves (``bot.retrieval``), checks that the evidence actually answers and quotes the article's
sentences with their paragraphs; ``generated`` lets an opt-in instruction model write the answer
from the retrieved paragraphs, grounded and cited, keeping the extractive answer as its fallback.
"""

from bot.qa.answer import Answer, SourceRef, answer_question
from bot.qa.base import Answerer, ExtractiveAnswerer

__all__ = ["Answer", "Answerer", "ExtractiveAnswerer", "SourceRef", "answer_question"]
