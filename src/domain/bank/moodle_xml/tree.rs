//! A minimal element tree of an XML document, each element located by line and column.
//!
//! Moodle XML files are small; a tree makes the mapping in `super` read like the format.
//! The tree is built with an explicit stack, and nesting is bounded by
//! [`limits::XML_DEPTH`]: a file nested deeper is refused at the first element too deep,
//! before a tree is built whose recursive drop could exhaust the thread's stack.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::domain::bank::diagnostic::{BankError, Location};
use crate::domain::bank::validate::limits;

/// An element with its attributes, children and start position.
#[derive(Debug, Clone, Default)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub at: Option<Location>,
}

#[derive(Debug, Clone)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub(crate) fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The concatenated character data directly inside this element.
    pub(crate) fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }

    pub(crate) fn location(&self) -> Location {
        self.at.clone().unwrap_or(Location::File)
    }
}

/// Byte offsets → 1-based line and character column.
struct Lines<'a> {
    src: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(src: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { src, starts }
    }

    fn at(&self, byte: u64) -> Location {
        let byte = (byte as usize).min(self.src.len());
        let line = self.starts.partition_point(|&s| s <= byte);
        let start = self.starts[line - 1];
        let col = self
            .src
            .get(start..byte)
            .map_or(1, |s| s.chars().count() + 1);
        Location::at(line as u32, col as u32)
    }
}

fn element(e: &BytesStart, at: Location) -> Result<Element, BankError> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| BankError::Syntax(err.to_string()))?;
        let key = a.key.as_ref().to_string();
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| BankError::Syntax(err.to_string()))?
            .into_owned();
        attrs.push((key, value));
    }
    Ok(Element {
        name: e.name().as_ref().to_string(),
        attrs,
        children: Vec::new(),
        at: Some(at),
    })
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// Parses a document into the children of a synthetic root.
pub(crate) fn parse(src: &str) -> Result<Element, (Location, BankError)> {
    let lines = Lines::new(src);
    let mut reader = Reader::from_str(src);
    let mut stack = vec![Element::default()];
    let syntax = |reader: &Reader<&[u8]>, msg: String| {
        (lines.at(reader.error_position()), BankError::Syntax(msg))
    };
    loop {
        let before = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| syntax(&reader, e.to_string()))?;
        let top = stack.len() - 1;
        match event {
            // The stack holds the synthetic root too: its length is the new element's depth.
            Event::Start(_) | Event::Empty(_) if stack.len() > limits::XML_DEPTH => {
                let max = limits::XML_DEPTH;
                return Err((lines.at(before), BankError::TooDeep { max }));
            }
            Event::Start(e) => {
                let el = element(&e, lines.at(before)).map_err(|err| (lines.at(before), err))?;
                stack.push(el);
            }
            Event::Empty(e) => {
                let el = element(&e, lines.at(before)).map_err(|err| (lines.at(before), err))?;
                stack[top].children.push(Node::Element(el));
            }
            Event::End(_) => {
                let done = stack.pop().expect("the reader checks end names");
                let parent = stack
                    .last_mut()
                    .ok_or_else(|| syntax(&reader, "unbalanced end tag".into()))?;
                parent.children.push(Node::Element(done));
            }
            Event::Text(t) => stack[top]
                .children
                .push(Node::Text(t.xml10_content().into_owned())),
            Event::CData(t) => stack[top]
                .children
                .push(Node::Text(t.xml10_content().into_owned())),
            Event::GeneralRef(r) => {
                let name = r.xml10_content().into_owned();
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => entity(&name),
                };
                let c = c.ok_or_else(|| {
                    (
                        lines.at(before),
                        BankError::Syntax(format!("unknown entity '&{name};'")),
                    )
                })?;
                stack[top].children.push(Node::Text(c.to_string()));
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if stack.len() != 1 {
        let open = stack.last().map_or(Location::File, Element::location);
        return Err((open, BankError::Syntax("element is never closed".into())));
    }
    Ok(stack.pop().expect("root"))
}
