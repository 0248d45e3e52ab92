/* The chat client shared by /ui (inside the Gradio page) and /widget.
 *
 * One renderer (answer text, summary line, plan groups, source cards) and one controller
 * (queue of questions, streaming, stop, history in localStorage, export, feedback,
 * plan filter, theming). It talks to the API over HTTP only:
 *   POST v1/ask {stream: true}  -> Server-Sent Events `citations`, `delta`..., `done`
 *   POST v1/feedback            -> rating and comment of an answer
 *   GET  v1/documents           -> the plans, for the filter and the summary line
 * It holds no retrieval logic. A page mounts it on `<div data-plans-chat data-mode=...
 * data-api-root=...>`; `data-api-root` is the app root relative to the page URL.
 */
(() => {
  "use strict";
  if (window.PlansChat) return;

  // The page passes the server's settings.limits in data-limits; without them the client
  // limits nothing and the server's own checks answer.
  const DEFAULT_LIMITS = {question_chars: Infinity, message_chars: Infinity, history_turns: Infinity, comment_chars: Infinity};
  const MAX_CONVERSATIONS = 50;
  const MIN_QUOTE_CHARS = 12;
  const KEY_STORAGE = "assistant_key"; // the name the plan viewer reads too
  const TITLE = "Trợ lý kế hoạch bảo vệ trẻ em";
  const EXAMPLES = [
    "Sở Tư pháp phải làm gì?",
    "Chỉ tiêu đăng ký khai sinh ở Cao Bằng là bao nhiêu?",
    "Số điện thoại đường dây nóng bảo vệ trẻ em?",
    "so tu phap phai lam gi",
  ];

  // Gradio's own notices (toasts) are English; the /ui page translates them in place.
  const GRADIO_TEXT = {
    "Error": "Lỗi",
    "Warning": "Cảnh báo",
    "Info": "Thông báo",
    "Success": "Thành công",
    "Connection Lost": "Mất kết nối",
    "Connection to the server was lost. Attempting reconnection...":
      "Mất kết nối tới máy chủ. Đang thử kết nối lại…",
    "Connection errored out.": "Lỗi kết nối tới máy chủ.",
    "Lost connection due to leaving page. Rejoining queue...":
      "Mất kết nối do rời trang. Đang kết nối lại…",
    "This application is currently busy. Please try again.":
      "Hệ thống đang bận. Vui lòng thử lại.",
    "Close": "Đóng",
    "Loading...": "Đang tải…",
  };

  // --- icons (inline SVG: emoji render as empty boxes without an emoji font) ------------
  const PATHS = {
    send: '<path d="M4 12 20 4l-4 16-4-7-8-1z"/><path d="m12 13 8-9"/>',
    stop: '<rect x="6" y="6" width="12" height="12" rx="2"/>',
    plus: '<path d="M12 5v14M5 12h14"/>',
    history: '<path d="M3 12a9 9 0 1 0 3-6.7"/><path d="M3 4v5h5"/><path d="M12 7v5l3 3"/>',
    filter: '<path d="M3 5h18l-7 8v6l-4 2v-8z"/>',
    download: '<path d="M12 4v11"/><path d="m7 10 5 5 5-5"/><path d="M5 20h14"/>',
    copy: '<rect x="9" y="9" width="11" height="11" rx="2"/><path d="M5 15V5a1 1 0 0 1 1-1h10"/>',
    check: '<path d="m5 12 5 5 9-10"/>',
    up: '<path d="M7 11v9H4v-9zM7 11l4-7a2 2 0 0 1 3 2l-1 4h5a2 2 0 0 1 2 2.3l-1.3 6A2 2 0 0 1 16.7 20H7"/>',
    down: '<path d="M7 13V4H4v9zM7 13l4 7a2 2 0 0 0 3-2l-1-4h5a2 2 0 0 0 2-2.3l-1.3-6A2 2 0 0 0 16.7 4H7"/>',
    chevron: '<path d="m9 6 6 6-6 6"/>',
    close: '<path d="M6 6l12 12M18 6 6 18"/>',
    trash: '<path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13"/>',
    external: '<path d="M14 4h6v6M20 4l-9 9"/><path d="M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"/>',
    alert: '<path d="M12 3 2 20h20z"/><path d="M12 10v4M12 17v.5"/>',
    search: '<circle cx="11" cy="11" r="6"/><path d="m20 20-4.5-4.5"/>',
    retry: '<path d="M20 12a8 8 0 1 1-2.3-5.7"/><path d="M20 4v5h-5"/>',
    print: '<path d="M7 9V4h10v5"/><rect x="4" y="9" width="16" height="7" rx="1"/><path d="M7 14h10v6H7z"/>',
  };
  const icon = (name) =>
    '<svg class="pc-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" ' +
    'focusable="false" fill="none" stroke="currentColor" stroke-width="2" ' +
    'stroke-linecap="round" stroke-linejoin="round">' + PATHS[name] + "</svg>";

  // --- pure rendering (also used by the export) -----------------------------------------
  const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => (
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
  const isLetter = (ch) => !!ch && /[\p{L}\p{N}]/u.test(ch);

  function formatDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? m[3] + "/" + m[2] + "/" + m[1] : iso || "";
  }

  /** How a card names a plan after its locality: number (or year) and date. */
  function planLine(doc) {
    const parts = [];
    const year = doc.year || (/\b(19|20)\d{2}\b/.exec(doc.title || "") || [])[0];
    if (doc.number) parts.push("Kế hoạch số " + doc.number);
    else if (year) parts.push("Kế hoạch năm " + year);
    else if (doc.title) parts.push(doc.title);
    if (doc.date) parts.push("ngày " + formatDate(doc.date));
    return parts.join(" · ");
  }
  const localityOf = (doc) => (doc && (doc.locality || doc.title || doc.id)) || "";

  /** The strings an answer quotes in “…”, cut at elisions, longest first. */
  function quotesOf(answer) {
    const pieces = new Set();
    for (const m of String(answer).matchAll(/“([^”]+)”/g)) {
      for (let piece of m[1].split(/…|\.\.\./)) {
        piece = piece.trim().replace(/^[-;,\s]+|[-;,\s]+$/g, "");
        if (piece.length >= MIN_QUOTE_CHARS) pieces.add(piece);
      }
    }
    return [...pieces].sort((a, b) => b.length - a.length);
  }

  const reEscape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const flexible = (quote) => quote.split(/\s+/).filter(Boolean).map(reEscape).join("\\s+");

  /** Character spans of ``passage`` that the quotes cover, merged and sorted. */
  function quoteSpans(passage, quotes) {
    const spans = [];
    for (const q of quotes) {
      const re = new RegExp(flexible(q), "giu");
      for (const m of passage.matchAll(re)) spans.push([m.index, m.index + m[0].length]);
    }
    spans.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const s of spans) {
      const last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push(s.slice());
    }
    return merged;
  }

  /** The passage as escaped HTML with each quoted string wrapped in <mark>. */
  function highlight(passage, quotes) {
    let html = "", pos = 0;
    for (const [a, b] of quoteSpans(passage, quotes)) {
      html += esc(passage.slice(pos, a)) + "<mark>" + esc(passage.slice(a, b)) + "</mark>";
      pos = b;
    }
    return html + esc(passage.slice(pos));
  }

  /** Quotes that start inside a word of their passage ("… lý kịp thời") are extended back
   * to the start of that word, so a reader never sees half a word. */
  function fixQuoteStarts(text, citations) {
    const passages = citations.map((c) => c.text || "");
    if (!passages.length) return text;
    return text.replace(/“(…\s*)?([^”…]{4,})/g, (whole, elision, body) => {
      if (!isLetter(body[0])) return whole;
      const probe = body.slice(0, 40).trim();
      for (const passage of passages) {
        const m = new RegExp(flexible(probe), "u").exec(passage);
        if (!m || m.index === 0 || !isLetter(passage[m.index - 1])) continue;
        let start = m.index;
        while (start > 0 && isLetter(passage[start - 1])) start--;
        return "“" + (elision || "") + passage.slice(start, m.index) + body;
      }
      return whole;
    });
  }

  const HEADING = /^\*\*([^*]+)\*\*\s*(?:[—–-]\s*)?(.*?):\s*$/;
  const BULLET = /^[-•*]\s+/;

  /** The answer text as blocks: an optional summary line, paragraphs, bullet lists and
   * one group per plan (groups of the same plan merged, in order of first appearance). */
  function parseAnswer(text) {
    const blocks = [];
    const groups = new Map();
    let summary = null, target = blocks, list = null, para = null, first = true;
    for (const raw of String(text).split("\n")) {
      const line = raw.trim();
      if (!line) { list = null; para = null; continue; }
      const heading = HEADING.exec(line);
      if (first && !heading && !BULLET.test(line)) { summary = line; first = false; continue; }
      first = false;
      if (heading) {
        const label = heading[1].trim();
        let group = groups.get(label);
        if (!group) {
          group = {type: "group", label, sections: []};
          groups.set(label, group);
          blocks.push(group);
        }
        const section = {suffix: heading[2].trim(), blocks: []};
        group.sections.push(section);
        target = section.blocks;
        list = null; para = null;
      } else if (BULLET.test(line)) {
        if (!list) { list = {type: "ul", items: []}; target.push(list); para = null; }
        list.items.push(line.replace(BULLET, ""));
      } else {
        // A paragraph after the groups (a note, a "maybe related" list) leaves the group.
        if (target !== blocks && !list && !para) target = blocks;
        if (!para) { para = {type: "p", lines: []}; target.push(para); list = null; }
        para.lines.push(line);
      }
    }
    return {summary, blocks};
  }

  /** One escaped line with **bold** and [n] turned into links to the source cards. */
  function inline(line, turnKey, numbers) {
    return esc(line)
      .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
      .replace(/\[(\d{1,2})\]/g, (m, n) => numbers.has(Number(n))
        ? '<a class="pc-ref" href="#src-' + turnKey + "-" + n + '" data-ref="' + n +
          '" aria-label="Nguồn ' + n + '">[' + n + "]</a>"
        : m);
  }

  function blocksHTML(blocks, turnKey, numbers) {
    return blocks.map((b) => {
      if (b.type === "p") return "<p>" + b.lines.map((l) => inline(l, turnKey, numbers)).join("<br>") + "</p>";
      if (b.type === "ul") return "<ul>" + b.items.map((i) => "<li>" + inline(i, turnKey, numbers) + "</li>").join("") + "</ul>";
      return '<section class="pc-group"><h3 class="pc-group-plan">' + esc(b.label) + "</h3>" +
        b.sections.map((s) => (s.suffix ? '<div class="pc-group-section">' + inline(s.suffix, turnKey, numbers) + "</div>" : "") +
          blocksHTML(s.blocks, turnKey, numbers)).join("") + "</section>";
    }).join("");
  }

  /** A truthful one-line summary from the citations, for answers that open with a group. */
  function derivedSummary(citations, scope) {
    const cited = [];
    for (const c of citations) {
      const name = localityOf(c.document);
      if (name && !cited.includes(name)) cited.push(name);
    }
    if (!cited.length) return null;
    let line = "Trả lời từ " + cited.length + " kế hoạch: " + cited.join(", ");
    const missing = (scope || []).filter((name) => !cited.includes(name));
    if (cited.length >= 2 && missing.length) line += "; không có đoạn trích từ " + missing.join(", ");
    return line + ".";
  }

  /** The answer as HTML: summary line (the server's first line, or one derived from the
   * citations), then the blocks. */
  function answerHTML(turn, scope) {
    const numbers = new Set((turn.citations || []).map((c) => Number(c.n)));
    const parsed = parseAnswer(fixQuoteStarts(turn.answer || "", turn.citations || []));
    let summary = parsed.summary;
    let derived = false;
    if (summary === null && turn.status === "answered") {
      summary = derivedSummary(turn.citations || [], scope);
      derived = true;
    }
    const head = summary
      ? '<p class="pc-summary"' + (derived ? ' data-derived="1"' : "") + ">" +
        inline(summary, turn.key, numbers) + "</p>"
      : "";
    return {html: head + blocksHTML(parsed.blocks, turn.key, numbers), summary};
  }

  function viewerHref(root, citation, quotes) {
    const text = citation.text || "";
    const quote = quotes.find((q) => quoteSpans(text, [q]).length) || "";
    const params = new URLSearchParams({
      doc: (citation.document || {}).id || "",
      section: citation.section || "",
      quote: quote.slice(0, 300),
    });
    return root + "viewer?" + params.toString();
  }

  function cardHTML(c, turnKey, quotes, root) {
    const doc = c.document || {};
    const id = "src-" + turnKey + "-" + c.n;
    const section = (c.section || "").split(" › ").map(esc).join('<span class="pc-sep"> › </span>');
    return '<li class="pc-card" id="' + id + '" data-n="' + c.n + '">' +
      '<button type="button" class="pc-card-head" aria-expanded="false" aria-controls="' + id + '-body">' +
      '<span class="pc-card-n" aria-hidden="true">' + c.n + "</span>" +
      '<span class="pc-card-title"><span class="pc-card-plan"><strong class="pc-card-locality">' +
      esc(localityOf(doc)) + '</strong> <span class="pc-card-meta">' + esc(planLine(doc)) + "</span></span>" +
      '<span class="pc-card-section">' + section + "</span></span>" +
      '<span class="pc-chevron">' + icon("chevron") + "</span></button>" +
      '<div class="pc-card-body" id="' + id + '-body" hidden>' +
      '<div class="pc-passage">' + highlight(c.text || "", quotes) + "</div>" +
      '<a class="pc-viewer-link" target="_blank" rel="noopener" href="' +
      esc(viewerHref(root, c, quotes)) + '">' + icon("external") + "Mở đoạn này trong kế hoạch</a>" +
      "</div></li>";
  }

  const plain = (text) => String(text || "").replace(/\*\*(.+?)\*\*/g, "$1").trim();
  const sourceLine = (c) => {
    const doc = c.document || {};
    return "[" + c.n + "] " + localityOf(doc) + " – " + planLine(doc) + " — " + (c.section || "");
  };

  /** What the copy button puts on the clipboard: the answer, then its sources. */
  function copyText(turn) {
    const lines = [plain(turn.answer)];
    if ((turn.citations || []).length) {
      lines.push("", "Nguồn:");
      for (const c of turn.citations) lines.push(sourceLine(c));
    }
    return lines.join("\n");
  }

  function conversationMarkdown(conv) {
    const out = ["# " + TITLE, "", "**" + conv.title + "** — xuất ngày " + new Date().toLocaleString("vi-VN"), ""];
    conv.turns.forEach((t, i) => {
      if (!t.answer && t.status !== "error") return;
      out.push("## Câu hỏi " + (i + 1) + ": " + t.question, "");
      if (t.questionUsed && t.questionUsed !== t.question) out.push("_Câu hỏi được hiểu là: " + t.questionUsed + "_", "");
      out.push(t.status === "error" ? "_" + (t.error || "Không trả lời được.") + "_" : t.answer.trim(), "");
      if ((t.citations || []).length) {
        out.push("**Nguồn trích dẫn**", "");
        for (const c of t.citations) {
          out.push(sourceLine(c), "");
          out.push(...String(c.text || "").split("\n").map((l) => "> " + l), "");
        }
      }
    });
    return out.join("\n");
  }

  const PRINT_CSS = "body{font:15px/1.55 system-ui,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;" +
    "color:#111;max-width:46rem;margin:2rem auto;padding:0 1rem}h1{font-size:1.4rem}" +
    "h2{font-size:1.1rem;margin-top:2rem;border-top:1px solid #ccc;padding-top:1rem}" +
    "h3{font-size:1rem;margin:.8rem 0 .2rem}.pc-summary{font-weight:600}" +
    ".pc-group-section{color:#1e40af;font-size:.9rem}.pc-ref{color:#1e40af;text-decoration:none}" +
    "ol.src{padding-left:1.2rem}ol.src li{margin:.6rem 0;break-inside:avoid}" +
    ".passage{white-space:pre-wrap;font-size:.9rem;border-left:3px solid #999;padding-left:.6rem}" +
    "mark{background:#fef08a}@media print{body{margin:0}a{color:inherit}}";

  function conversationHTML(conv, scope) {
    const parts = ['<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>' +
      esc(TITLE + " — " + conv.title) + "</title><style>" + PRINT_CSS + "</style></head><body>",
      "<h1>" + esc(TITLE) + "</h1><p><strong>" + esc(conv.title) + "</strong> — xuất ngày " +
      esc(new Date().toLocaleString("vi-VN")) + "</p>"];
    conv.turns.forEach((t, i) => {
      if (!t.answer && t.status !== "error") return;
      parts.push("<h2>Câu hỏi " + (i + 1) + ": " + esc(t.question) + "</h2>");
      if (t.status === "error") { parts.push("<p><em>" + esc(t.error || "") + "</em></p>"); return; }
      parts.push(answerHTML(t, scope).html);
      if ((t.citations || []).length) {
        const quotes = quotesOf(t.answer);
        parts.push("<h3>Nguồn trích dẫn</h3><ol class=\"src\">");
        for (const c of t.citations) {
          parts.push('<li value="' + c.n + '" id="src-' + esc(t.key) + "-" + c.n + '"><strong>' +
            esc(localityOf(c.document)) + "</strong> – " + esc(planLine(c.document || {})) +
            " — " + esc(c.section || "") + '<div class="passage">' + highlight(c.text || "", quotes) + "</div></li>");
        }
        parts.push("</ol>");
      }
    });
    parts.push("</body></html>");
    return parts.join("");
  }

  // --- storage ----------------------------------------------------------------------------
  function safeStorage(kind) {
    try {
      const s = window[kind];
      const probe = "plans-chat:probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (err) {
      return null;
    }
  }

  /** The API key: read once from ?key=, kept for the tab in sessionStorage, and removed
   * from the address bar so it ends up in no later URL, bookmark or log. */
  function takeApiKey() {
    const session = safeStorage("sessionStorage");
    const url = new URL(location.href);
    const fromUrl = url.searchParams.get("key");
    if (fromUrl !== null) {
      url.searchParams.delete("key");
      history.replaceState(history.state, "", url.pathname + (url.search || "") + url.hash);
      if (session && fromUrl) session.setItem(KEY_STORAGE, fromUrl);
      if (!session) return fromUrl;
    }
    return (session && session.getItem(KEY_STORAGE)) || "";
  }

  const newId = (prefix) => prefix + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);

  // --- the controller -------------------------------------------------------------------------
  function mount(root) {
    if (root.dataset.mounted) return;
    root.dataset.mounted = "1";
    const mode = root.dataset.mode === "widget" ? "widget" : "page";
    const apiRoot = new URL(root.dataset.apiRoot || ".", location.href.split("#")[0])
      .href.replace(/[?#].*$/, "").replace(/\/?$/, "/");
    const params = new URLSearchParams(location.search);
    const apiKey = takeApiKey();
    const local = safeStorage("localStorage");
    const storeKey = "plans-chat:v1:" + mode;
    let limits = DEFAULT_LIMITS;
    try { limits = {...DEFAULT_LIMITS, ...JSON.parse(root.dataset.limits || "{}")}; } catch (err) { /* defaults */ }

    applyTheme(root, params);
    const title = (params.get("title") || "").slice(0, 80) || TITLE;
    const showFilter = params.get("filter") !== "0";
    const showExamples = params.get("examples") !== "0";

    root.classList.add("pc-app");
    root.setAttribute("lang", "vi");
    root.innerHTML =
      '<aside class="pc-sidebar" aria-label="Lịch sử trò chuyện">' +
      '<div class="pc-sidebar-head"><h2>Lịch sử trò chuyện</h2>' +
      '<button type="button" class="pc-icon-btn pc-sidebar-close" title="Đóng lịch sử" aria-label="Đóng lịch sử">' + icon("close") + "</button></div>" +
      '<button type="button" class="pc-btn pc-new-side">' + icon("plus") + "Cuộc trò chuyện mới</button>" +
      '<ul class="pc-conv-list"></ul>' +
      '<p class="pc-conv-empty">Chưa có cuộc trò chuyện nào được lưu trên máy này.</p>' +
      '<div class="pc-sidebar-foot"><p class="pc-note">Lịch sử chỉ lưu trong trình duyệt này.</p>' +
      '<button type="button" class="pc-btn pc-danger pc-clear">' + icon("trash") + "Xóa toàn bộ lịch sử</button>" +
      '<div class="pc-confirm" hidden><span>Xóa mọi cuộc trò chuyện đã lưu?</span>' +
      '<button type="button" class="pc-btn pc-danger pc-clear-yes">Xóa</button>' +
      '<button type="button" class="pc-btn pc-clear-no">Hủy</button></div></div></aside>' +
      '<div class="pc-main">' +
      '<header class="pc-header">' +
      '<button type="button" class="pc-icon-btn pc-history-btn" aria-expanded="false" title="Lịch sử trò chuyện" aria-label="Lịch sử trò chuyện">' + icon("history") + "</button>" +
      '<div class="pc-title"><h1>' + esc(title) + "</h1>" +
      (mode === "page" ? '<p class="pc-subtitle">Hỏi đáp có trích dẫn về năm kế hoạch bảo vệ trẻ em. Mỗi câu trả lời kèm nguồn: kế hoạch, mục và đoạn văn gốc.</p>' : "") +
      "</div>" +
      (showFilter ? '<button type="button" class="pc-icon-btn pc-filter-btn" aria-expanded="false" aria-controls="pc-filter-panel" title="Chỉ tìm trong một số kế hoạch" aria-label="Lọc theo kế hoạch">' + icon("filter") + '<span class="pc-badge" hidden></span></button>' : "") +
      '<div class="pc-menu-wrap"><button type="button" class="pc-icon-btn pc-export-btn" aria-haspopup="menu" aria-expanded="false" title="Xuất cuộc trò chuyện" aria-label="Xuất cuộc trò chuyện">' + icon("download") + "</button>" +
      '<div class="pc-menu" role="menu" hidden>' +
      '<button type="button" role="menuitem" class="pc-export-md">' + icon("download") + "Tải về dạng Markdown</button>" +
      '<button type="button" role="menuitem" class="pc-export-html">' + icon("print") + "Tải bản in (HTML)</button></div></div>" +
      '<button type="button" class="pc-btn pc-new" title="Bắt đầu cuộc trò chuyện mới">' + icon("plus") + '<span class="pc-new-label">Trò chuyện mới</span></button>' +
      "</header>" +
      (showFilter ? '<div class="pc-filter" id="pc-filter-panel" hidden><fieldset><legend>Chỉ tìm trong kế hoạch (để trống: tìm trong tất cả)</legend><div class="pc-filter-options"></div></fieldset></div>' +
        '<div class="pc-chips" hidden></div>' : "") +
      '<div class="pc-banner" role="alert" hidden></div>' +
      '<div class="pc-log" tabindex="-1" aria-label="Cuộc trò chuyện"></div>' +
      '<form class="pc-composer" novalidate>' +
      '<textarea class="pc-input" rows="1" maxlength="' + limits.question_chars + '" placeholder="Nhập câu hỏi…" title="Enter để gửi, Shift+Enter để xuống dòng" aria-label="Câu hỏi"></textarea>' +
      '<button type="button" class="pc-stop" hidden title="Dừng trả lời" aria-label="Dừng trả lời">' + icon("stop") + '<span>Dừng</span></button>' +
      '<button type="submit" class="pc-send" title="Gửi câu hỏi" aria-label="Gửi câu hỏi">' + icon("send") + '<span>Gửi</span></button>' +
      '<p class="pc-composer-hint" role="status" aria-live="polite"></p>' +
      "</form>" +
      '<div class="pc-sr" role="status" aria-live="polite" aria-atomic="true"></div>' +
      "</div>";

    const $ = (sel) => root.querySelector(sel);
    const log = $(".pc-log");
    const form = $(".pc-composer");
    const input = $(".pc-input");
    const sendBtn = $(".pc-send");
    const stopBtn = $(".pc-stop");
    const hint = $(".pc-composer-hint");
    const live = $(".pc-sr");
    const banner = $(".pc-banner");
    const convList = $(".pc-conv-list");

    // State: conversations (persisted), the question being answered, the queue behind it.
    let store = loadStore();
    let conv = store.conversations.find((c) => c.id === store.active) || null;
    let documents = [];
    let current = null; // {turn, controller}
    const queue = [];
    const turnEls = new Map();

    function loadStore() {
      try {
        const data = JSON.parse((local && local.getItem(storeKey)) || "null");
        if (data && Array.isArray(data.conversations)) {
          return {conversations: data.conversations, active: data.active || null, filter: data.filter || []};
        }
      } catch (err) { /* a damaged store starts empty */ }
      return {conversations: [], active: null, filter: []};
    }

    function saveStore() {
      if (!local) return;
      const finished = (t) => ["answered", "no_answer", "error", "stopped"].includes(t.status);
      const data = () => JSON.stringify({
        active: store.active,
        filter: store.filter,
        conversations: store.conversations
          .map((c) => ({...c, turns: c.turns.filter(finished)}))
          .filter((c) => c.turns.length),
      });
      if (!store.conversations.some((c) => c.turns.some(finished)) && !store.filter.length) {
        local.removeItem(storeKey); // nothing to keep: cleared history leaves no trace
        return;
      }
      for (;;) {
        try { local.setItem(storeKey, data()); return; } catch (err) {
          // Full: drop the oldest conversation and try again (the current one is kept).
          const oldest = store.conversations
            .filter((c) => c !== conv)
            .sort((a, b) => a.updated - b.updated)[0];
          if (!oldest) return;
          store.conversations = store.conversations.filter((c) => c !== oldest);
        }
      }
    }

    function scopeLocalities() {
      const chosen = store.filter.length ? documents.filter((d) => store.filter.includes(d.id)) : documents;
      return chosen.map(localityOf);
    }

    // --- rendering of the log -----------------------------------------------------------
    function welcomeHTML() {
      return '<div class="pc-welcome"><p><strong>Xin chào!</strong> Hãy hỏi về năm kế hoạch bảo vệ trẻ em ' +
        "(Hà Nội, Cao Bằng, Cần Thơ, Long Khánh, Hải Phòng): một cơ quan phải làm gì, một chỉ tiêu là bao nhiêu…</p>" +
        "<p>Câu trả lời trích <strong>nguyên văn</strong> kế hoạch; mỗi dấu <strong>[n]</strong> ứng với thẻ nguồn cùng số. Có thể gõ không dấu.</p>" +
        (showExamples ? '<p class="pc-examples-label">Câu hỏi mẫu (bấm để hỏi):</p><div class="pc-examples">' +
          EXAMPLES.map((q) => '<button type="button" class="pc-example">' + esc(q) + "</button>").join("") + "</div>" : "") +
        "</div>";
    }

    function renderLog() {
      turnEls.clear();
      log.innerHTML = "";
      if (!conv || !conv.turns.length) { log.innerHTML = welcomeHTML(); return; }
      for (const t of conv.turns) renderTurn(t);
    }

    function turnEl(turn) {
      let el = turnEls.get(turn.key);
      if (el) return el;
      const welcome = log.querySelector(".pc-welcome");
      if (welcome) welcome.remove();
      el = document.createElement("section");
      el.className = "pc-turn";
      el.dataset.key = turn.key;
      el.innerHTML =
        '<div class="pc-q"><div class="pc-bubble"></div></div>' +
        '<div class="pc-a"><div class="pc-status-title"></div><div class="pc-answer"></div>' +
        '<p class="pc-used" hidden></p><div class="pc-sources" hidden></div>' +
        '<div class="pc-actions" hidden></div></div>';
      el.querySelector(".pc-bubble").textContent = turn.question;
      if (turn.queued) el.dataset.queued = "1";
      log.appendChild(el);
      turnEls.set(turn.key, el);
      return el;
    }

    const WAITING = {
      queued: "Đang chờ câu trả lời trước xong…",
      pending: "Đang tìm trong các kế hoạch…",
      offline: "Đang chờ có mạng trở lại để gửi…",
    };

    /** Update one turn's DOM; ``final`` also draws sources and actions. */
    function renderTurn(turn, final = true) {
      const el = turnEl(turn);
      el.dataset.state = turn.status;
      const a = el.querySelector(".pc-a");
      const statusTitle = el.querySelector(".pc-status-title");
      const body = el.querySelector(".pc-answer");
      a.className = "pc-a pc-" + turn.status.replace("_", "-");
      statusTitle.innerHTML = "";
      if (turn.status in WAITING || (turn.status === "streaming" && !turn.answer)) {
        const text = WAITING[turn.status] || WAITING.pending;
        body.innerHTML = '<p class="pc-waiting">' + esc(text) + "</p>";
        return;
      }
      if (turn.status === "error") {
        statusTitle.innerHTML = icon("alert") + "Không trả lời được";
        body.innerHTML = "<p>" + esc(turn.error || "") + "</p>" +
          '<button type="button" class="pc-btn pc-retry">' + icon("retry") + "Thử lại</button>";
        el.querySelector(".pc-sources").hidden = true;
        el.querySelector(".pc-actions").hidden = true;
        return;
      }
      statusTitle.innerHTML = turn.status === "no_answer"
        ? icon("search") + "Không tìm thấy câu trả lời trong các kế hoạch" : "";
      body.innerHTML = answerHTML(turn, scopeLocalities()).html +
        (turn.status === "stopped" ? '<p class="pc-stopped">Đã dừng trả lời theo yêu cầu.</p>' : "") +
        (turn.status === "no_answer" ? '<p class="pc-hint">Gợi ý: hãy diễn đạt lại câu hỏi (nêu rõ cơ quan, chỉ tiêu hoặc địa phương) hoặc chọn kế hoạch ở nút lọc phía trên.</p>' : "");
      if (!final) return;
      const used = el.querySelector(".pc-used");
      const showUsed = turn.questionUsed && turn.questionUsed.trim() !== turn.question.trim();
      used.hidden = !showUsed;
      used.textContent = showUsed ? "Câu hỏi được hiểu là: “" + turn.questionUsed + "”" : "";
      renderSources(el, turn);
      renderActions(el, turn);
    }

    function renderSources(el, turn) {
      const box = el.querySelector(".pc-sources");
      const citations = turn.citations || [];
      box.hidden = !citations.length;
      if (!citations.length) { box.innerHTML = ""; return; }
      const quotes = quotesOf(turn.answer);
      box.innerHTML = '<h3 class="pc-sources-title">Nguồn trích dẫn (' + citations.length +
        ') <span class="pc-sources-tip">— bấm vào thẻ để xem đoạn gốc</span></h3><ol class="pc-cards">' +
        citations.map((c) => cardHTML(c, turn.key, quotes, apiRoot)).join("") + "</ol>";
    }

    function renderActions(el, turn) {
      const box = el.querySelector(".pc-actions");
      const done = turn.status === "answered" || turn.status === "no_answer";
      box.hidden = !done;
      if (!done) { box.innerHTML = ""; return; }
      const fb = turn.feedback || {};
      const pressed = (r) => (fb.rating === r ? "true" : "false");
      box.innerHTML =
        '<button type="button" class="pc-btn pc-copy" title="Sao chép câu trả lời và nguồn">' + icon("copy") + '<span>Sao chép</span></button>' +
        '<div class="pc-feedback" role="group" aria-label="Đánh giá câu trả lời"><span class="pc-fb-label">Câu trả lời có hữu ích?</span>' +
        '<button type="button" class="pc-btn pc-rate" data-rating="up" aria-pressed="' + pressed("up") + '" title="Câu trả lời hữu ích">' + icon("up") + "<span>Hữu ích</span></button>" +
        '<button type="button" class="pc-btn pc-rate" data-rating="down" aria-pressed="' + pressed("down") + '" title="Câu trả lời chưa tốt">' + icon("down") + "<span>Chưa tốt</span></button></div>" +
        '<div class="pc-fb-form"' + (fb.rating && !fb.comment ? "" : " hidden") + ">" +
        '<textarea class="pc-fb-comment" rows="2" maxlength="' + limits.comment_chars + '" aria-label="Góp ý thêm (không bắt buộc)" placeholder="Góp ý thêm (không bắt buộc): câu trả lời thiếu gì, sai ở đâu?"></textarea>' +
        '<button type="button" class="pc-btn pc-fb-send">Gửi góp ý</button></div>' +
        '<p class="pc-fb-status" role="status">' + (fb.comment ? "Cảm ơn bạn đã đánh giá và góp ý!" : fb.rating ? "Đã ghi nhận đánh giá. Cảm ơn bạn!" : "") + "</p>";
    }

    // --- conversations and sidebar -----------------------------------------------------------
    function renderSidebar() {
      const convs = store.conversations.filter((c) => c.turns.length).sort((a, b) => b.updated - a.updated);
      $(".pc-conv-empty").hidden = convs.length > 0;
      $(".pc-clear").hidden = !convs.length;
      convList.innerHTML = convs.map((c) =>
        '<li><button type="button" class="pc-conv" data-id="' + esc(c.id) + '"' + (conv && c.id === conv.id ? ' aria-current="true"' : "") + ">" +
        '<span class="pc-conv-title">' + esc(c.title) + '</span><span class="pc-conv-date">' +
        esc(new Date(c.updated).toLocaleString("vi-VN", {dateStyle: "short", timeStyle: "short"})) + " · " + c.turns.length + " câu hỏi</span></button>" +
        '<button type="button" class="pc-icon-btn pc-conv-delete" data-id="' + esc(c.id) + '" title="Xóa cuộc trò chuyện này" aria-label="Xóa cuộc trò chuyện: ' + esc(c.title) + '">' + icon("trash") + "</button></li>").join("");
    }

    function ensureConversation(question) {
      if (conv) return conv;
      conv = {id: newId("c"), title: question.slice(0, 80), created: Date.now(), updated: Date.now(), turns: []};
      store.conversations.push(conv);
      store.active = conv.id;
      // Keep the newest conversations only, so the store stays far below the browser's quota.
      store.conversations.sort((a, b) => b.updated - a.updated).splice(MAX_CONVERSATIONS);
      return conv;
    }

    function openConversation(next) {
      stopAll();
      conv = next;
      store.active = next ? next.id : null;
      saveStore();
      renderLog();
      renderSidebar();
      if (conv) {
        const last = log.querySelector(".pc-turn:last-child");
        if (last) last.scrollIntoView({block: "start"});
      }
      closeSidebar(false);
      input.focus();
    }

    function toggleSidebar(open) {
      root.dataset.sidebar = open ? "open" : "";
      $(".pc-history-btn").setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        renderSidebar();
        (convList.querySelector(".pc-conv") || $(".pc-new-side")).focus();
      }
    }
    function closeSidebar(returnFocus = true) {
      if (root.dataset.sidebar !== "open") return;
      toggleSidebar(false);
      if (returnFocus) $(".pc-history-btn").focus();
    }

    // --- plans filter ----------------------------------------------------------------------
    function renderFilter() {
      if (!showFilter) return;
      const options = $(".pc-filter-options");
      options.innerHTML = documents.length
        ? documents.map((d) => '<label class="pc-filter-option"><input type="checkbox" value="' + esc(d.id) + '"' +
          (store.filter.includes(d.id) ? " checked" : "") + "> <strong>" + esc(localityOf(d)) + "</strong> <span>" + esc(planLine(d)) + "</span></label>").join("")
        : '<p class="pc-note">Chưa tải được danh sách kế hoạch.</p>';
      const chips = $(".pc-chips");
      const chosen = documents.filter((d) => store.filter.includes(d.id));
      chips.hidden = !chosen.length;
      chips.innerHTML = chosen.length
        ? '<span class="pc-chips-label">Chỉ tìm trong:</span>' + chosen.map((d) =>
          '<span class="pc-chip">' + esc(localityOf(d)) + '<button type="button" class="pc-chip-remove" data-id="' + esc(d.id) +
          '" title="Bỏ lọc: ' + esc(localityOf(d)) + '" aria-label="Bỏ lọc: ' + esc(localityOf(d)) + '">' + icon("close") + "</button></span>").join("") +
          '<button type="button" class="pc-chip-clear" title="Bỏ mọi bộ lọc, tìm trong tất cả kế hoạch">Bỏ lọc</button>'
        : "";
      const badge = $(".pc-filter-btn .pc-badge");
      badge.hidden = !chosen.length;
      badge.textContent = String(chosen.length);
    }

    function setFilter(ids) {
      store.filter = ids.filter((id) => documents.some((d) => d.id === id));
      saveStore();
      renderFilter();
    }

    async function loadDocuments() {
      try {
        const res = await fetch(apiRoot + "v1/documents", {headers: headers()});
        if (!res.ok) throw new Error(await errorMessage(res));
        const body = await res.json();
        documents = (body.documents || []).slice().sort((a, b) => localityOf(a).localeCompare(localityOf(b), "vi"));
        const preset = params.get("plans");
        if (preset) store.filter = preset.split(",").map((s) => s.trim()).filter(Boolean);
        store.filter = store.filter.filter((id) => documents.some((d) => d.id === id));
        renderFilter();
      } catch (err) {
        showBanner(describeError(err), "warn");
      }
    }

    // --- network ----------------------------------------------------------------------------
    function headers(extra) {
      const h = {...(extra || {})};
      if (apiKey) h["X-API-Key"] = apiKey;
      return h;
    }

    async function errorMessage(res) {
      try {
        const body = await res.json();
        if (body && body.error && body.error.message) return body.error.message;
      } catch (err) { /* not JSON */ }
      if (res.status === 401) return "Thiếu hoặc sai khóa truy cập (API key). Hãy mở lại trang bằng đường dẫn có khóa.";
      if (res.status === 429) return "Hệ thống đang bận. Vui lòng thử lại sau ít phút.";
      if (res.status >= 500) return "Máy chủ gặp lỗi (mã " + res.status + "). Vui lòng thử lại sau.";
      return "Máy chủ từ chối yêu cầu (mã " + res.status + ").";
    }

    class HttpError extends Error {}

    function describeError(err) {
      if (err instanceof HttpError) return err.message;
      if (!navigator.onLine) return "Mất kết nối mạng. Kiểm tra mạng rồi bấm “Thử lại”.";
      return "Không kết nối được tới máy chủ của trợ lý. Kiểm tra mạng hoặc thử lại sau ít phút.";
    }

    function showBanner(text, kind) {
      banner.hidden = !text;
      banner.textContent = text || "";
      banner.dataset.kind = kind || "";
    }

    window.addEventListener("offline", () => showBanner("Mất kết nối mạng. Câu hỏi mới sẽ được gửi khi có mạng trở lại.", "warn"));
    window.addEventListener("online", () => {
      showBanner("Đã kết nối lại.", "ok");
      setTimeout(() => { if (banner.dataset.kind === "ok") showBanner(""); }, 3000);
      pump();
    });

    // Server-Sent Events from a POST: read the body stream and split it into events.
    async function* sse(res) {
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const {value, done} = await reader.read();
        buffer += decoder.decode(value || new Uint8Array(), {stream: !done});
        let cut;
        while ((cut = buffer.search(/\r?\n\r?\n/)) !== -1) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, "");
          let event = "message";
          const data = [];
          for (const line of block.split(/\r?\n/)) {
            if (line.startsWith("event:")) event = line.slice(6).trim();
            else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
          }
          if (data.length) yield {event, data: JSON.parse(data.join("\n"))};
        }
        if (done) return;
      }
    }

    function historyBefore(turn) {
      const messages = [];
      for (const t of conv.turns) {
        if (t === turn) break;
        if (t.status === "answered" || t.status === "no_answer") {
          messages.push(
            {role: "user", content: t.question.slice(0, limits.message_chars)},
            {role: "assistant", content: t.answer.slice(0, limits.message_chars)});
        }
      }
      return limits.history_turns ? messages.slice(-limits.history_turns) : [];
    }

    // --- asking: one question at a time, the others wait in the queue ---------------------------
    function submit(question) {
      question = question.trim();
      if (!question) {
        hint.textContent = "Hãy nhập câu hỏi trước khi gửi.";
        input.focus();
        return;
      }
      hint.textContent = "";
      if (question.length > limits.question_chars) question = question.slice(0, limits.question_chars);
      const target = ensureConversation(question);
      const turn = {key: newId("t"), question, answer: "", status: "queued", citations: [], queued: !!current};
      target.turns.push(turn);
      target.updated = Date.now();
      renderTurn(turn);
      turnEl(turn).scrollIntoView({block: "nearest"});
      queue.push({turn, conv: target});
      pump();
    }

    function pump() {
      if (current || !queue.length) return;
      if (!navigator.onLine) {
        for (const q of queue) { q.turn.status = "offline"; renderTurn(q.turn); }
        return;
      }
      const next = queue.shift();
      for (const q of queue) {
        if (q.turn.status === "offline") { q.turn.status = "queued"; renderTurn(q.turn); }
      }
      answer(next.turn, next.conv);
    }

    function setBusy(busy) {
      stopBtn.hidden = !busy;
      root.dataset.busy = busy ? "1" : "";
    }

    let frame = 0;
    function scheduleRender(turn) {
      if (frame) return;
      frame = requestAnimationFrame(() => { frame = 0; if (turnEls.has(turn.key)) renderTurn(turn, false); });
    }

    async function answer(turn, target) {
      const controller = new AbortController();
      current = {turn, controller};
      setBusy(true);
      Object.assign(turn, {status: "pending", answer: "", citations: [], error: null, id: null});
      const shown = conv === target;
      if (shown) {
        renderTurn(turn);
        // Show the start of the new answer (not its end): its question at the top of the log.
        turnEl(turn).scrollIntoView({block: "start"});
      }
      try {
        const body = {question: turn.question, history: historyBefore(turn), stream: true};
        if (store.filter.length) body.filters = {documents: store.filter};
        const res = await fetch(apiRoot + "v1/ask", {
          method: "POST",
          headers: headers({"Content-Type": "application/json", "Accept": "text/event-stream"}),
          body: JSON.stringify(body),
          signal: controller.signal,
        });
        if (!res.ok) throw new HttpError(await errorMessage(res));
        // The final state is set only after the stream ends, with no await before the final
        // render: a partial render never shows an "answered" turn without its sources.
        let finished = null;
        for await (const {event, data} of sse(res)) {
          if (event === "citations") {
            turn.citations = data.citations || [];
          } else if (event === "delta") {
            turn.status = "streaming";
            turn.answer += data.text || "";
            if (conv === target) scheduleRender(turn);
          } else if (event === "done") {
            finished = data;
          }
        }
        if (!finished) throw new HttpError("Kết nối bị gián đoạn khi đang nhận câu trả lời. Bấm “Thử lại”.");
        turn.status = finished.status === "no_answer" ? "no_answer" : "answered";
        turn.questionUsed = finished.question_used || "";
        turn.id = finished.id || null;
        announce(turn);
      } catch (err) {
        if (err && err.name === "AbortError") {
          turn.status = turn.answer ? "stopped" : "error";
          if (!turn.answer) turn.error = "Đã dừng trước khi có câu trả lời.";
        } else {
          turn.status = "error";
          turn.error = describeError(err);
          announce(turn);
        }
      } finally {
        if (frame) { cancelAnimationFrame(frame); frame = 0; }
        current = null;
        setBusy(false);
        target.updated = Date.now();
        if (conv === target) renderTurn(turn);
        saveStore();
        renderSidebar();
        focusInput();
        pump();
      }
    }

    /** Keep the focus on the question box, unless the user is typing somewhere else. */
    function focusInput() {
      const active = document.activeElement;
      const typingElsewhere = active && active !== input && root.contains(active) &&
        (active.tagName === "TEXTAREA" || active.tagName === "INPUT");
      if (!typingElsewhere) input.focus({preventScroll: true});
    }

    function announce(turn) {
      let text;
      if (turn.status === "error") text = "Không trả lời được: " + turn.error;
      else if (turn.status === "no_answer") text = "Không tìm thấy câu trả lời trong các kế hoạch.";
      else {
        const summary = answerHTML(turn, scopeLocalities()).summary;
        text = "Đã có câu trả lời" + (summary ? ": " + plain(summary).replace(/\[\d+\]/g, "") : ".");
      }
      // Cleared first so that the same text twice is still announced, once per answer.
      live.textContent = "";
      setTimeout(() => { live.textContent = text; }, 50);
    }

    function stopAll() {
      for (const q of queue.splice(0)) {
        q.conv.turns = q.conv.turns.filter((t) => t !== q.turn);
        const el = turnEls.get(q.turn.key);
        if (el) el.remove();
      }
      if (current) current.controller.abort();
    }

    // --- feedback, copy, export ---------------------------------------------------------------
    async function sendFeedback(turn, rating, comment) {
      const res = await fetch(apiRoot + "v1/feedback", {
        method: "POST",
        headers: headers({"Content-Type": "application/json"}),
        body: JSON.stringify({
          answer_id: turn.id || (turn.id = newId("ans_local_")),
          rating,
          comment: comment || null,
          question: turn.questionUsed || turn.question,
          answer: turn.answer,
          citations: (turn.citations || []).map((c) => ({id: c.id, document: (c.document || {}).id, section: c.section})),
        }),
      });
      if (!res.ok) throw new HttpError(await errorMessage(res));
    }

    async function copy(text) {
      try { await navigator.clipboard.writeText(text); return true; } catch (err) {
        const area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.cssText = "position:fixed;opacity:0";
        document.body.appendChild(area);
        area.select();
        let ok = false;
        try { ok = document.execCommand("copy"); } catch (err2) { ok = false; }
        area.remove();
        return ok;
      }
    }

    function download(name, type, text) {
      const url = URL.createObjectURL(new Blob([text], {type: type + ";charset=utf-8"}));
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    }

    function exportConversation(kind) {
      closeMenu();
      if (!conv || !conv.turns.some((t) => t.answer)) {
        hint.textContent = "Chưa có câu trả lời nào để xuất.";
        return;
      }
      const stamp = new Date().toISOString().slice(0, 10);
      if (kind === "md") download("hoi-dap-" + stamp + ".md", "text/markdown", conversationMarkdown(conv));
      else download("hoi-dap-" + stamp + ".html", "text/html", conversationHTML(conv, scopeLocalities()));
      hint.textContent = "Đã tải cuộc trò chuyện về máy.";
    }

    const menu = $(".pc-menu");
    function closeMenu() {
      menu.hidden = true;
      $(".pc-export-btn").setAttribute("aria-expanded", "false");
    }

    function openCard(card, open, focus) {
      const head = card.querySelector(".pc-card-head");
      const body = card.querySelector(".pc-card-body");
      head.setAttribute("aria-expanded", open ? "true" : "false");
      body.hidden = !open;
      card.classList.toggle("pc-open", open);
      if (open) {
        const passage = body.querySelector(".pc-passage");
        const mark = passage.querySelector("mark");
        if (mark && passage.scrollHeight > passage.clientHeight) passage.scrollTop = Math.max(0, mark.offsetTop - passage.offsetTop - 8);
      }
      if (focus) {
        head.focus({preventScroll: true});
        card.scrollIntoView({block: "nearest", behavior: "smooth"});
        card.classList.add("pc-flash");
        setTimeout(() => card.classList.remove("pc-flash"), 1500);
      }
    }

    const turnOf = (node) => {
      const el = node.closest(".pc-turn");
      return el && conv ? conv.turns.find((t) => t.key === el.dataset.key) : null;
    };

    // --- events ----------------------------------------------------------------------------
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = input.value;
      if (text.trim()) input.value = "";
      autoSize();
      submit(text);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    const autoSize = () => {
      input.style.height = "auto";
      input.style.height = Math.min(input.scrollHeight, 160) + "px";
    };
    input.addEventListener("input", () => { autoSize(); if (hint.textContent) hint.textContent = ""; });
    stopBtn.addEventListener("click", () => { stopAll(); input.focus(); });

    log.addEventListener("click", async (event) => {
      const target = event.target.closest("button, a");
      if (!target || !log.contains(target)) return;
      const turn = turnOf(target);
      if (target.classList.contains("pc-example")) {
        submit(target.textContent);
        input.focus();
      } else if (target.classList.contains("pc-ref")) {
        event.preventDefault();
        const card = document.getElementById(target.getAttribute("href").slice(1));
        if (card) openCard(card, true, true);
      } else if (target.classList.contains("pc-card-head")) {
        const card = target.closest(".pc-card");
        openCard(card, target.getAttribute("aria-expanded") !== "true", false);
      } else if (target.classList.contains("pc-retry") && turn) {
        turn.status = "queued";
        renderTurn(turn);
        queue.push({turn, conv});
        pump();
      } else if (target.classList.contains("pc-copy") && turn) {
        const ok = await copy(copyText(turn));
        target.innerHTML = ok ? icon("check") + "<span>Đã sao chép</span>" : icon("alert") + "<span>Không sao chép được</span>";
        setTimeout(() => { target.innerHTML = icon("copy") + "<span>Sao chép</span>"; }, 2000);
      } else if (target.classList.contains("pc-rate") && turn) {
        const rating = target.dataset.rating;
        const status = turnEl(turn).querySelector(".pc-fb-status");
        try {
          await sendFeedback(turn, rating, (turn.feedback || {}).comment);
          turn.feedback = {...(turn.feedback || {}), rating};
          saveStore();
          renderActions(turnEl(turn), turn);
          const box = turnEl(turn).querySelector(".pc-fb-comment");
          if (box && !turn.feedback.comment) box.focus();
        } catch (err) {
          status.textContent = "Không lưu được đánh giá: " + describeError(err);
        }
      } else if (target.classList.contains("pc-fb-send") && turn) {
        const el = turnEl(turn);
        const box = el.querySelector(".pc-fb-comment");
        const comment = box.value.trim();
        if (!comment) { box.focus(); return; }
        target.disabled = true;
        try {
          await sendFeedback(turn, (turn.feedback || {}).rating || "down", comment);
          turn.feedback = {...(turn.feedback || {}), comment};
          saveStore();
          renderActions(el, turn);
          focusInput();
        } catch (err) {
          target.disabled = false;
          el.querySelector(".pc-fb-status").textContent = "Không gửi được góp ý: " + describeError(err);
        }
      }
    });

    $(".pc-new").addEventListener("click", () => openConversation(null));
    $(".pc-new-side").addEventListener("click", () => openConversation(null));
    $(".pc-history-btn").addEventListener("click", () => toggleSidebar(root.dataset.sidebar !== "open"));
    $(".pc-sidebar-close").addEventListener("click", () => closeSidebar());
    convList.addEventListener("click", (event) => {
      const open = event.target.closest(".pc-conv");
      const del = event.target.closest(".pc-conv-delete");
      if (open) openConversation(store.conversations.find((c) => c.id === open.dataset.id) || null);
      if (del) {
        const victim = store.conversations.find((c) => c.id === del.dataset.id);
        store.conversations = store.conversations.filter((c) => c !== victim);
        if (victim === conv) openConversation(null);
        saveStore();
        renderSidebar();
        ($(".pc-conv") || $(".pc-new-side")).focus();
      }
    });
    $(".pc-clear").addEventListener("click", () => {
      $(".pc-confirm").hidden = false;
      $(".pc-clear-no").focus();
    });
    $(".pc-clear-no").addEventListener("click", () => { $(".pc-confirm").hidden = true; $(".pc-clear").focus(); });
    $(".pc-clear-yes").addEventListener("click", () => {
      $(".pc-confirm").hidden = true;
      store.conversations = [];
      if (local) local.removeItem(storeKey);
      openConversation(null);
      hint.textContent = "Đã xóa toàn bộ lịch sử trò chuyện trên máy này.";
    });

    $(".pc-export-btn").addEventListener("click", () => {
      const open = menu.hidden;
      menu.hidden = !open;
      $(".pc-export-btn").setAttribute("aria-expanded", open ? "true" : "false");
      if (open) menu.querySelector("button").focus();
    });
    $(".pc-export-md").addEventListener("click", () => exportConversation("md"));
    $(".pc-export-html").addEventListener("click", () => exportConversation("html"));
    document.addEventListener("click", (event) => {
      if (!menu.hidden && !event.target.closest(".pc-menu-wrap")) closeMenu();
    });

    if (showFilter) {
      $(".pc-filter-btn").addEventListener("click", () => {
        const panel = $(".pc-filter");
        panel.hidden = !panel.hidden;
        $(".pc-filter-btn").setAttribute("aria-expanded", panel.hidden ? "false" : "true");
        if (!panel.hidden) { const box = panel.querySelector("input"); if (box) box.focus(); }
      });
      $(".pc-filter").addEventListener("change", () => {
        setFilter([...root.querySelectorAll(".pc-filter-options input:checked")].map((i) => i.value));
      });
      $(".pc-chips").addEventListener("click", (event) => {
        const remove = event.target.closest(".pc-chip-remove");
        if (remove) setFilter(store.filter.filter((id) => id !== remove.dataset.id));
        if (event.target.closest(".pc-chip-clear")) setFilter([]);
        input.focus();
      });
    }

    root.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      if (!menu.hidden) { closeMenu(); $(".pc-export-btn").focus(); }
      else if (root.dataset.sidebar === "open") closeSidebar();
      else if (showFilter && !$(".pc-filter").hidden) { $(".pc-filter").hidden = true; $(".pc-filter-btn").focus(); }
    });

    renderLog();
    renderSidebar();
    if (conv) {
      const last = log.querySelector(".pc-turn:last-child");
      if (last) last.scrollIntoView({block: "start"});
    }
    if (!navigator.onLine) showBanner("Mất kết nối mạng. Câu hỏi mới sẽ được gửi khi có mạng trở lại.", "warn");
    loadDocuments();
    input.focus({preventScroll: true});
    if (mode === "page") translateGradioNotices();
  }

  function applyTheme(root, params) {
    const theme = params.get("theme");
    if (theme === "dark" || theme === "light") root.dataset.theme = theme;
    const colors = {accent: "--pc-accent", bg: "--pc-bg", text: "--pc-text"};
    for (const [param, variable] of Object.entries(colors)) {
      const value = params.get(param);
      if (value && window.CSS && CSS.supports("color", value)) root.style.setProperty(variable, value);
    }
    const radius = Number(params.get("radius"));
    if (params.has("radius") && radius >= 0 && radius <= 24) root.style.setProperty("--pc-radius", radius + "px");
  }

  /** Gradio shows its own English toasts (connection lost, errors): translate them. */
  function translateGradioNotices() {
    const translate = (node) => {
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        const key = t.nodeValue.trim();
        if (GRADIO_TEXT[key]) t.nodeValue = t.nodeValue.replace(key, GRADIO_TEXT[key]);
      }
      if (node.querySelectorAll) {
        for (const el of node.querySelectorAll("[aria-label], [title]")) {
          for (const attr of ["aria-label", "title"]) {
            const v = el.getAttribute(attr);
            if (v && GRADIO_TEXT[v.trim()]) el.setAttribute(attr, GRADIO_TEXT[v.trim()]);
          }
        }
      }
    };
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType === 1 && !n.closest(".pc-app")) translate(n);
          else if (n.nodeType === 3 && n.parentElement && !n.parentElement.closest(".pc-app")) translate(n.parentElement);
        }
      }
    }).observe(document.body, {childList: true, subtree: true, characterData: false});
    document.documentElement.lang = "vi";
  }

  function mountAll() {
    document.querySelectorAll("[data-plans-chat]:not([data-mounted])").forEach(mount);
  }

  window.PlansChat = {mount, mountAll, parseAnswer, answerHTML, quotesOf, highlight, fixQuoteStarts};
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
  // Gradio renders its components after this script runs: mount when the root appears.
  if (!document.querySelector("[data-plans-chat]")) {
    const observer = new MutationObserver(() => {
      if (document.querySelector("[data-plans-chat]:not([data-mounted])")) { mountAll(); observer.disconnect(); }
    });
    observer.observe(document.documentElement, {childList: true, subtree: true});
  }
})();
