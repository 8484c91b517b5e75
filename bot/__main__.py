"""``python -m bot`` runs the ``headline-bot`` command."""

from bot.cli import main

raise SystemExit(main())
