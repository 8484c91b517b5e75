"""Evaluation commands (``headline-bot eval TASK``): metrics, baselines, side-by-side runs."""
