"""The web chat (Gradio): questions in, streamed answers with source cards out.

The UI holds no retrieval logic. It calls ``AssistantService.ask_stream`` and
``AssistantService.documents`` and renders what they return; ratings go to
``assistant.feedback.FeedbackStore``.

The conversation is one ``gr.HTML`` block rendered from the session's turns; a small
script in it handles the per-answer buttons (copy, 👍/👎, comment, jump to a source) and
sends ratings back to Python as custom events.
"""

from __future__ import annotations

import html
import logging
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from assistant.errors import AssistantError
from assistant.feedback import FEEDBACK_FILE, FeedbackStore
from assistant.service import AssistantService
from assistant.types import Answer, Citation, DocumentMeta, Turn

log = logging.getLogger("ui")

TITLE = "Trợ lý kế hoạch bảo vệ trẻ em"
EXAMPLE_QUESTIONS = (
    "Sở Tư pháp phải làm gì?",
    "Chỉ tiêu đăng ký khai sinh ở Cao Bằng là bao nhiêu?",
    "Số điện thoại đường dây nóng bảo vệ trẻ em?",
    "so tu phap phai lam gi",
)
NO_ANSWER_TITLE = "Không tìm thấy câu trả lời trong các kế hoạch"
NO_ANSWER_HINT = (
    "Gợi ý: hãy <b>diễn đạt lại</b> câu hỏi (nêu rõ cơ quan, chỉ tiêu hoặc địa phương), "
    "hoặc <b>chọn kế hoạch</b> ở ô “Chỉ tìm trong kế hoạch” phía trên."
)
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
MONO_FONTS = ("ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace")
THEME = gr.themes.Default(primary_hue="blue", font=list(SYSTEM_FONTS), font_mono=list(MONO_FONTS))
MIN_QUOTE_CHARS = 12
SECTION_SEP_HTML = '<span class="sep"> › </span>'

# A turn of the session, as kept in gr.State (plain data, so Gradio can copy it):
# {"question", "question_used", "answer", "status": pending|answered|no_answer|error,
#  "citations": [card dicts], "feedback": None | {"id", "rating", "commented"}}
TurnState = dict[str, Any]


# --- rendering ---------------------------------------------------------------------
def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _format_date(iso: str | None) -> str | None:
    """``2024-05-23`` → ``23/05/2024`` (other shapes are returned as they are)."""
    if not iso:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso)
    return f"{match[3]}/{match[2]}/{match[1]}" if match else iso


def plan_meta_line(meta: DocumentMeta) -> str:
    """How a card names a plan after its locality: number (or year) and date."""
    parts = []
    if meta.number:
        parts.append(f"Kế hoạch số {meta.number}")
    elif meta.year:
        parts.append(f"Kế hoạch năm {meta.year}")
    else:
        parts.append(meta.title)
    date = _format_date(meta.date)
    if date:
        parts.append(f"ngày {date}")
    return " · ".join(parts)


def citation_card(citation: Citation) -> dict[str, Any]:
    """What a source card shows, as plain data (kept in the session state)."""
    meta = citation.hit.document
    return {
        "n": citation.n,
        "document_id": meta.id,
        "label": meta.label,
        "locality": meta.locality or meta.title,
        "plan": plan_meta_line(meta),
        "section": citation.hit.chunk.section,
        "text": citation.hit.chunk.text,
    }


def quoted_passages(answer: str) -> list[str]:
    """The strings an answer quotes in “…”, cut at elisions (…), longest first."""
    pieces: set[str] = set()
    for quote in re.findall(r"“([^”]+)”", answer):
        for piece in re.split(r"…|\.\.\.", quote):
            piece = piece.strip(" \n\t-;,")
            if len(piece) >= MIN_QUOTE_CHARS:
                pieces.add(piece)
    return sorted(pieces, key=len, reverse=True)


def highlight(passage: str, quotes: list[str]) -> str:
    """The passage as escaped HTML with each quoted string found in it wrapped in <mark>."""
    spans: list[tuple[int, int]] = []
    for quote in quotes:
        pattern = r"\s+".join(re.escape(word) for word in quote.split())
        for match in re.finditer(pattern, passage, flags=re.IGNORECASE):
            spans.append(match.span())
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    out, pos = [], 0
    for start, end in merged:
        out.append(_esc(passage[pos:start]))
        out.append(f"<mark>{_esc(passage[start:end])}</mark>")
        pos = end
    out.append(_esc(passage[pos:]))
    return "".join(out)


def _inline(line: str, turn: int, numbers: set[int]) -> str:
    """One escaped line with **bold** and [n] markers turned into links to the cards."""
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", _esc(line))

    def cite(match: re.Match[str]) -> str:
        n = int(match[1])
        if n not in numbers:
            return match[0]
        target = f"src-{turn}-{n}"
        return (
            f'<a class="cite-ref" href="#{target}" data-action="cite" data-target="{target}" '
            f'title="Xem nguồn [{n}]">[{n}]</a>'
        )

    return re.sub(r"\[(\d{1,2})\]", cite, text)


def answer_html(text: str, turn: int, numbers: set[int]) -> str:
    """The answer (light markdown: paragraphs, ``- `` bullets, **bold**, [n]) as HTML."""
    blocks: list[str] = []
    bullets: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append("<p>" + "<br>".join(paragraph) + "</p>")
            paragraph.clear()
        if bullets:
            blocks.append("<ul>" + "".join(f"<li>{b}</li>" for b in bullets) + "</ul>")
            bullets.clear()

    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith(("- ", "• ", "* ")):
            if paragraph:
                flush()
            bullets.append(_inline(line[2:], turn, numbers))
        else:
            if bullets:
                flush()
            paragraph.append(_inline(line, turn, numbers))
    flush()
    return "".join(blocks)


def _card_html(card: dict[str, Any], turn: int, quotes: list[str]) -> str:
    section = SECTION_SEP_HTML.join(_esc(p) for p in str(card["section"]).split(" › "))
    return (
        f'<article class="source-card" id="src-{turn}-{card["n"]}" '
        f'data-document="{_esc(card["document_id"])}">'
        f'<header class="source-head"><span class="source-n">{card["n"]}</span>'
        f'<span class="source-plan"><strong class="source-locality">{_esc(card["locality"])}'
        f'</strong> <span class="source-meta">{_esc(card["plan"])}</span></span></header>'
        f'<div class="source-section" title="Mục trong kế hoạch">{section}</div>'
        f'<div class="source-passage">{highlight(card["text"], quotes)}</div>'
        "</article>"
    )


def copy_text(turn: TurnState) -> str:
    """What the copy button puts on the clipboard: the answer, then its sources."""
    lines = [re.sub(r"\*\*(.+?)\*\*", r"\1", turn["answer"]).strip()]
    if turn["citations"]:
        lines.append("\nNguồn:")
        lines.extend(f"[{c['n']}] {c['label']} — {c['section']}" for c in turn["citations"])
    return "\n".join(lines)


def _feedback_html(turn: TurnState) -> str:
    feedback = turn.get("feedback")
    if feedback is None:
        return (
            '<span class="fb-label">Câu trả lời có hữu ích?</span>'
            '<button type="button" class="fb-btn" data-action="rate" data-rating="up" '
            'title="Câu trả lời hữu ích">👍 Hữu ích</button>'
            '<button type="button" class="fb-btn" data-action="rate" data-rating="down" '
            'title="Câu trả lời chưa tốt">👎 Chưa tốt</button>'
        )
    icon = "👍" if feedback["rating"] == "up" else "👎"
    if feedback.get("commented"):
        return f'<span class="fb-done">{icon} Cảm ơn bạn đã đánh giá và góp ý!</span>'
    return (
        f'<span class="fb-done">{icon} Đã ghi nhận đánh giá. Cảm ơn bạn!</span>'
        '<div class="fb-form">'
        '<textarea class="fb-comment" rows="2" maxlength="2000" '
        'aria-label="Góp ý thêm (không bắt buộc)" '
        'placeholder="Góp ý thêm (không bắt buộc): câu trả lời thiếu gì, sai ở đâu?"></textarea>'
        '<button type="button" class="fb-send" data-action="comment">Gửi góp ý</button>'
        "</div>"
    )


def _turn_html(index: int, turn: TurnState) -> str:
    status = turn["status"]
    parts = [
        f'<section class="turn" data-turn="{index}" data-status="{status}">',
        f'<div class="msg user"><div class="bubble">{_esc(turn["question"])}</div></div>',
        f'<div class="msg assistant {status.replace("_", "-")}"><div class="bubble">',
    ]
    if status == "pending" and not turn["answer"]:
        parts.append('<div class="typing">Đang tìm trong các kế hoạch<span>…</span></div>')
    elif status == "error":
        parts.append(
            f'<div class="error-title">⚠️ Không trả lời được</div><p>{_esc(turn["answer"])}</p>'
        )
    else:
        if status == "no_answer":
            parts.append(f'<div class="no-answer-title">🔍 {NO_ANSWER_TITLE}</div>')
        numbers = {int(c["n"]) for c in turn["citations"]}
        parts.append(
            f'<div class="answer-text">{answer_html(turn["answer"], index, numbers)}</div>'
        )
        if status == "no_answer":
            parts.append(f'<p class="hint">{NO_ANSWER_HINT}</p>')
        used = turn.get("question_used")
        if used and used.strip() != turn["question"].strip() and status != "pending":
            parts.append(f'<p class="question-used">Câu hỏi được hiểu là: “{_esc(used)}”</p>')
    if turn["citations"] and status != "error":
        quotes = quoted_passages(turn["answer"])
        parts.append(
            f'<div class="sources"><div class="sources-title">Nguồn trích dẫn '
            f"({len(turn['citations'])})</div>"
        )
        parts.extend(_card_html(card, index, quotes) for card in turn["citations"])
        parts.append("</div>")
    if status in ("answered", "no_answer"):
        parts.append(
            '<div class="actions">'
            '<button type="button" class="copy-btn" data-action="copy" '
            'title="Sao chép câu trả lời và nguồn">📋 Sao chép</button>'
            f'<div class="feedback">{_feedback_html(turn)}</div>'
            f'<textarea class="copy-text" hidden readonly>{_esc(copy_text(turn))}</textarea>'
            "</div>"
        )
    parts.append("</div></div></section>")
    return "".join(parts)


WELCOME_HTML = (
    '<div class="welcome"><p><b>Xin chào!</b> Hãy đặt câu hỏi về năm kế hoạch bảo vệ trẻ em '
    "(Hà Nội, Cao Bằng, Cần Thơ, Long Khánh, Hải Phòng), ví dụ một cơ quan phải làm gì, "
    "một chỉ tiêu là bao nhiêu.</p><p>Câu trả lời trích <b>nguyên văn</b> kế hoạch; "
    "mỗi dấu <b>[n]</b> ứng với thẻ nguồn cùng số bên dưới. Có thể gõ không dấu.</p></div>"
)


def render_conversation(turns: list[TurnState], notice: str | None = None) -> str:
    """The whole conversation as HTML (the welcome text when it is empty)."""
    head = f'<div class="notice">{_esc(notice)}</div>' if notice else ""
    if not turns:
        return f'<div class="conversation">{head}{WELCOME_HTML}</div>'
    body = "".join(_turn_html(i, t) for i, t in enumerate(turns))
    return f'<div class="conversation">{head}{body}</div>'


def history_of(turns: list[TurnState], limit: int) -> list[Turn]:
    """Finished turns as the service's conversation history (the last ``limit`` turns)."""
    history: list[Turn] = []
    for turn in turns:
        if turn["status"] in ("answered", "no_answer"):
            history.append(Turn("user", turn["question"]))
            history.append(Turn("assistant", turn["answer"]))
    return history[-limit:] if limit else []


# --- the page ------------------------------------------------------------------------
CSS = """
.gradio-container {
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue",
    Arial, sans-serif;
  --button-primary-background-fill: #1d4ed8;
  --button-primary-background-fill-hover: #1e40af;
  --button-primary-text-color: #fff;
  --button-primary-border-color: #1d4ed8;
  --color-accent: #2563eb;
  --color-accent-soft: #dbeafe;
  max-width: 900px !important;
  margin: 0 auto !important;
  font-family: var(--font);
}
.app-header h1 { font-size: 1.45rem; margin: 0 0 .2rem; line-height: 1.3; }
.app-header p { margin: 0; color: var(--body-text-color-subdued); font-size: .95rem; }
.examples-label { font-size: .9rem; font-weight: 600; color: var(--body-text-color-subdued);
  margin: 0; }
.top-row { flex-wrap: wrap !important; align-items: center !important; gap: .5rem 1rem; }
.top-row > .header-block { flex: 1 1 300px !important; min-width: 0 !important; }
#new-chat { flex: 0 0 auto !important; width: auto !important; min-width: 0 !important; }
.example-btn { white-space: normal !important; text-align: left !important;
  height: auto !important; }

.conversation { display: flex; flex-direction: column; gap: 1.1rem; padding: .25rem 0;
  font-size: 1rem; line-height: 1.55; color: var(--body-text-color);
  overflow-wrap: anywhere; }
.conversation .welcome, .conversation .notice { border: 1px dashed var(--border-color-primary);
  border-radius: 10px; padding: .8rem 1rem; background: var(--background-fill-secondary); }
.conversation .welcome p { margin: .25rem 0; }
.conversation .notice { border-style: solid; border-color: #f59e0b; color: inherit;
  background: #fffbeb; }
.turn { display: flex; flex-direction: column; gap: .5rem; scroll-margin-top: 1rem; }
.msg { display: flex; }
.msg.user { justify-content: flex-end; }
.msg .bubble { border-radius: 14px; padding: .6rem .9rem; max-width: 100%; min-width: 0;
  box-sizing: border-box; }
.msg.user .bubble { background: #1d4ed8; color: #fff; max-width: 85%;
  border-bottom-right-radius: 4px; white-space: pre-wrap; }
.msg.assistant .bubble { background: var(--background-fill-secondary);
  border: 1px solid var(--border-color-primary); width: 100%;
  border-bottom-left-radius: 4px; }
.answer-text p { margin: .35rem 0; }
.answer-text ul { margin: .2rem 0 .6rem; padding-left: 1.2rem; }
.answer-text li { margin: .25rem 0; }
.cite-ref { font-size: .8em; font-weight: 600; text-decoration: none; color: #1d4ed8;
  background: #dbeafe; border-radius: 4px; padding: 0 .25em; margin-left: .1em;
  white-space: nowrap; cursor: pointer; }
.typing { color: var(--body-text-color-subdued); font-style: italic; }
.typing span { animation: blink 1.2s infinite; }
@keyframes blink { 50% { opacity: .2; } }
.msg.assistant.no-answer .bubble { background: #fff7ed; border-color: #fdba74; }
.no-answer-title, .error-title { font-weight: 700; margin-bottom: .3rem; }
.no-answer-title { color: #9a3412; }
.msg.assistant.error .bubble { background: #fef2f2; border-color: #fca5a5; }
.error-title { color: #991b1b; }
.hint { margin: .5rem 0 0; padding: .5rem .7rem; border-radius: 8px; background: #ffedd5;
  font-size: .93rem; }
.question-used { margin: .4rem 0 0; font-size: .85rem; color: var(--body-text-color-subdued); }

.sources { margin-top: .7rem; display: flex; flex-direction: column; gap: .55rem; }
.sources-title { font-weight: 600; font-size: .9rem; color: var(--body-text-color-subdued);
  text-transform: uppercase; letter-spacing: .03em; }
.source-card { background: var(--background-fill-primary);
  border: 1px solid var(--border-color-primary); border-left: 4px solid #2563eb;
  border-radius: 8px; padding: .55rem .75rem; min-width: 0; transition: box-shadow .3s; }
.source-card.flash { box-shadow: 0 0 0 3px #93c5fd; }
.source-head { display: flex; gap: .5rem; align-items: baseline; }
.source-n { flex: none; display: inline-flex; align-items: center; justify-content: center;
  min-width: 1.6em; height: 1.6em; border-radius: 999px; background: #2563eb; color: #fff;
  font-size: .8rem; font-weight: 700; }
.source-plan { min-width: 0; }
.source-locality { font-weight: 700; }
.source-meta { color: var(--body-text-color-subdued); font-size: .9rem; }
.source-section { margin: .25rem 0 .35rem; font-size: .88rem; font-weight: 600;
  color: #1e40af; }
.source-section .sep { color: var(--body-text-color-subdued); font-weight: 400; }
.source-passage { position: relative; white-space: pre-wrap; font-size: .92rem; line-height: 1.5;
  max-height: 15em; overflow-y: auto; padding-right: .25rem;
  color: var(--body-text-color); }
.source-passage mark { background: #fef08a; color: inherit; border-radius: 2px;
  padding: 0 .05em; }

.actions { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem .8rem;
  margin-top: .7rem; padding-top: .5rem; border-top: 1px solid var(--border-color-primary); }
.actions button { font: inherit; font-size: .9rem; cursor: pointer; border-radius: 8px;
  border: 1px solid var(--border-color-primary); background: var(--background-fill-primary);
  color: var(--body-text-color); padding: .25rem .6rem; }
.actions button:hover { border-color: #2563eb; }
.feedback { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; flex: 1 1 14rem; }
.fb-label { font-size: .9rem; color: var(--body-text-color-subdued); }
.fb-btn { line-height: 1.3; }
.fb-done { font-size: .9rem; color: #166534; }
.fb-form { display: flex; flex-wrap: wrap; gap: .4rem; width: 100%; }
.fb-comment { flex: 1 1 14rem; min-width: 0; font: inherit; font-size: .9rem;
  border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .35rem .5rem;
  background: var(--background-fill-primary); color: var(--body-text-color); resize: vertical; }
.dark .source-passage mark { background: #854d0e; color: #fff; }
.dark .msg.assistant.no-answer .bubble { background: #431407; border-color: #9a3412; }
.dark .no-answer-title { color: #fdba74; }
.dark .hint { background: #7c2d12; }
.dark .notice { background: #422006; }
.dark .msg.assistant.error .bubble { background: #450a0a; }
.dark .cite-ref { background: #1e3a8a; color: #dbeafe; }
.dark .source-section { color: #93c5fd; }
@media (max-width: 520px) {
  .app-header h1 { font-size: 1.2rem; }
  .msg.user .bubble { max-width: 92%; }
  .msg .bubble { padding: .5rem .65rem; }
  .source-card { padding: .5rem .55rem; }
}
"""

# Runs once when the conversation block loads: ``element`` is its root, ``trigger`` sends
# a custom event to Python, ``watch`` reacts to re-renders.
CONVERSATION_JS = """
const copy = async (text) => {
  try { await navigator.clipboard.writeText(text); return true; } catch (err) {
    const area = document.createElement('textarea');
    area.value = text; area.setAttribute('readonly', '');
    area.style.position = 'fixed'; area.style.opacity = '0';
    document.body.appendChild(area); area.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch (err2) { ok = false; }
    area.remove();
    return ok;
  }
};
element.addEventListener('click', (event) => {
  const target = event.target.closest('[data-action]');
  if (!target || !element.contains(target)) return;
  const turn = target.closest('.turn');
  const index = turn ? Number(turn.dataset.turn) : -1;
  const action = target.dataset.action;
  if (action === 'cite') {
    event.preventDefault();
    const card = element.querySelector('#' + target.dataset.target);
    if (card) {
      card.scrollIntoView({behavior: 'smooth', block: 'center'});
      card.classList.add('flash');
      setTimeout(() => card.classList.remove('flash'), 1500);
    }
  } else if (action === 'copy') {
    const source = turn.querySelector('.copy-text');
    copy(source ? source.value : '').then((ok) => {
      target.textContent = ok ? '✓ Đã sao chép' : 'Không sao chép được';
      setTimeout(() => { target.textContent = '📋 Sao chép'; }, 2000);
    });
  } else if (action === 'rate') {
    turn.querySelectorAll('.fb-btn').forEach((b) => { b.disabled = true; });
    trigger('rate', {turn: index, rating: target.dataset.rating});
  } else if (action === 'comment') {
    const box = turn.querySelector('.fb-comment');
    const comment = box ? box.value.trim() : '';
    if (!comment) { if (box) box.focus(); return; }
    target.disabled = true;
    trigger('comment', {turn: index, comment: comment});
  }
});
// A long passage scrolls inside its card: start it at the first quoted (marked) text.
const positioned = new WeakSet();
const showMarks = () => {
  element.querySelectorAll('.source-passage').forEach((box) => {
    const mark = box.querySelector('mark');
    if (positioned.has(box) || !mark) return;
    positioned.add(box);
    if (box.scrollHeight > box.clientHeight) box.scrollTop = Math.max(0, mark.offsetTop - 8);
  });
};
let seen = element.querySelectorAll('.turn').length;
watch('value', () => {
  const turns = element.querySelectorAll('.turn');
  if (turns.length > seen) {
    turns[turns.length - 1].scrollIntoView({behavior: 'smooth', block: 'start'});
  }
  seen = turns.length;
  showMarks();
});
"""


def _store_for(
    get_service: Callable[[], AssistantService], feedback_path: Path | None
) -> Callable[[], FeedbackStore]:
    """A lazy FeedbackStore: the explicit path, or the service's data dir (read on first use)."""
    cache: dict[Path, FeedbackStore] = {}

    def store() -> FeedbackStore:
        path = feedback_path
        if path is None:
            settings = getattr(get_service(), "settings", None)
            if settings is None:
                from assistant.settings import Settings

                settings = Settings()
            path = settings.data_dir / FEEDBACK_FILE
        if path not in cache:
            cache[path] = FeedbackStore(path)
        return cache[path]

    return store


def _event_data(evt: gr.EventData) -> dict[str, Any]:
    data = getattr(evt, "_data", None)
    return data if isinstance(data, dict) else {}


def build_ui(
    get_service: Callable[[], AssistantService], *, feedback_path: Path | None = None
) -> gr.Blocks:
    """The chat page. ``get_service`` is called per request, so the service may be built
    after the UI (as when mounted in the API). Ratings go to ``feedback_path``, by default
    ``feedback.sqlite`` in the service's data dir."""
    feedback_store = _store_for(get_service, feedback_path)

    def load_plans() -> tuple[Any, str]:
        try:
            summaries = get_service().documents()
        except AssistantError as exc:
            return gr.update(choices=[]), render_conversation([], exc.message)
        choices = sorted(
            ((s.meta.label, s.meta.id) for s in summaries), key=lambda c: c[0].casefold()
        )
        return gr.update(choices=choices), render_conversation([])

    def ask(
        question: str, turns: list[TurnState], plans: list[str] | None
    ) -> Iterator[tuple[str, list[TurnState], Any, Any]]:
        question = (question or "").strip()
        if not question:
            gr.Warning("Hãy nhập câu hỏi trước khi gửi.")
            yield render_conversation(turns), turns, gr.update(), gr.update()
            return
        history = history_of(turns, get_service().settings.limits.history_turns)
        turn: TurnState = {
            "question": question,
            "question_used": None,
            "answer": "",
            "status": "pending",
            "citations": [],
            "feedback": None,
        }
        turns = [*turns, turn]
        busy = gr.update(interactive=False)
        yield render_conversation(turns), turns, gr.update(value="", interactive=False), busy
        try:
            for kind, payload in get_service().ask_stream(question, history, plans or None):
                if kind == "citations":
                    turn["citations"] = [citation_card(c) for c in payload]
                elif kind == "delta":
                    turn["answer"] += payload
                    yield render_conversation(turns), turns, gr.update(), gr.update()
                elif kind == "done":
                    answer: Answer = payload
                    turn.update(
                        answer=answer.text,
                        status=answer.status,
                        question_used=answer.question_used,
                        citations=[citation_card(c) for c in answer.citations],
                    )
        except AssistantError as exc:
            turn.update(status="error", answer=exc.message, citations=[])
        except Exception:  # an unexpected failure must not leave the page waiting
            log.exception("answering %r failed", question)
            turn.update(
                status="error", answer="Lỗi nội bộ của trợ lý. Vui lòng thử lại sau.", citations=[]
            )
        if turn["status"] == "pending":  # the stream ended without "done"
            turn["status"] = "answered" if turn["answer"] else "error"
        ready = gr.update(interactive=True)
        yield render_conversation(turns), turns, gr.update(interactive=True), ready

    def rate(turns: list[TurnState], evt: gr.EventData) -> tuple[str, list[TurnState]]:
        data = _event_data(evt)
        index, rating = data.get("turn"), data.get("rating")
        if (
            not isinstance(index, int)
            or not 0 <= index < len(turns)
            or rating not in ("up", "down")
            or turns[index]["status"] not in ("answered", "no_answer")
            or turns[index].get("feedback")
        ):
            return render_conversation(turns), turns
        turn = turns[index]
        citations = [
            {"document": c["document_id"], "section": c["section"], "text": c["text"]}
            for c in turn["citations"]
        ]
        question = turn.get("question_used") or turn["question"]
        try:
            feedback_id = feedback_store().add(rating, question, turn["answer"], citations, None)
        except Exception:
            log.exception("storing feedback failed")
            gr.Warning("Không lưu được đánh giá. Vui lòng thử lại sau.")
            return render_conversation(turns), turns
        turn["feedback"] = {"id": feedback_id, "rating": rating, "commented": False}
        return render_conversation(turns), turns

    def comment(turns: list[TurnState], evt: gr.EventData) -> tuple[str, list[TurnState]]:
        data = _event_data(evt)
        index, text = data.get("turn"), str(data.get("comment") or "").strip()
        if not isinstance(index, int) or not 0 <= index < len(turns) or not text:
            return render_conversation(turns), turns
        feedback = turns[index].get("feedback")
        if not feedback:
            return render_conversation(turns), turns
        try:
            feedback_store().set_comment(int(feedback["id"]), text)
        except Exception:
            log.exception("storing a feedback comment failed")
            gr.Warning("Không lưu được góp ý. Vui lòng thử lại sau.")
            return render_conversation(turns), turns
        feedback["commented"] = True
        return render_conversation(turns), turns

    def new_conversation() -> tuple[str, list[TurnState], Any, Any]:
        ready = gr.update(interactive=True)
        return render_conversation([]), [], gr.update(value="", interactive=True), ready

    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        turns_state = gr.State([])
        with gr.Row(equal_height=False, elem_classes="top-row"):
            gr.HTML(
                f'<header class="app-header"><h1>{TITLE}</h1><p>Hỏi đáp có trích dẫn về năm '
                "kế hoạch bảo vệ trẻ em. Mỗi câu trả lời kèm nguồn: kế hoạch, mục và đoạn văn "
                "gốc.</p></header>",
                head=f"<style>{CSS}</style>",
                js_on_load=None,
                elem_classes="header-block",
            )
            new_chat = gr.Button(
                "🗨️ Cuộc trò chuyện mới",
                elem_id="new-chat",
                variant="secondary",
                size="sm",
            )
        plans = gr.Dropdown(
            choices=[],
            value=[],
            multiselect=True,
            label="Chỉ tìm trong kế hoạch",
            info="Để trống để tìm trong tất cả các kế hoạch.",
            elem_id="plan-filter",
        )
        conversation = gr.HTML(
            render_conversation([]),
            elem_id="conversation",
            js_on_load=CONVERSATION_JS,
            apply_default_css=False,
            min_height=120,
        )
        with gr.Row(equal_height=True):
            question = gr.Textbox(
                placeholder="Nhập câu hỏi…",
                show_label=False,
                label="Câu hỏi",
                lines=1,
                max_lines=5,
                max_length=2000,
                elem_id="question",
                scale=5,
                min_width=200,
                autofocus=True,
            )
            send = gr.Button("Gửi", variant="primary", elem_id="send", scale=1, min_width=90)
        gr.HTML('<p class="examples-label">Câu hỏi mẫu (bấm để hỏi):</p>', js_on_load=None)
        with gr.Row():
            example_buttons = [
                gr.Button(q, size="sm", elem_classes="example-btn", min_width=150)
                for q in EXAMPLE_QUESTIONS
            ]

        ask_options: dict[str, Any] = {
            "outputs": [conversation, turns_state, question, send],
            "show_progress": "hidden",
            "concurrency_limit": 4,
            "concurrency_id": "ask",
            "api_visibility": "private",
        }
        asking = [
            gr.on(
                [question.submit, send.click],
                ask,
                inputs=[question, turns_state, plans],
                trigger_mode="once",
                **ask_options,
            )
        ]
        asking += [
            button.click(ask, inputs=[button, turns_state, plans], **ask_options)
            for button in example_buttons
        ]
        conversation.rate(  # type: ignore[attr-defined]
            rate,
            inputs=[turns_state],
            outputs=[conversation, turns_state],
            show_progress="hidden",
            concurrency_limit=None,
            api_visibility="private",
        )
        conversation.comment(  # type: ignore[attr-defined]
            comment,
            inputs=[turns_state],
            outputs=[conversation, turns_state],
            show_progress="hidden",
            concurrency_limit=None,
            api_visibility="private",
        )
        new_chat.click(
            new_conversation,
            outputs=[conversation, turns_state, question, send],
            show_progress="hidden",
            api_visibility="private",
            cancels=asking,
        )
        demo.load(
            load_plans,
            outputs=[plans, conversation],
            show_progress="hidden",
            api_visibility="private",
        )
    return demo


def main() -> None:
    """Run the UI on its own on 127.0.0.1:7860 (the API serves it at /ui as well)."""
    from assistant.container import build

    container = build()
    build_ui(lambda: container.service).launch(
        server_name="127.0.0.1", server_port=7860, theme=THEME, footer_links=[]
    )


if __name__ == "__main__":
    main()
