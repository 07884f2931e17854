//! [`Builder`]: a standard detail's JSON form built from the one pass's calls, for
//! connect-rust's `debug` (feature `connect`).

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::{
    Field, Form, duration, duration_field, find, map_entry_into, object, push, put_string,
    put_varint,
};

/// The JSON object of one standard detail, built from what the one pass tells as it
/// writes the detail (see [`Watch`](crate::fields::Watch)): the object [`object`] reads
/// from the same bytes, without reading them. What it cannot follow (bytes written
/// whole, a `Duration` sent twice, a field of the wrong kind) it reads from the bytes
/// when the detail ends.
#[derive(Default)]
pub(crate) struct Builder {
    /// The table of the detail being built; `None` between details, or for a message
    /// outside the standard set.
    fields: Option<&'static [Field]>,
    /// The detail's object.
    root: Map<String, Value>,
    /// The message fields open in it.
    stack: Stack,
    /// The object is read from the detail's bytes instead.
    read_back: bool,
}

/// The message fields open, in place: as deep as the standard details nest (a
/// `BadRequest` violation's `LocalizedMessage`) with room to spare. Messages opened past
/// that are counted, and have no frame.
#[derive(Default)]
struct Stack {
    frames: [Frame; 3],
    len: usize,
    beyond: usize,
}

/// A message field open: its row in the table of the message around it (`None` for
/// one the table does not list), and what it collects.
#[derive(Default)]
struct Frame {
    field: Option<&'static Field>,
    open: Open,
}

#[derive(Default)]
enum Open {
    /// A message: the object of its fields.
    Object(Map<String, Value>),
    /// An entry of a `map<string, string>`: its key and value.
    Entry(String, String),
    Duration(prost_types::Duration),
    /// A message field the table does not list, skipped with what is in it.
    #[default]
    Unknown,
}

/// The message the next field goes into.
enum Top<'b> {
    /// A message of the table: its fields and its object.
    Object(&'static [Field], &'b mut Map<String, Value>),
    Entry(&'b mut String, &'b mut String),
    Duration(&'b mut prost_types::Duration),
    /// Nothing is collected: outside the standard set, or in a field it does not list.
    Unknown,
}

impl Builder {
    /// Begins a detail with `fields`; `None` for one outside the standard set, whose
    /// fields are passed over.
    pub(crate) fn begin(&mut self, fields: Option<&'static [Field]>) {
        self.fields = fields;
        self.root.clear();
        // Closed frames were emptied as they closed; any left open are overwritten.
        self.stack.len = 0;
        self.stack.beyond = 0;
        self.read_back = false;
    }

    /// The detail's JSON object (`None` outside the standard set); `value` is its bytes
    /// as written, read when the builder could not follow them.
    pub(crate) fn finish(&mut self, value: &[u8]) -> Option<Map<String, Value>> {
        let fields = self.fields.take()?;
        let root = std::mem::take(&mut self.root);
        let followed = !self.read_back && self.stack.len == 0 && self.stack.beyond == 0;
        if followed {
            Some(root)
        } else {
            object(value, fields)
        }
    }

    /// The message the next field goes into.
    fn top(&mut self) -> Top<'_> {
        let stack = &mut self.stack;
        if stack.beyond > 0 {
            return Top::Unknown;
        }
        let Some(frame) = stack.frames[..stack.len].last_mut() else {
            return match self.fields {
                Some(fields) => Top::Object(fields, &mut self.root),
                None => Top::Unknown,
            };
        };
        match (&mut frame.open, frame.field.map(|field| field.form)) {
            (Open::Object(object), Some(Form::Message(inner) | Form::Messages(inner))) => {
                Top::Object(inner, object)
            }
            (Open::Entry(key, value), _) => Top::Entry(key, value),
            (Open::Duration(duration), _) => Top::Duration(duration),
            _ => Top::Unknown,
        }
    }

    /// A message field begins.
    pub(crate) fn message(&mut self, number: u32) {
        let frame = match self.top() {
            Top::Object(fields, _) => match find(fields, number) {
                Some(field) => {
                    let open = match field.form {
                        Form::Message(_) | Form::Messages(_) => Some(Open::Object(Map::new())),
                        Form::StringMap => Some(Open::Entry(String::new(), String::new())),
                        Form::Duration => Some(Open::Duration(prost_types::Duration::default())),
                        _ => None,
                    };
                    open.map(|open| Frame {
                        field: Some(field),
                        open,
                    })
                }
                None => Some(Frame::default()),
            },
            // Their fields 1 and 2 are strings or varints.
            Top::Entry(..) | Top::Duration(_) if number <= 2 => None,
            _ => Some(Frame::default()),
        };
        let frame = frame.unwrap_or_else(|| {
            self.read_back = true;
            Frame::default()
        });
        let stack = &mut self.stack;
        match stack.frames.get_mut(stack.len) {
            Some(slot) if stack.beyond == 0 => {
                *slot = frame;
                stack.len += 1;
            }
            _ => {
                stack.beyond += 1;
                self.read_back = true;
            }
        }
    }

    /// The message field ends: its value goes into the message around it.
    pub(crate) fn message_end(&mut self) {
        let stack = &mut self.stack;
        if stack.beyond > 0 {
            stack.beyond -= 1;
            return;
        }
        let Some(len) = stack.len.checked_sub(1) else {
            self.read_back = true;
            return;
        };
        stack.len = len;
        let Frame { field, open } = std::mem::take(&mut stack.frames[len]);
        let (Some(field), Top::Object(_, object)) = (field, self.top()) else {
            return;
        };
        let name = field.name;
        match (field.form, open) {
            (Form::Messages(_), Open::Object(item)) => push(object, name, Value::Object(item)),
            (Form::Message(_), Open::Object(fields)) => match object.get_mut(name) {
                // Sent again: merged into the first.
                Some(Value::Object(first)) => first.extend(fields),
                _ => {
                    object.insert(name.to_owned(), Value::Object(fields));
                }
            },
            (_, Open::Entry(key, value)) => map_entry_into(object, name, key, value),
            (_, Open::Duration(_)) if object.contains_key(name) => self.read_back = true,
            (_, Open::Duration(d)) => {
                object.insert(name.to_owned(), duration(&d).into());
            }
            _ => {}
        }
    }

    /// A `string` field, as it went on the wire.
    pub(crate) fn string(&mut self, number: u32, text: Cow<'_, str>) {
        let wrong_kind = match self.top() {
            // A field the table does not list is skipped.
            Top::Object(fields, object) => {
                find(fields, number).is_some_and(|field| !put_string(object, field, text))
            }
            Top::Entry(key, _) if number == 1 => {
                *key = text.into_owned();
                false
            }
            Top::Entry(_, value) if number == 2 => {
                *value = text.into_owned();
                false
            }
            Top::Duration(_) => number <= 2,
            Top::Entry(..) | Top::Unknown => false,
        };
        self.read_back |= wrong_kind;
    }

    /// A varint field, as it went on the wire.
    pub(crate) fn varint(&mut self, number: u32, value: u64) {
        let wrong_kind = match self.top() {
            Top::Object(fields, object) => {
                find(fields, number).is_some_and(|field| !put_varint(object, field, value))
            }
            Top::Duration(d) => {
                duration_field(d, number, value);
                false
            }
            Top::Entry(..) => number <= 2,
            Top::Unknown => false,
        };
        self.read_back |= wrong_kind;
    }

    /// Bytes written whole: the object is read from the detail's bytes.
    pub(crate) fn opaque(&mut self) {
        self.read_back = true;
    }
}

#[cfg(test)]
mod tests {
    use super::Builder;
    use crate::json::{Field, Form};
    use serde_json::{Value, json};

    /// A detail of one string field, `reason`.
    const REASON: &[Field] = &[Field::new(1, "reason", Form::String)];

    #[test]
    fn a_builder_follows_the_writer_or_reads_the_bytes() {
        let fields = REASON;
        let build = |depth: usize, bytes: &[u8]| {
            let mut builder = Builder::default();
            builder.begin(Some(fields));
            // An unknown message field nested `depth` deep, then the reason.
            for _ in 0..depth {
                builder.message(9);
            }
            builder.string(1, "inside".into());
            for _ in 0..depth {
                builder.message_end();
            }
            builder.string(1, "R".into());
            builder.finish(bytes).map(Value::Object)
        };
        // What it could follow it built; past its room, it read the bytes it was given.
        let bytes = b"\x0a\x0aFROM BYTES";
        assert_eq!(build(3, bytes), Some(json!({"reason": "R"})));
        assert_eq!(build(6, bytes), Some(json!({"reason": "FROM BYTES"})));
        // Bytes written whole are read; a message outside the standard set has no JSON.
        let mut builder = Builder::default();
        builder.begin(Some(fields));
        builder.opaque();
        assert_eq!(
            builder.finish(bytes),
            Some(json!({"reason": "FROM BYTES"}).as_object().unwrap().clone())
        );
        builder.begin(None);
        builder.string(1, "R".into());
        assert_eq!(builder.finish(bytes), None);
    }
}
