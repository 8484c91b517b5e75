"""Questions: a question about an indexed article to a cited ``Answer``, or a plain refusal.

``answer`` retrieves (``bot.retrieval``), checks that the evidence actually answers and quotes the
article's sentences with their paragraphs.
"""

from bot.qa.answer import Answer, SourceRef, answer_question

__all__ = ["Answer", "SourceRef", "answer_question"]
