//! Text that report writers type (Markdown: paragraphs, lists, headings,
//! bold, italic, links) turned into a tree of plain data for the template.
//! Nothing in the text is ever typst code: `#`, `$`, `*` or `]` that are not
//! Markdown come out as the characters they are, because the template only
//! prints strings.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::{Value, json};

/// Parses Markdown into blocks: `{"block": "paragraph", "inlines": […]}`,
/// `{"block": "heading", "level": 1.., "inlines": […]}`,
/// `{"block": "list", "ordered": bool, "items": [[blocks]]}`,
/// `{"block": "quote", "blocks": […]}`; inlines are
/// `{"text": "…"}`, `{"strong": […]}`, `{"emph": […]}`,
/// `{"link": "url", "inlines": […]}`, `{"code": "…"}`, `{"break": true}`.
pub fn blocks(markdown: &str) -> Value {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut builder = Builder::default();
    for event in Parser::new_ext(markdown, options) {
        builder.event(event);
    }
    Value::Array(builder.finish())
}

/// A container being filled: blocks or inlines, and what closes it.
enum Frame {
    Blocks(Vec<Value>),
    Inlines(Vec<Value>),
}

#[derive(Default)]
struct Builder {
    stack: Vec<(Option<Tag<'static>>, Frame)>,
    done: Vec<Value>,
}

impl Builder {
    fn push_inline(&mut self, v: Value) {
        match self.stack.last_mut() {
            Some((_, Frame::Inlines(items))) => items.push(v),
            // Text straight inside a list item (a "tight" list) is a paragraph.
            Some((_, Frame::Blocks(blocks))) => match blocks.last_mut() {
                Some(last) if last["block"] == "tight" => {
                    if let Some(a) = last["inlines"].as_array_mut() {
                        a.push(v);
                    }
                }
                _ => blocks.push(json!({ "block": "tight", "inlines": [v] })),
            },
            None => self.done.push(json!({ "block": "paragraph", "inlines": [v] })),
        }
    }

    fn push_block(&mut self, v: Value) {
        match self.stack.last_mut() {
            Some((_, Frame::Blocks(blocks))) => blocks.push(v),
            Some((_, Frame::Inlines(items))) => items.push(v),
            None => self.done.push(v),
        }
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => {
                let frame = match tag {
                    Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::Strong
                    | Tag::Emphasis
                    | Tag::Strikethrough
                    | Tag::Link { .. } => Frame::Inlines(Vec::new()),
                    _ => Frame::Blocks(Vec::new()),
                };
                self.stack.push((Some(tag.into_static()), frame));
            }
            Event::End(end) => self.end(end),
            Event::Text(t) => self.push_inline(json!({ "text": t.as_ref() })),
            Event::Code(t) => self.push_inline(json!({ "code": t.as_ref() })),
            Event::SoftBreak => self.push_inline(json!({ "text": " " })),
            Event::HardBreak => self.push_inline(json!({ "break": true })),
            // Raw HTML and the like are shown as written, never interpreted.
            Event::Html(t) | Event::InlineHtml(t) => self.push_inline(json!({ "text": t.as_ref() })),
            Event::Rule => self.push_block(json!({ "block": "rule" })),
            _ => {}
        }
    }

    fn end(&mut self, _end: TagEnd) {
        let Some((Some(tag), frame)) = self.stack.pop() else { return };
        let content = match frame {
            Frame::Blocks(b) => b.into_iter().map(untighten).collect::<Vec<_>>(),
            Frame::Inlines(i) => i,
        };
        let value = match tag {
            Tag::Paragraph => json!({ "block": "paragraph", "inlines": content }),
            Tag::Heading { level, .. } => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    _ => 4,
                };
                json!({ "block": "heading", "level": level, "inlines": content })
            }
            Tag::Strong => json!({ "strong": content }),
            Tag::Emphasis => json!({ "emph": content }),
            Tag::Strikethrough => json!({ "strike": content }),
            Tag::Link { dest_url, .. } => json!({ "link": dest_url.as_ref(), "inlines": content }),
            Tag::List(start) => json!({ "block": "list", "ordered": start.is_some(), "items": content }),
            Tag::Item => Value::Array(content),
            Tag::BlockQuote(_) => json!({ "block": "quote", "blocks": content }),
            Tag::CodeBlock(_) => {
                let text: String = content.iter().filter_map(|v| v["text"].as_str()).collect();
                json!({ "block": "paragraph", "inlines": [{ "code": text }] })
            }
            _ => json!({ "block": "blocks", "blocks": content }),
        };
        match value {
            v @ (Value::Object(_) | Value::Array(_)) if is_inline(&v) => self.push_inline(v),
            v => self.push_block(v),
        }
    }

    fn finish(mut self) -> Vec<Value> {
        while !self.stack.is_empty() {
            self.end(TagEnd::Paragraph);
        }
        self.done.into_iter().map(untighten).collect()
    }
}

fn is_inline(v: &Value) -> bool {
    ["strong", "emph", "strike", "link"].iter().any(|k| v.get(k).is_some())
}

/// A tight list item's text becomes a plain paragraph.
fn untighten(v: Value) -> Value {
    if v["block"] == "tight" { json!({ "block": "paragraph", "inlines": v["inlines"] }) } else { v }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_data() {
        let b = blocks("## Resultat\n\nVi har **nått** *målet*, se [rapporten](https://example.se).\n\n- ett\n- två\n");
        assert_eq!(b[0], json!({ "block": "heading", "level": 2, "inlines": [{ "text": "Resultat" }] }));
        let p = &b[1]["inlines"];
        assert_eq!(p[1], json!({ "strong": [{ "text": "nått" }] }));
        assert_eq!(p[3], json!({ "emph": [{ "text": "målet" }] }));
        assert_eq!(p[5]["link"], "https://example.se");
        assert_eq!(b[2]["block"], "list");
        assert_eq!(b[2]["items"][1][0], json!({ "block": "paragraph", "inlines": [{ "text": "två" }] }));
    }

    #[test]
    fn typst_syntax_is_only_text() {
        let b = blocks("#read(\"/etc/passwd\") kostar $5 [sic] och 3 * 4");
        let text: String = b[0]["inlines"].as_array().unwrap().iter().filter_map(|i| i["text"].as_str()).collect();
        assert_eq!(text, "#read(\"/etc/passwd\") kostar $5 [sic] och 3 * 4");
    }
}
