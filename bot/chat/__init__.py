"""Chat: conversations about one article.

``intent`` routes a message (summary request, question, follow-up), ``followup`` resolves pronouns
and "tell me more", ``conversation`` holds the turns (``Conversation``), ``session`` is one browser
tab's state in the app, ``messages`` renders replies as chat messages, ``terminal`` is the
command-line chat and ``export`` writes a conversation as Markdown or JSON.
"""

from bot.chat.conversation import Conversation, Reply, Turn

__all__ = ["Conversation", "Reply", "Turn"]
