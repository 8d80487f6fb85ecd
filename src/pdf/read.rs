//! Reading back what intyg put into a PDF: metadata and the attached
//! credential.

use lopdf::{Dictionary, Document, Object, decode_text_string};

/// What a PDF says about itself.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    /// The program that made it.
    pub creator: String,
    /// Its title.
    pub title: String,
    /// Its keywords, as one string.
    pub keywords: String,
    /// Attached files: name and contents.
    pub attachments: Vec<(String, Vec<u8>)>,
}

impl Facts {
    /// Whether intyg made the file.
    pub fn from_intyg(&self) -> bool {
        self.creator.starts_with("intyg ")
    }

    /// The document id intyg writes as the last keyword.
    pub fn id(&self) -> Option<&str> {
        let last = self.keywords.rsplit_once(", ").map_or(self.keywords.as_str(), |(_, id)| id).trim();
        (!last.is_empty()).then_some(last)
    }

    /// The contents of the attachment called `name`.
    pub fn attachment(&self, name: &str) -> Option<&[u8]> {
        self.attachments.iter().find(|(n, _)| n == name).map(|(_, b)| b.as_slice())
    }
}

/// Reads the facts of a PDF file's bytes.
pub fn read(bytes: &[u8]) -> Result<Facts, String> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(tr!("not a PDF file", "inte en PDF-fil"));
    }
    let doc =
        Document::load_mem(bytes).map_err(|e| tr!("the PDF cannot be read: {e}", "PDF-filen kan inte läsas: {e}"))?;
    let mut facts = Facts::default();
    if let Some(info) = doc.trailer.get(b"Info").ok().and_then(|o| deref_dict(&doc, o)) {
        let text = |key: &[u8]| info.get(key).ok().and_then(|o| decode_text_string(o).ok()).unwrap_or_default();
        facts.creator = text(b"Creator");
        facts.title = text(b"Title");
        facts.keywords = text(b"Keywords");
    }
    if let Ok(catalog) = doc.catalog()
        && let Some(names) = catalog.get(b"Names").ok().and_then(|o| deref_dict(&doc, o))
        && let Some(tree) = names.get(b"EmbeddedFiles").ok().and_then(|o| deref_dict(&doc, o))
    {
        name_tree(&doc, tree, &mut facts.attachments, 0);
    }
    Ok(facts)
}

fn deref_dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    doc.dereference(o).ok()?.1.as_dict().ok()
}

/// Walks a name tree of file specifications (depth-limited: a hostile file
/// cannot make it loop).
fn name_tree(doc: &Document, node: &Dictionary, out: &mut Vec<(String, Vec<u8>)>, depth: usize) {
    if depth > 16 {
        return;
    }
    if let Ok(kids) = node.get(b"Kids").and_then(Object::as_array) {
        for kid in kids {
            if let Some(k) = deref_dict(doc, kid) {
                name_tree(doc, k, out, depth + 1);
            }
        }
    }
    let Ok(names) = node.get(b"Names").and_then(Object::as_array) else { return };
    for pair in names.chunks(2) {
        let [key, spec] = pair else { continue };
        let Some(spec) = deref_dict(doc, spec) else { continue };
        let name = spec
            .get(b"UF")
            .or_else(|_| spec.get(b"F"))
            .ok()
            .and_then(|o| decode_text_string(o).ok())
            .or_else(|| decode_text_string(key).ok())
            .unwrap_or_default();
        let stream = spec
            .get(b"EF")
            .ok()
            .and_then(|o| deref_dict(doc, o))
            .and_then(|ef| ef.get(b"F").ok())
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_stream().ok());
        if let Some(content) = stream.and_then(|s| s.decompressed_content().ok()) {
            out.push((name, content));
        }
    }
}
