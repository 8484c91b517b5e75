"""The exception tree. Every message is one line that tells the person what to do next.

HeadlineBotError
├── InputError            the input cannot be turned into an article
│   ├── EmptyInputError
│   ├── NotTextError
│   ├── NoArticleError
│   └── InputTooLargeError
├── FetchError            a URL could not be fetched
│   └── URLRefusedError   the URL is not allowed (scheme, address, type, size)
├── QuestionError         the question cannot be asked as given
├── ModelError            a model cannot be found, loaded or trusted
│   ├── ModelLoadError
│   ├── ModelIntegrityError
│   └── GenerationTimeoutError
└── PromptError           a prompt file is missing or was rendered with the wrong variables
"""

from __future__ import annotations


class HeadlineBotError(Exception):
    """Base class: an error with a message meant for the person using the bot."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))

    @property
    def message(self) -> str:
        """The one-line message."""
        return str(self)


class InputError(HeadlineBotError):
    """The input cannot be turned into an article."""


class EmptyInputError(InputError):
    """The input is empty or only whitespace."""


class NotTextError(InputError):
    """The input is binary data, not text or HTML."""


class NoArticleError(InputError):
    """Nothing that reads like an article is left after cleaning."""


class InputTooLargeError(InputError):
    """The input is over a configured size limit."""


class FetchError(HeadlineBotError):
    """A URL could not be fetched."""


class URLRefusedError(FetchError):
    """The URL is refused by the safety rules (scheme, address, content type, size)."""


class QuestionError(HeadlineBotError):
    """The question cannot be asked as given (empty, too long)."""


class ModelError(HeadlineBotError):
    """A model cannot be found, loaded or trusted."""


class ModelLoadError(ModelError):
    """A model cannot be found, downloaded or loaded."""


class ModelIntegrityError(ModelError):
    """A model's weights do not match their published checksum."""


class GenerationTimeoutError(ModelError):
    """Generation ran past its time limit and was stopped."""


class PromptError(HeadlineBotError):
    """A prompt file is missing or was rendered with the wrong variables (an installation fault)."""
