//! Joining PDFs that typst laid out in parts into one tagged PDF.
//!
//! typst keeps every page of a document laid out until it writes the PDF,
//! about 130 kB a certificate: a combined document of 10 000 certificates
//! would need well over a gigabyte at once. Laid out in parts of a few
//! hundred pages and joined here, it needs what one part needs.
//!
//! Each part is a whole tagged PDF/A document. Joining keeps the first
//! part's catalog, metadata, output intent and /ID, appends the pages of
//! the others, and makes one structure tree of them: the top-level elements
//! of every part become children of the first part's Document element, and
//! the keys that tie a page's marked content to its elements (/StructParents
//! and the parent tree) are shifted past those of the parts before.
//!
//! A part's objects are written out as soon as it is read, renumbered, so
//! memory holds one part and the bytes written so far. What is left of a
//! part (its catalog, page tree, structure root, metadata, info) is not
//! written; the joined document's own are written last.

use lopdf::{Dictionary, Document, Object, StringFormat};

/// Object numbers of the joined document's own objects: every part's
/// references to its own catalog, page tree, structure root, Document
/// element, parent tree and metadata are pointed at these.
const CATALOG: u32 = 1;
const PAGES: u32 = 2;
const STRUCT_ROOT: u32 = 3;
const DOCUMENT: u32 = 4;
const PARENT_TREE: u32 = 5;
const METADATA: u32 = 6;

/// A PDF being put together from parts.
pub struct Joined {
    /// The PDF written so far.
    out: Vec<u8>,
    /// Where each object starts in `out`, by object number (0: not yet).
    offsets: Vec<usize>,
    /// The first part's objects that change as parts are added.
    first: Option<First>,
    pages: Vec<Object>,
    /// The children of the Document element.
    elements: Vec<Object>,
    /// The parent tree as (key, value) pairs, in key order.
    parents: Vec<(i64, Object)>,
    next_key: i64,
    role_map: Dictionary,
    /// The outline's root, once a part has one, and every part's top-level
    /// bookmarks, in order, with their object numbers.
    outline: Option<u32>,
    bookmarks: Vec<(u32, Dictionary)>,
    /// Named destinations of every part.
    dests: Vec<(Vec<u8>, Object)>,
}

/// What the first part brings that the joined document keeps.
struct First {
    catalog: Dictionary,
    struct_root: Dictionary,
    document: Dictionary,
    metadata: Option<Object>,
    /// The catalog's name dictionary, when it is an object of its own.
    names: Option<(u32, Dictionary)>,
    trailer: Dictionary,
}

/// Where a part keeps what joining needs, by its own object numbers.
#[derive(Default)]
struct Part {
    catalog: u32,
    page_nodes: Vec<u32>,
    pages: Vec<u32>,
    struct_root: u32,
    document: u32,
    elements: Vec<Object>,
    parent_nodes: Vec<u32>,
    parents: Vec<(i64, Object)>,
    next_key: i64,
    role_map: Dictionary,
    outline: Option<u32>,
    bookmarks: Vec<u32>,
    names: Option<u32>,
    dest_nodes: Vec<u32>,
    dests: Vec<(Vec<u8>, Object)>,
    metadata: Option<u32>,
}

impl Default for Joined {
    fn default() -> Self {
        Joined::new()
    }
}

impl Joined {
    /// An empty document, to append parts to.
    pub fn new() -> Joined {
        Joined {
            out: Vec::new(),
            offsets: vec![0; METADATA as usize + 1],
            first: None,
            pages: Vec::new(),
            elements: Vec::new(),
            parents: Vec::new(),
            next_key: 0,
            role_map: Dictionary::new(),
            outline: None,
            bookmarks: Vec::new(),
            dests: Vec::new(),
        }
    }

    /// How many pages have been joined.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    /// Appends the pages and structure of a part.
    pub fn append(&mut self, pdf: &[u8]) -> Result<(), String> {
        let mut doc = Document::load_mem(pdf).map_err(|e| format!("cannot read a part of the document back: {e}"))?;
        let part = Part::read(&doc)?;
        let first = self.first.is_none();
        if first {
            // The second line marks the file as binary: four bytes over 127.
            self.out.extend_from_slice(format!("%PDF-{}\n", doc.version).as_bytes());
            self.out.extend_from_slice(b"%\x80\x80\x80\x80\n");
        }

        // Where each of the part's objects goes: the joined document's own
        // objects stand in for the part's; the rest get new numbers.
        let size = doc.max_id as usize + 1;
        let mut map = vec![0u32; size];
        let mut held = vec![false; size];
        let mut fix = |id: u32, to: u32| {
            if let Some(slot) = map.get_mut(id as usize) {
                *slot = to;
                held[id as usize] = true;
            }
        };
        fix(part.catalog, CATALOG);
        part.page_nodes.iter().for_each(|&id| fix(id, PAGES));
        fix(part.struct_root, STRUCT_ROOT);
        fix(part.document, DOCUMENT);
        part.parent_nodes.iter().for_each(|&id| fix(id, PARENT_TREE));
        if let Some(id) = part.metadata {
            fix(id, METADATA);
        }
        if let Some(id) = part.outline {
            let root = *self.outline.get_or_insert_with(|| allocate(&mut self.offsets));
            fix(id, root);
        }
        for &id in &part.bookmarks {
            let to = allocate(&mut self.offsets);
            fix(id, to);
        }
        if let Some(id) = part.names {
            let to = if first { allocate(&mut self.offsets) } else { 0 };
            fix(id, to);
        }
        part.dest_nodes.iter().for_each(|&id| fix(id, 0));

        // What the part's pages, elements and bookmarks need; from the first
        // part also what its catalog and info refer to (output intent…).
        let mut roots: Vec<&Object> = Vec::new();
        roots.extend(part.elements.iter());
        roots.extend(part.parents.iter().map(|(_, v)| v));
        roots.extend(part.dests.iter().map(|(_, v)| v));
        let page_refs: Vec<Object> = part.pages.iter().map(|&id| Object::Reference((id, 0))).collect();
        roots.extend(page_refs.iter());
        for &id in &part.bookmarks {
            if let Some(Object::Dictionary(d)) = object(&doc, id) {
                roots.extend(d.iter().map(|(_, v)| v));
            }
        }
        if first {
            roots.extend(doc.trailer.iter().filter(|(k, _)| k.as_slice() != b"Root").map(|(_, v)| v));
            for id in [Some(part.catalog), Some(part.struct_root), Some(part.document), part.names] {
                if let Some(Object::Dictionary(d)) = id.and_then(|id| object(&doc, id)) {
                    roots.extend(d.iter().map(|(_, v)| v));
                }
            }
        }
        let keep = reachable(&doc, roots, &held);
        for (id, _) in doc.objects.range(..) {
            let n = id.0 as usize;
            if keep.get(n) == Some(&true) && !held[n] {
                map[n] = allocate(&mut self.offsets);
            }
        }

        let keys = self.next_key;
        let mut objects = std::mem::take(&mut doc.objects);
        let kept: Vec<u32> =
            objects.keys().map(|id| id.0).filter(|&id| map[id as usize] != 0 && !held[id as usize]).collect();
        let mut take = |id: u32| -> Option<Object> {
            let key = *objects.range((id, 0)..=(id, u16::MAX)).next()?.0;
            let mut o = objects.remove(&key)?;
            renumber(&mut o, &map, keys);
            Some(o)
        };
        let held_dict = |o: Option<Object>| match o {
            Some(Object::Dictionary(d)) => Ok(d),
            _ => Err("a part's catalog or structure tree is not a dictionary".to_owned()),
        };
        if first {
            let mut trailer = std::mem::take(&mut doc.trailer);
            for (_, v) in trailer.iter_mut() {
                renumber(v, &map, 0);
            }
            let names = match part.names {
                Some(id) => Some((map[id as usize], held_dict(take(id))?)),
                None => None,
            };
            self.first = Some(First {
                catalog: held_dict(take(part.catalog))?,
                struct_root: held_dict(take(part.struct_root))?,
                document: held_dict(take(part.document))?,
                metadata: part.metadata.and_then(&mut take),
                names,
                trailer,
            });
        }
        for &id in &part.bookmarks {
            if let Some(Object::Dictionary(d)) = take(id) {
                self.bookmarks.push((map[id as usize], d));
            }
        }
        for id in kept {
            if let Some(o) = take(id) {
                self.write(map[id as usize], &o);
            }
        }

        self.pages.extend(part.pages.iter().map(|&id| Object::Reference((map[id as usize], 0))));
        for mut element in part.elements {
            if let Object::Integer(_) = element {
                return Err("a part has marked content directly under its Document element".into());
            }
            renumber(&mut element, &map, keys);
            self.elements.push(element);
        }
        for (key, mut value) in part.parents {
            renumber(&mut value, &map, keys);
            self.parents.push((key + keys, value));
        }
        self.next_key = keys + part.next_key;
        for (name, mut value) in part.dests {
            renumber(&mut value, &map, keys);
            self.dests.push((name, value));
        }
        for (k, v) in part.role_map.iter() {
            if !self.role_map.has(k) {
                self.role_map.set(k.clone(), v.clone());
            }
        }
        Ok(())
    }

    /// Writes the joined document's own objects and the cross-reference
    /// table, and gives the PDF.
    pub fn finish(mut self) -> Result<Vec<u8>, String> {
        let mut first = self.first.take().ok_or("there is nothing to join")?;
        let count = self.pages.len();
        let pages = Dictionary::from_iter([
            ("Type", Object::Name(b"Pages".to_vec())),
            ("Kids", Object::Array(std::mem::take(&mut self.pages))),
            ("Count", Object::Integer(count as i64)),
        ]);
        self.write(PAGES, &Object::Dictionary(pages));

        first.document.set("K", Object::Array(std::mem::take(&mut self.elements)));
        self.write(DOCUMENT, &Object::Dictionary(first.document));

        let mut nums = Vec::with_capacity(self.parents.len() * 2);
        for (key, value) in std::mem::take(&mut self.parents) {
            nums.push(Object::Integer(key));
            nums.push(value);
        }
        self.write(PARENT_TREE, &Object::Dictionary(Dictionary::from_iter([("Nums", Object::Array(nums))])));

        let mut struct_root = first.struct_root;
        struct_root.set("K", Object::Array(vec![Object::Reference((DOCUMENT, 0))]));
        struct_root.set("ParentTree", Object::Reference((PARENT_TREE, 0)));
        struct_root.set("ParentTreeNextKey", Object::Integer(self.next_key));
        if !self.role_map.is_empty() {
            struct_root.set("RoleMap", Object::Dictionary(std::mem::take(&mut self.role_map)));
        }
        self.write(STRUCT_ROOT, &Object::Dictionary(struct_root));

        let metadata = match first.metadata {
            Some(Object::Stream(mut stream)) => {
                set_page_count(&mut stream, count)?;
                Object::Stream(stream)
            }
            other => other.unwrap_or(Object::Null),
        };
        self.write(METADATA, &metadata);

        let mut catalog = first.catalog;
        if let Some(root) = self.outline {
            self.write_outline(root);
            catalog.set("Outlines", Object::Reference((root, 0)));
        }
        if !self.dests.is_empty() {
            // A name tree's keys are sorted; the first part's wins a name
            // that several define.
            let mut dests = std::mem::take(&mut self.dests);
            dests.sort_by(|a, b| a.0.cmp(&b.0));
            dests.dedup_by(|b, a| a.0 == b.0);
            let names: Vec<Object> =
                dests.into_iter().flat_map(|(k, v)| [Object::String(k, StringFormat::Literal), v]).collect();
            let tree = allocate(&mut self.offsets);
            self.write(tree, &Object::Dictionary(Dictionary::from_iter([("Names", Object::Array(names))])));
            match &mut first.names {
                Some((_, names)) => names.set("Dests", Object::Reference((tree, 0))),
                None => match catalog.get_mut(b"Names").and_then(Object::as_dict_mut) {
                    Ok(names) => names.set("Dests", Object::Reference((tree, 0))),
                    Err(_) => catalog.set("Names", Dictionary::from_iter([("Dests", Object::Reference((tree, 0)))])),
                },
            }
        }
        if let Some((id, names)) = first.names {
            self.write(id, &Object::Dictionary(names));
        }
        self.write(CATALOG, &Object::Dictionary(catalog));

        let start = self.out.len();
        let mut xref = format!("xref\n0 {}\n0000000000 65535 f\r\n", self.offsets.len());
        for &offset in &self.offsets[1..] {
            if offset == 0 {
                return Err("an object of the joined document was never written".into());
            }
            xref.push_str(&format!("{offset:010} 00000 n\r\n"));
        }
        self.out.extend_from_slice(xref.as_bytes());
        let mut trailer = Dictionary::from_iter([
            ("Size", Object::Integer(self.offsets.len() as i64)),
            ("Root", Object::Reference((CATALOG, 0))),
        ]);
        for key in [&b"Info"[..], b"ID"] {
            if let Ok(v) = first.trailer.get(key) {
                trailer.set(key, v.clone());
            }
        }
        self.out.extend_from_slice(b"trailer\n");
        serialize(&mut self.out, &Object::Dictionary(trailer));
        self.out.extend_from_slice(format!("\nstartxref\n{start}\n%%EOF\n").as_bytes());
        Ok(self.out)
    }

    /// Writes the outline: the top-level bookmarks of every part, chained
    /// in order under `root`.
    fn write_outline(&mut self, root: u32) {
        let bookmarks = std::mem::take(&mut self.bookmarks);
        let mut visible = 0;
        let ids: Vec<u32> = bookmarks.iter().map(|(id, _)| *id).collect();
        for (i, (id, mut item)) in bookmarks.into_iter().enumerate() {
            item.set("Parent", Object::Reference((root, 0)));
            item.remove(b"Prev");
            item.remove(b"Next");
            if i > 0 {
                item.set("Prev", Object::Reference((ids[i - 1], 0)));
            }
            if let Some(&next) = ids.get(i + 1) {
                item.set("Next", Object::Reference((next, 0)));
            }
            // An open bookmark shows its children too.
            visible += 1 + item.get(b"Count").and_then(Object::as_i64).unwrap_or(0).max(0);
            self.write(id, &Object::Dictionary(item));
        }
        let mut outline = Dictionary::from_iter([("Type", Object::Name(b"Outlines".to_vec()))]);
        if let (Some(&first), Some(&last)) = (ids.first(), ids.last()) {
            outline.set("First", Object::Reference((first, 0)));
            outline.set("Last", Object::Reference((last, 0)));
            outline.set("Count", Object::Integer(visible));
        }
        self.write(root, &Object::Dictionary(outline));
    }

    fn write(&mut self, id: u32, object: &Object) {
        self.offsets[id as usize] = self.out.len();
        self.out.extend_from_slice(format!("{id} 0 obj\n").as_bytes());
        serialize(&mut self.out, object);
        self.out.extend_from_slice(b"\nendobj\n");
    }
}

fn allocate(offsets: &mut Vec<usize>) -> u32 {
    offsets.push(0);
    (offsets.len() - 1) as u32
}

fn object(doc: &Document, id: u32) -> Option<&Object> {
    doc.objects.range((id, 0)..=(id, u16::MAX)).next().map(|(_, o)| o)
}

fn reference(o: &Object) -> Option<u32> {
    o.as_reference().ok().map(|id| id.0)
}

impl Part {
    fn read(doc: &Document) -> Result<Part, String> {
        let catalog = doc.trailer.get(b"Root").ok().and_then(reference).ok_or("a part has no catalog")?;
        let mut part = Part { catalog, ..Part::default() };
        let catalog = doc.catalog().map_err(|e| format!("a part has no catalog: {e}"))?;
        let page_root = catalog.get(b"Pages").ok().and_then(reference).ok_or("a part has no page tree")?;
        page_tree(doc, page_root, &mut part, 0)?;

        let struct_root = catalog.get(b"StructTreeRoot").ok().and_then(reference);
        part.struct_root = struct_root.ok_or("a part is not tagged (it has no structure tree)")?;
        let struct_root = doc.get_dictionary((part.struct_root, 0)).map_err(|e| e.to_string())?;
        let top: Vec<&Object> = match struct_root.get(b"K") {
            Ok(Object::Array(items)) => items.iter().collect(),
            Ok(item) => vec![item],
            Err(_) => vec![],
        };
        let [Object::Reference(document)] = top[..] else {
            return Err("a part's structure tree does not have one Document element".into());
        };
        part.document = document.0;
        part.elements = match doc.get_dictionary(*document).map_err(|e| e.to_string())?.get(b"K") {
            Ok(Object::Array(items)) => items.clone(),
            Ok(item) => vec![item.clone()],
            Err(_) => vec![],
        };
        if let Ok(tree) = struct_root.get(b"ParentTree") {
            let mut entries = Vec::new();
            tree_entries(doc, tree, &mut part.parent_nodes, &mut entries, b"Nums", 0)?;
            for (key, value) in entries {
                part.parents.push((key.as_i64().map_err(|e| format!("parent tree key: {e}"))?, value));
            }
        }
        part.parents.sort_by_key(|(k, _)| *k);
        part.next_key = struct_root
            .get(b"ParentTreeNextKey")
            .and_then(Object::as_i64)
            .unwrap_or_else(|_| part.parents.last().map_or(0, |(k, _)| k + 1));
        part.role_map = struct_root
            .get(b"RoleMap")
            .and_then(|o| doc.dereference(o))
            .and_then(|(_, o)| o.as_dict())
            .cloned()
            .unwrap_or_default();

        part.metadata = catalog.get(b"Metadata").ok().and_then(reference);
        part.outline = catalog.get(b"Outlines").ok().and_then(reference);
        if let Some(outline) = part.outline.and_then(|id| doc.get_dictionary((id, 0)).ok()) {
            let mut item = outline.get(b"First").ok().and_then(reference);
            while let Some(id) = item.filter(|id| !part.bookmarks.contains(id)) {
                part.bookmarks.push(id);
                item = doc.get_dictionary((id, 0)).ok().and_then(|d| d.get(b"Next").ok()).and_then(reference);
            }
        }
        if let Ok(names) = catalog.get(b"Names") {
            part.names = reference(names);
            let dests = doc.dereference(names).and_then(|(_, o)| o.as_dict()).and_then(|n| n.get(b"Dests"));
            if let Ok(tree) = dests {
                let mut entries = Vec::new();
                tree_entries(doc, tree, &mut part.dest_nodes, &mut entries, b"Names", 0)?;
                for (key, value) in entries {
                    if let Object::String(name, _) = key {
                        part.dests.push((name, value));
                    }
                }
            }
        }
        Ok(part)
    }
}

/// Collects the leaves (pages) and inner nodes of a page tree.
fn page_tree(doc: &Document, id: u32, part: &mut Part, depth: usize) -> Result<(), String> {
    let node = doc.get_dictionary((id, 0)).map_err(|e| format!("page tree: {e}"))?;
    if depth > 64 || part.page_nodes.contains(&id) {
        return Err("a part's page tree is malformed".into());
    }
    if node.get_type().ok() == Some(b"Pages".as_slice()) {
        part.page_nodes.push(id);
        for kid in node.get(b"Kids").and_then(Object::as_array).map_err(|e| format!("page tree: {e}"))? {
            page_tree(doc, reference(kid).ok_or("a page tree entry is not a reference")?, part, depth + 1)?;
        }
    } else {
        part.pages.push(id);
    }
    Ok(())
}

/// Collects the entries (key, value) of a number or name tree (`leaf` is
/// `Nums` or `Names`) and the object numbers of its nodes.
fn tree_entries(
    doc: &Document,
    node: &Object,
    nodes: &mut Vec<u32>,
    out: &mut Vec<(Object, Object)>,
    leaf: &[u8],
    depth: usize,
) -> Result<(), String> {
    if depth > 32 {
        return Err("a part's number or name tree is too deep".into());
    }
    nodes.extend(reference(node));
    let node = doc.dereference(node).and_then(|(_, o)| o.as_dict()).map_err(|e| format!("number or name tree: {e}"))?;
    if let Ok(items) = node.get(leaf).and_then(Object::as_array) {
        for pair in items.chunks(2) {
            if let [key, value] = pair {
                out.push((key.clone(), value.clone()));
            }
        }
    }
    if let Ok(kids) = node.get(b"Kids").and_then(Object::as_array) {
        for kid in kids {
            tree_entries(doc, kid, nodes, out, leaf, depth + 1)?;
        }
    }
    Ok(())
}

/// Which of `doc`'s objects `roots` lead to, by object number, not going
/// into `held` ones.
fn reachable(doc: &Document, roots: Vec<&Object>, held: &[bool]) -> Vec<bool> {
    let mut seen = vec![false; held.len()];
    let mut stack = roots;
    while let Some(o) = stack.pop() {
        match o {
            Object::Reference((id, _)) => {
                let n = *id as usize;
                if n < seen.len() && !seen[n] && !held[n] {
                    seen[n] = true;
                    if let Some(o) = object(doc, *id) {
                        stack.push(o);
                    }
                }
            }
            Object::Array(items) => stack.extend(items.iter()),
            Object::Dictionary(dict) => stack.extend(dict.iter().map(|(_, v)| v)),
            Object::Stream(stream) => stack.extend(stream.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    seen
}

/// Points every reference in `object` at its new number (a reference to an
/// object that is not written becomes null), and moves every /StructParent(s)
/// key up by `keys`.
fn renumber(object: &mut Object, map: &[u32], keys: i64) {
    match object {
        Object::Reference((id, generation)) => match map.get(*id as usize) {
            Some(&to) if to != 0 => {
                *id = to;
                *generation = 0;
            }
            _ => *object = Object::Null,
        },
        Object::Array(items) => items.iter_mut().for_each(|o| renumber(o, map, keys)),
        Object::Dictionary(dict) => renumber_dict(dict, map, keys),
        Object::Stream(stream) => renumber_dict(&mut stream.dict, map, keys),
        _ => {}
    }
}

fn renumber_dict(dict: &mut Dictionary, map: &[u32], keys: i64) {
    for (key, value) in dict.iter_mut() {
        match value {
            Object::Integer(n) if key == b"StructParents" || key == b"StructParent" => *n += keys,
            _ => renumber(value, map, keys),
        }
    }
}

/// Writes `object` in PDF syntax. (lopdf writes only whole documents.)
fn serialize(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(n) => out.extend_from_slice(n.to_string().as_bytes()),
        Object::Real(r) => out.extend_from_slice(r.to_string().as_bytes()),
        Object::Name(name) => serialize_name(out, name),
        Object::String(text, StringFormat::Literal) => {
            out.push(b'(');
            for &byte in text {
                match byte {
                    b'\\' | b'(' | b')' => out.extend_from_slice(&[b'\\', byte]),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    _ => out.push(byte),
                }
            }
            out.push(b')');
        }
        Object::String(text, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for byte in text {
                out.extend_from_slice(format!("{byte:02X}").as_bytes());
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                serialize(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => serialize_dict(out, dict),
        Object::Stream(stream) => {
            let mut dict = stream.dict.clone();
            dict.set("Length", Object::Integer(stream.content.len() as i64));
            serialize_dict(out, &dict);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((id, generation)) => out.extend_from_slice(format!("{id} {generation} R").as_bytes()),
    }
}

fn serialize_dict(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        serialize_name(out, key);
        out.push(b' ');
        serialize(out, value);
    }
    out.extend_from_slice(b">>");
}

/// A name, with white space, delimiters and bytes outside ASCII written as
/// `#xx`.
fn serialize_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&byte) || !(33..=126).contains(&byte) {
            out.extend_from_slice(format!("#{byte:02X}").as_bytes());
        } else {
            out.push(byte);
        }
    }
}

/// Says in XMP metadata how many pages the joined document has.
fn set_page_count(stream: &mut lopdf::Stream, count: usize) -> Result<(), String> {
    let xml = if stream.dict.has(b"Filter") {
        stream.decompressed_content().map_err(|e| format!("cannot read the XMP metadata: {e}"))?
    } else {
        stream.content.clone()
    };
    let Ok(text) = String::from_utf8(xml) else { return Ok(()) };
    const OPEN: &str = "<xmpTPg:NPages>";
    let Some(start) = text.find(OPEN).map(|i| i + OPEN.len()) else { return Ok(()) };
    let Some(end) = text[start..].find('<').map(|i| start + i) else { return Ok(()) };
    let updated = format!("{}{count}{}", &text[..start], &text[end..]);
    stream.set_plain_content(updated.into_bytes());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renumbering_points_references_at_new_numbers_and_shifts_marked_content_keys() {
        let mut page = Object::Dictionary(Dictionary::from_iter([
            ("Parent", Object::Reference((3, 0))),
            ("StructParents", Object::Integer(2)),
            ("Annots", Object::Array(vec![Object::Reference((4, 0)), Object::Reference((9, 0))])),
        ]));
        let map = [0, 0, 0, 7, 8];
        renumber(&mut page, &map, 100);
        let d = page.as_dict().unwrap();
        assert_eq!(d.get(b"Parent").unwrap().as_reference().unwrap(), (7, 0));
        assert_eq!(d.get(b"StructParents").unwrap().as_i64().unwrap(), 102);
        let annots = d.get(b"Annots").unwrap().as_array().unwrap();
        assert_eq!(annots[0].as_reference().unwrap(), (8, 0));
        // An object that is not written is not pointed at.
        assert_eq!(annots[1], Object::Null);
    }

    #[test]
    fn the_page_count_in_xmp_metadata_is_the_joined_documents() {
        let xml = "<x><xmpTPg:NPages>500</xmpTPg:NPages><dc:format>application/pdf</dc:format></x>";
        let mut stream = lopdf::Stream::new(Dictionary::new(), xml.as_bytes().to_vec());
        set_page_count(&mut stream, 1234).unwrap();
        let text = String::from_utf8(stream.content).unwrap();
        assert_eq!(text, "<x><xmpTPg:NPages>1234</xmpTPg:NPages><dc:format>application/pdf</dc:format></x>");
    }
}
