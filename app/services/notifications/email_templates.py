"""The email templates (Jinja2): plain text and HTML, for one notification and for a digest.

Kept in Python rather than as template files so that a plain `pip install .` ships them. HTML
templates autoescape; the text ones do not (they are not HTML).
"""

from jinja2 import ChainableUndefined, DictLoader, Environment, Template

_TEXT = """\
{{ title }}

Inbox: {{ c.inbox_name }}
Priority: {{ c.priority }} · Category: {{ c.category }}
Contact: {{ c.contact_name }}
{% if note %}
Note: {{ note }}
{% endif %}

Hand-off
  Reason: {{ h.reason }}
  Steps taken: {{ h.steps_taken }}
  Offers made: {{ h.offers_made or "—" }}
  Help needed: {{ h.help_needed }}

Open the escalation: {{ c.link }}
{% if claim_link %}
Claim it: {{ claim_link }}
(You will be asked to confirm. The link works once, for you only, for 24 hours.)
{% endif %}

-- {# the signature delimiter, with its space #}
{{ why }}
"""

_HTML = """\
<!doctype html>
<html><body style="font-family: sans-serif; color: #1f2328; max-width: 40em">
<h2 style="margin: 0 0 .5em">{{ title }}</h2>
<table style="border-collapse: collapse; margin-bottom: 1em">
<tr><th align="left" style="padding-right: 1em">Inbox</th><td>{{ c.inbox_name }}</td></tr>
<tr><th align="left" style="padding-right: 1em">Priority</th><td>{{ c.priority }}</td></tr>
<tr><th align="left" style="padding-right: 1em">Category</th><td>{{ c.category }}</td></tr>
<tr><th align="left" style="padding-right: 1em">Contact</th><td>{{ c.contact_name }}</td></tr>
</table>
{% if note %}<p><strong>Note:</strong> {{ note }}</p>{% endif %}
<h3 style="margin: 1em 0 .3em">Hand-off</h3>
<dl>
<dt><strong>Reason</strong></dt><dd>{{ h.reason }}</dd>
<dt><strong>Steps taken</strong></dt><dd>{{ h.steps_taken }}</dd>
<dt><strong>Offers made</strong></dt><dd>{{ h.offers_made or "—" }}</dd>
<dt><strong>Help needed</strong></dt><dd>{{ h.help_needed }}</dd>
</dl>
<p><a href="{{ c.link }}" style="display: inline-block; padding: .5em 1em; background: #0969da;
color: #fff; text-decoration: none; border-radius: 4px">Open the escalation</a>
{% if claim_link %}<a href="{{ claim_link }}" style="display: inline-block; padding: .5em 1em;
margin-left: .5em; background: #1a7f37; color: #fff; text-decoration: none; border-radius: 4px"
>Claim</a>{% endif %}</p>
{% if claim_link %}<p style="color: #656d76; font-size: small">The Claim link asks you to confirm,
and works once, for you only, for 24 hours.</p>{% endif %}
<p style="color: #656d76; font-size: small">{{ why }}</p>
</body></html>
"""

_DIGEST_TEXT = """\
{{ title }}

More updates than usual came in for you; here they are in one message.

{% for item in items %}
- {{ item.title }}
  {{ item.link }}
{% endfor %}

-- {# the signature delimiter, with its space #}
{{ why }}
"""

_DIGEST_HTML = """\
<!doctype html>
<html><body style="font-family: sans-serif; color: #1f2328; max-width: 40em">
<h2 style="margin: 0 0 .5em">{{ title }}</h2>
<p>More updates than usual came in for you; here they are in one message.</p>
<ul>
{% for item in items %}<li><a href="{{ item.link }}">{{ item.title }}</a></li>
{% endfor %}</ul>
<p style="color: #656d76; font-size: small">{{ why }}</p>
</body></html>
"""

_PLAIN = """\
{{ title }}

{{ body }}
"""

_PLAIN_HTML = """\
<!doctype html>
<html><body style="font-family: sans-serif; color: #1f2328; max-width: 40em">
<h2>{{ title }}</h2>
{% for line in body.splitlines() %}<p style="margin: .2em 0">{{ line }}</p>
{% endfor %}</body></html>
"""

_env = Environment(
    loader=DictLoader(
        {
            "notification.txt": _TEXT,
            "notification.html": _HTML,
            "digest.txt": _DIGEST_TEXT,
            "digest.html": _DIGEST_HTML,
            "plain.txt": _PLAIN,
            "plain.html": _PLAIN_HTML,
        }
    ),
    autoescape=lambda name: bool(name and name.endswith(".html")),
    # A missing field renders empty rather than failing the send.
    undefined=ChainableUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def template(name: str) -> Template:
    return _env.get_template(name)
