"""Chat: conversations about one article.

``intent`` routes a message (summary request, question, follow-up), ``followup`` resolves pronouns
and "tell me more", ``conversation`` holds the turns (``Conversation``), ``session`` is one browser
tab's state in the app, ``messages`` renders replies as chat messages, ``terminal`` is the
command-line chat and ``export`` writes a conversation as Markdown or JSON.

``Conversation``, ``Reply`` and ``Turn`` are loaded on first use: the app's start-up imports
``bot.chat.messages`` and ``bot.chat.session``, and need not compile the question-answering rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.chat.conversation import Conversation, Reply, Turn

__all__ = ["Conversation", "Reply", "Turn"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from bot.chat import conversation

        return getattr(conversation, name)
    raise AttributeError(f"module 'bot.chat' has no attribute {name!r}")
