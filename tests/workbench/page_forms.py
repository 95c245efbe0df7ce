"""What a browser would send for one of a page's forms, read from the page's HTML (no browser needed)."""

from __future__ import annotations

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.current: dict | None = None
        self.text_of: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = {"action": a.get("action"), "fields": {}}
            self.forms.append(self.current)
        if self.current is None or "name" not in a and tag not in ("option",):
            return
        fields = self.current["fields"]
        if tag == "input" and a.get("type") not in ("checkbox", "file", "submit"):
            fields[a["name"]] = a.get("value", "") or ""
        elif tag == "input" and a.get("type") == "checkbox" and "checked" in a:
            fields[a["name"]] = a.get("value", "on")
        elif tag == "textarea":
            self.text_of = a["name"]
            fields[self.text_of] = ""
        elif tag == "select":
            self.select = a["name"]
            fields[self.select] = ""
        elif tag == "option" and self.select and "selected" in a:
            fields[self.select] = a.get("value", "__text__")

    def handle_data(self, data):
        if self.text_of and self.current is not None:
            fields = self.current["fields"]
            fields[self.text_of] += data.removeprefix("\n") if not fields[self.text_of] else data
        if self.select and self.current is not None and self.current["fields"].get(self.select) == "__text__":
            self.current["fields"][self.select] = data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.text_of = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.current = None


def page_form(html: str, action: str, **match: str) -> dict[str, str]:
    """The fields of the first form posting to `action` whose fields include `match` (e.g. block="三公经费")."""
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        if form["action"] == action and all(form["fields"].get(k) == v for k, v in match.items()):
            return dict(form["fields"])
    raise AssertionError(f"no form posting to {action} with {match}")
