"""The chat page at /ui: a Gradio page that hosts the shared chat client.

The page is one ``gr.HTML`` root; ``static/chat.js`` (the same client as the widget)
mounts on it and talks to the API over HTTP (``POST v1/ask`` with streaming,
``POST v1/feedback``, ``GET v1/documents``). No Python event handler answers questions,
so a streamed update carries only the new text of the answer being written, never the
conversation, and Gradio opens no queue or heartbeat connection that could fail with
English notices. The UI holds no retrieval logic.
"""

from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from assistant.settings import Settings
from ui.widget import client_limits, static_version

TITLE = "Trợ lý kế hoạch bảo vệ trẻ em"
# The client reads the app root from data-api-root, relative to /ui/.
CHAT_ROOT = '<div data-plans-chat data-mode="page" data-api-root=".." data-limits="{limits}"></div>'
SYSTEM_FONTS = (
    "system-ui",
    "-apple-system",
    "Segoe UI",
    "Roboto",
    "Noto Sans",
    "Helvetica Neue",
    "Arial",
    "sans-serif",
)
THEME = gr.themes.Default(primary_hue="blue", font=list(SYSTEM_FONTS))

# Gradio's page chrome goes: the client fills the window and keeps its input at the bottom.
PAGE_CSS = """
html, body, gradio-app { margin: 0 !important; padding: 0 !important; height: 100%; }
.gradio-container { max-width: none !important; width: 100% !important; margin: 0 !important;
  padding: 0 !important; min-height: 0 !important; }
.gradio-container > .main, .gradio-container .wrap, .gradio-container .contain,
.gradio-container .column { padding: 0 !important; margin: 0 !important; gap: 0 !important;
  max-width: none !important; }
.gradio-container footer { display: none !important; }
#chat, #chat > .prose, #chat .html-container { padding: 0 !important; margin: 0 !important;
  max-width: none !important; }
#chat .pc-app { height: 100vh; height: 100dvh; }
"""


def page_head() -> str:
    """What /ui adds to its <head>: the shared client's stylesheet and script."""
    version = static_version()
    return (
        '<meta name="referrer" content="no-referrer">'
        f'<link rel="stylesheet" href="../static/chat.css?v={version}">'
        f'<script src="../static/chat.js?v={version}"></script>'
    )


def build_ui(settings: Settings | None = None) -> gr.Blocks:
    """The chat page: one HTML root for the client, no Python event handlers."""
    limits = (settings or Settings()).limits
    with gr.Blocks(title=TITLE, analytics_enabled=False, fill_height=True) as demo:
        gr.HTML(
            CHAT_ROOT.format(limits=client_limits(limits)),
            elem_id="chat",
            js_on_load=None,
            apply_default_css=False,
            container=False,
            padding=False,
        )
    return demo


def main() -> None:
    """Serve the API with the UI (the client needs the API next to it) on 127.0.0.1:8000."""
    from assistant.cli import serve

    serve()


if __name__ == "__main__":
    main()
