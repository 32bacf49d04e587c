"""Word (.docx): real headings, real numbered and bulleted lists (numbering definitions, not
typed numbers), the header block, and the document properties (title, language).

python-docx is slow at adding thousands of paragraphs one by one, so the body is written as
WordprocessingML text (escaped here) and parsed once; python-docx supplies the package, the
styles and the numbering part.
"""

import io
import re
import zipfile
from datetime import datetime
from xml.sax.saxutils import escape

import docx
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from flask_babel import lazy_gettext as _l

from workshop.annex.build import document_title
from workshop.annex.renderers import register
from workshop.annex.text import is_right_to_left

W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Characters XML 1.0 forbids: they would make the file unreadable, so they are dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The outline's number styles as Word number formats and level texts.
NUMBER_FORMATS = {
    "decimal": ("decimal", "%1."),
    "upper": ("upperLetter", "%1."),
    "lower": ("lowerLetter", "%1)"),
    "roman": ("upperRoman", "%1."),
}
BULLET_LEVELS = ("•", "–", "◦")
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@register("docx", label=_l("Word"), extension="docx", media_type=MEDIA_TYPE, rank=10)
def render_docx(document: dict) -> bytes:
    word = docx.Document()
    body = Body(word, Numbering(word))
    write_annex(body, document)
    body.write_into(word)
    set_properties(word, document, document_title(document))
    return saved(word, document)


def write_annex(body: "Body", document: dict) -> None:
    """The annex's header and numbered outline, into a Word body (its own or the minutes')."""
    body.header(document["header"])
    sections = document["sections"]
    top_list = body.numbering.restart(sections[0]["number_style"]) if sections else None
    for section in sections:
        body.section(section, document["labels"], top_list)
    if not document["question_count"]:
        body.no_notes(document["labels"])


def saved(word, document: dict) -> bytes:
    """The .docx file, every part dated when the document was made."""
    output = io.BytesIO()
    word.save(output)
    return with_fixed_times(output.getvalue(), datetime.fromisoformat(document["generated_at"]))


def with_fixed_times(package: bytes, moment: datetime) -> bytes:
    """The same .docx with every part dated `moment` instead of "now", so an approved version
    downloads byte for byte the same each time."""
    stamp = (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, 0)
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(output, "w") as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(member.filename))
    return output.getvalue()


def text_run(text: str, bold=False, italic=False, rtl=False) -> str:
    properties = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    properties += "<w:rtl/>" if rtl else ""
    run_properties = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    text = escape(_NOT_XML.sub("", text))
    return f'<w:r>{run_properties}<w:t xml:space="preserve">{text}</w:t></w:r>'


def paragraph(runs: str, style=None, num=None, level=0, align=None, rtl=False) -> str:
    """One <w:p>; pPr children in the order the schema requires."""
    properties = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        properties += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'
    properties += "<w:bidi/>" if rtl else ""
    properties += f'<w:jc w:val="{align}"/>' if align else ""
    return f"<w:p><w:pPr>{properties}</w:pPr>{runs}</w:p>"


class Numbering:
    """Adds the annex's list definitions to the numbering part and hands out list ids."""

    def __init__(self, word: DocxDocument) -> None:
        self.element = word.part.numbering_part.element
        abstract_ids = [int(e.get(qn("w:abstractNumId"))) for e in self._all("w:abstractNum")]
        num_ids = [int(e.get(qn("w:numId"))) for e in self._all("w:num")]
        self.next_abstract = max(abstract_ids, default=0) + 1
        self.next_num = max(num_ids, default=0) + 1
        self.abstract_by_style: dict[str, int] = {}
        self.bullets = self._add_num(self._add_abstract(self._bullet_levels()))

    def _all(self, tag: str):
        return self.element.findall(qn(tag))

    def restart(self, style: str) -> int | None:
        """A new list of the given number style, counting from 1; None for unnumbered styles."""
        if style not in NUMBER_FORMATS:
            return None
        if style not in self.abstract_by_style:
            number_format, level_text = NUMBER_FORMATS[style]
            level = (
                f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>'
                f'<w:suff w:val="space"/><w:lvlText w:val="{level_text}"/><w:lvlJc w:val="left"/>'
                '<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>'
            )
            self.abstract_by_style[style] = self._add_abstract(level, "singleLevel")
        return self._add_num(self.abstract_by_style[style], restart=True)

    def _bullet_levels(self) -> str:
        levels = []
        for index, bullet in enumerate(BULLET_LEVELS):
            left = 720 * (index + 1)
            levels.append(
                f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
                f'<w:lvlText w:val="{bullet}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{left}" w:hanging="360"/></w:pPr></w:lvl>'
            )
        return "".join(levels)

    def _add_abstract(self, levels: str, kind="hybridMultilevel") -> int:
        abstract_id = self.next_abstract
        self.next_abstract += 1
        element = parse_xml(
            f'<w:abstractNum xmlns:w="{W_NAMESPACE}" w:abstractNumId="{abstract_id}">'
            f'<w:nsid w:val="{0x5A000000 + abstract_id:08X}"/>'
            f'<w:multiLevelType w:val="{kind}"/>{levels}</w:abstractNum>'
        )
        # The schema wants every abstractNum before the first num.
        first_num = self.element.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(element)
        else:
            self.element.append(element)
        return abstract_id

    def _add_num(self, abstract_id: int, restart=False) -> int:
        num_id = self.next_num
        self.next_num += 1
        override = (
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
            if restart
            else ""
        )
        self.element.append(
            parse_xml(
                f'<w:num xmlns:w="{W_NAMESPACE}" w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
            )
        )
        return num_id


class Body:
    """Collects the document's paragraphs as XML text, then puts them into the document."""

    def __init__(self, word, numbering: Numbering):
        self.numbering = numbering
        self.parts: list[str] = []
        styles = {style.name: style.style_id for style in word.styles}
        self.heading_styles = [styles.get(f"Heading {n}", f"Heading{n}") for n in range(1, 7)]
        self.title_style = styles.get("Title", "Title")
        self.list_style = styles.get("List Paragraph", "ListParagraph")

    def add(self, text: str, **options) -> None:
        rtl = is_right_to_left(text)
        bold, italic = options.pop("bold", False), options.pop("italic", False)
        self.parts.append(paragraph(text_run(text, bold, italic, rtl), rtl=rtl, **options))

    def heading(self, level: int, text: str, num=None) -> None:
        style = self.heading_styles[min(level, 6) - 1]
        self.add(text, style=style, num=num)

    def header(self, header: dict) -> None:
        self.add(header["label"], bold=True, align="right")
        for item in header["meta"]:
            self.add(f"{item['label']}: {item['value']}", align="right")
        self.add(header["status"], italic=True, align="right")
        self.add(header["title"], style=self.title_style)
        for intro in header["intro"]:
            for line in intro.split("\n"):
                self.add(line)

    def section(self, section: dict, labels: dict, num=None) -> None:
        level = section["level"]
        self.heading(level, section["heading"], num=num)
        if section["prompt"]:
            for line in section["prompt"].split("\n"):
                self.add(line, italic=True)
        question_list = (
            self.numbering.restart(section["questions"][0]["number_style"])
            if section["questions"]
            else None
        )
        for question in section["questions"]:
            self.question(question, level + 1, labels, question_list)
        block_list = (
            self.numbering.restart(section["blocks"][0]["number_style"])
            if section["blocks"]
            else None
        )
        for block in section["blocks"]:
            self.section(block, labels, block_list)

    def question(self, question: dict, level: int, labels: dict, num) -> None:
        self.heading(level, question["text"], num=num)
        if not question["parts"]:
            self.no_notes(labels)
        for part in question["parts"]:
            if part["heading"]:
                self.heading(level + 1, part["heading"])
            for point in part["points"]:
                self.point(point)

    def point(self, point: dict) -> None:
        bullets, style = self.numbering.bullets, self.list_style
        for index, item in enumerate(point["items"]):
            rtl = is_right_to_left(item["text"])
            runs = text_run(item["text"], rtl=rtl)
            if index == 0 and point["mark"]:
                runs += text_run(f" ({point['mark']})", italic=True, rtl=rtl)
            self.parts.append(paragraph(runs, style=style, num=bullets, level=0, rtl=rtl))
            for child in item["children"]:
                self.bullet(child, 1)

    def bullet(self, text: str, level: int) -> None:
        rtl = is_right_to_left(text)
        self.parts.append(
            paragraph(
                text_run(text, rtl=rtl),
                style=self.list_style,
                num=self.numbering.bullets,
                level=level,
                rtl=rtl,
            )
        )

    def page_break(self) -> None:
        self.parts.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def no_notes(self, labels: dict) -> None:
        self.add(labels["no_notes"], italic=True)

    def write_into(self, word) -> None:
        fragment = parse_xml(f'<w:body xmlns:w="{W_NAMESPACE}">{"".join(self.parts)}</w:body>')
        body = word.element.body
        section_properties = body.find(qn("w:sectPr"))
        for element in list(fragment):
            section_properties.addprevious(element)


def set_properties(word, document: dict, title: str) -> None:
    """Title, language and dates in the file's properties; no author (the template's is removed)."""
    properties = word.core_properties
    properties.title = title[:255]
    properties.language = document["language_tag"]
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    generated = datetime.fromisoformat(document["generated_at"])
    properties.created = generated
    properties.modified = generated
    properties.revision = 1
    set_default_language(word, document["language_tag"])


def set_default_language(word, language_tag: str) -> None:
    """Word's proofing language for the whole text, so spelling is checked in the right language."""
    run_defaults = word.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault"))
    if run_defaults is None:
        return
    run_properties = run_defaults.find(qn("w:rPr"))
    if run_properties is None:
        return
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = parse_xml(f'<w:lang xmlns:w="{W_NAMESPACE}"/>')
        run_properties.append(language)
    language.set(qn("w:val"), language_tag)
