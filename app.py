"""Gradio entry point (Hugging Face Spaces convention): `python app.py` or `gradio app.py`."""

from bot.ui import create_app

demo = create_app()

if __name__ == "__main__":
    demo.launch()
