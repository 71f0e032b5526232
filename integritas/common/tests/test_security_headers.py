"""Every HTML page carries a Content-Security-Policy; the static manifest is not public."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2]
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
BARE_BLOCK = re.compile(r"<(script|style)(?![^>]*\b(?:src|nonce)=)[^>]*>", re.I)


def _policy(response) -> str:
    return response["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/akun/masuk/", "/publik/", "/tidak-ada/"])
def test_public_html_pages_carry_a_strict_policy_with_a_fresh_nonce(client, url):
    first, second = client.get(url), client.get(url)
    policy = _policy(first)
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy and "'unsafe-eval'" not in policy
    assert (
        "script-src 'self' 'nonce-" in policy and "script-src 'self' 'unsafe-inline'" not in policy
    )
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert len(nonce) >= 16 and nonce not in _policy(second)


def test_signed_in_pages_carry_the_policy_and_their_inline_blocks_its_nonce(world, client_for):
    response = client_for(world.admin).get("/")
    nonce = re.search(r"'nonce-([^']+)'", _policy(response)).group(1)
    body = response.content.decode()
    for tag in re.findall(r"<(?:script|style)\b[^>]*>", body):
        assert "src=" in tag or f'nonce="{nonce}"' in tag, tag


def test_no_template_has_an_inline_handler_or_an_inline_block_without_the_nonce():
    """A new template with onclick= or a bare <script> would be blocked by the policy."""
    offenders = []
    for path in TEMPLATES.rglob("templates/**/*.html"):
        if "documents/templates" in str(path):  # rendered to PDF, never served as a page
            continue
        text = path.read_text()
        offenders += [f"{path.name}: {m.group(0)[:60]}" for m in HANDLER.finditer(text)]
        offenders += [f"{path.name}: {m.group(0)}" for m in BARE_BLOCK.finditer(text)]
    assert not offenders, offenders


def test_chart_markup_gets_the_nonce_but_user_text_stays_escaped():
    template = Template("{% load integritas %}{{ chart|with_nonce:n }}|{{ text|with_nonce:n }}")
    out = template.render(
        Context(
            {
                "chart": mark_safe("<svg><style>.a{}</style></svg>"),
                "text": "<style>x</style>",
                "n": "abc",
            }
        )  # fmt: skip
    )
    assert out == '<svg><style nonce="abc">.a{}</style></svg>|&lt;style&gt;x&lt;/style&gt;'


def test_the_static_manifest_is_not_served(client):
    assert client.get("/static/staticfiles.json").status_code == 404


def test_no_htmx_trigger_needs_eval():
    """htmx event filters (`change[...]`) are evaluated as code, which the page policy forbids."""
    offenders = [
        f"{path.name}: {trigger}"
        for path in TEMPLATES.rglob("templates/**/*.html")
        for trigger in re.findall(r'hx-trigger="([^"]*)"', path.read_text())
        if "[" in re.sub(r"from:\S+", "", trigger)  # `from:input[name=q]` is a selector
    ]
    assert offenders == []
