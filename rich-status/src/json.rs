//! The proto3 JSON mapping of the standard details, for the HTTP answers of
//! [`rest`](crate::rest) and connect-rust's `debug`: written straight from a detail's
//! bytes, by the table of JSON fields its module lists.
//!
//! The bytes are read by the crate's one protobuf [`Reader`], so what is refused is what
//! prost's decoder refuses, and what is written is what prost would decode: the last
//! value sent of a singular field, every value of a repeated one, a message sent twice
//! merged, unknown fields skipped. Nothing is decoded into a message first; each string
//! is copied once, into the JSON.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::reader::Reader;

/// One field of a standard detail in its JSON form: its field number, its JSON name,
/// and how its value is written.
#[derive(Debug)]
pub(crate) struct Field {
    number: u32,
    name: &'static str,
    form: Form,
}

impl Field {
    pub(crate) const fn new(number: u32, name: &'static str, form: Form) -> Field {
        Field { number, name, form }
    }
}

/// How a field's value is written; proto3 defaults (empty strings, lists and maps, a
/// zero `int64`) are left out, a message or an `optional` field is written whenever it
/// is sent.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Form {
    /// A `string`.
    String,
    /// A `string` holding a request field's path (`BadRequest`'s `field`), written with
    /// its JSON names ([`json_path`](crate::validation::json_path)).
    FieldPath,
    /// A `repeated string`: an array.
    Strings,
    /// An `int64`: a decimal string.
    Int64,
    /// An `optional int64`: a decimal string.
    OptionalInt64,
    /// A `map<string, string>`: an object.
    StringMap,
    /// A `google.protobuf.Duration`: seconds with up to nine decimals, `"1.500s"`.
    Duration,
    /// A message: an object of its fields.
    Message(&'static [Field]),
    /// A `repeated` message: an array of objects.
    Messages(&'static [Field]),
}

/// The JSON object of the message with `fields` in `bytes`; `None` where the bytes are
/// not that message.
pub(crate) fn object(bytes: &[u8], fields: &'static [Field]) -> Option<Map<String, Value>> {
    let mut object = Map::new();
    read_into(Reader::new(bytes, 0), fields, &mut object).ok()?;
    Some(object)
}

/// Reads a message's fields into `object`, over what it holds already (a message sent
/// again merges into the first).
fn read_into(
    mut reader: Reader<'_>,
    fields: &'static [Field],
    object: &mut Map<String, Value>,
) -> Result<(), crate::DecodeError> {
    // A `Duration` is written when the message ends: a second one merges into the first.
    let mut durations: Vec<(&'static str, prost_types::Duration)> = Vec::new();
    while let Some((number, wire_type)) = reader.next_field()? {
        let Some(field) = find(fields, number) else {
            reader.skip(number, wire_type)?;
            continue;
        };
        let name = field.name;
        match field.form {
            Form::String => {
                let text = reader.string(wire_type, name)?.0;
                set(object, name, (!text.is_empty()).then(|| text.into()));
            }
            Form::FieldPath => {
                let text = reader.string(wire_type, name)?.0;
                let path = crate::validation::json_path(text);
                set(object, name, (!path.is_empty()).then(|| path.into()));
            }
            Form::Strings => {
                let text = reader.string(wire_type, name)?.0;
                push(object, name, text.into());
            }
            Form::Int64 => {
                let value = reader.varint(wire_type)? as i64;
                set(object, name, (value != 0).then(|| value.to_string().into()));
            }
            Form::OptionalInt64 => {
                let value = reader.varint(wire_type)? as i64;
                set(object, name, Some(value.to_string().into()));
            }
            Form::StringMap => {
                let (key, value) = map_entry(reader.message(wire_type)?)?;
                map_entry_into(object, name, key.to_owned(), value.to_owned());
            }
            Form::Duration => {
                let nested = reader.message(wire_type)?;
                let at = match durations.iter().position(|(n, _)| *n == name) {
                    Some(at) => at,
                    None => {
                        durations.push((name, prost_types::Duration::default()));
                        durations.len() - 1
                    }
                };
                read_duration(nested, &mut durations[at].1)?;
            }
            Form::Message(inner) => {
                let nested = reader.message(wire_type)?;
                if let Value::Object(map) = slot(object, name) {
                    read_into(nested, inner, map)?;
                }
            }
            Form::Messages(inner) => {
                let mut item = Map::new();
                read_into(reader.message(wire_type)?, inner, &mut item)?;
                push(object, name, Value::Object(item));
            }
        }
    }
    for (name, value) in durations {
        object.insert(name.to_owned(), duration(&value).into());
    }
    Ok(())
}

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
            Top::Object(fields, object) => match find(fields, number) {
                Some(Field { name, form, .. }) => match form {
                    Form::String => {
                        object.insert((*name).to_owned(), text.into_owned().into());
                        false
                    }
                    Form::FieldPath => {
                        let path = crate::validation::json_path(&text);
                        set(object, name, (!path.is_empty()).then(|| path.into()));
                        false
                    }
                    Form::Strings => {
                        push(object, name, text.into_owned().into());
                        false
                    }
                    _ => true,
                },
                // A field the table does not list is skipped.
                None => false,
            },
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
            Top::Object(fields, object) => match find(fields, number) {
                Some(Field { name, form, .. }) => {
                    let value = value as i64;
                    match form {
                        Form::Int64 => {
                            set(object, name, (value != 0).then(|| value.to_string().into()));
                            false
                        }
                        Form::OptionalInt64 => {
                            set(object, name, Some(value.to_string().into()));
                            false
                        }
                        _ => true,
                    }
                }
                None => false,
            },
            Top::Duration(d) if number == 1 => {
                d.seconds = value as i64;
                false
            }
            Top::Duration(d) if number == 2 => {
                d.nanos = value as i32;
                false
            }
            Top::Entry(..) => number <= 2,
            Top::Duration(_) | Top::Unknown => false,
        };
        self.read_back |= wrong_kind;
    }

    /// Bytes written whole: the object is read from the detail's bytes.
    pub(crate) fn opaque(&mut self) {
        self.read_back = true;
    }
}

/// The field of `fields` numbered `number`.
fn find(fields: &'static [Field], number: u32) -> Option<&'static Field> {
    fields.iter().find(|field| field.number == number)
}

/// Sets a singular field to the last value sent: `None` for its default, which proto3
/// leaves out.
fn set(object: &mut Map<String, Value>, name: &str, value: Option<Value>) {
    match value {
        Some(value) => {
            object.insert(name.to_owned(), value);
        }
        None => {
            object.remove(name);
        }
    }
}

/// Adds one value of a repeated field.
fn push(object: &mut Map<String, Value>, name: &str, value: Value) {
    match object.get_mut(name) {
        Some(Value::Array(items)) => items.push(value),
        _ => {
            object.insert(name.to_owned(), Value::Array(vec![value]));
        }
    }
}

/// Adds an entry to the `map<string, string>` field `name` (the last value of a key
/// sent twice).
fn map_entry_into(object: &mut Map<String, Value>, name: &str, key: String, value: String) {
    match object.get_mut(name) {
        Some(Value::Object(map)) => {
            map.insert(key, value.into());
        }
        _ => {
            let mut map = Map::new();
            map.insert(key, value.into());
            object.insert(name.to_owned(), Value::Object(map));
        }
    }
}

/// The object of a message field, made empty when the field is first sent.
fn slot<'o>(object: &'o mut Map<String, Value>, name: &str) -> &'o mut Value {
    if !object.contains_key(name) {
        object.insert(name.to_owned(), Value::Object(Map::new()));
    }
    &mut object[name]
}

/// One entry of a `map<string, string>`: its key and value, each empty when not sent.
fn map_entry(mut reader: Reader<'_>) -> Result<(&str, &str), crate::DecodeError> {
    let (mut key, mut value) = ("", "");
    while let Some((number, wire_type)) = reader.next_field()? {
        match number {
            1 => key = reader.string(wire_type, "key")?.0,
            2 => value = reader.string(wire_type, "value")?.0,
            _ => reader.skip(number, wire_type)?,
        }
    }
    Ok((key, value))
}

/// Reads a `google.protobuf.Duration` over `duration`.
fn read_duration(
    mut reader: Reader<'_>,
    duration: &mut prost_types::Duration,
) -> Result<(), crate::DecodeError> {
    while let Some((number, wire_type)) = reader.next_field()? {
        match number {
            1 => duration.seconds = reader.varint(wire_type)? as i64,
            // int32 on the wire is a sign-extended varint; prost keeps its low 32 bits.
            2 => duration.nanos = reader.varint(wire_type)? as i32,
            _ => reader.skip(number, wire_type)?,
        }
    }
    Ok(())
}

/// A `google.protobuf.Duration` in the proto3 JSON mapping: `"1.500s"`.
fn duration(d: &prost_types::Duration) -> String {
    let negative = d.seconds < 0 || d.nanos < 0;
    let seconds = d.seconds.unsigned_abs();
    let nanos = d.nanos.unsigned_abs();
    let sign = if negative { "-" } else { "" };
    match nanos {
        0 => format!("{sign}{seconds}s"),
        n if n % 1_000_000 == 0 => format!("{sign}{seconds}.{:03}s", n / 1_000_000),
        n if n % 1_000 == 0 => format!("{sign}{seconds}.{:06}s", n / 1_000),
        n => format!("{sign}{seconds}.{n:09}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::{duration, object};
    use serde_json::{Value, json};

    /// The JSON object of the standard detail `name` in `bytes`, as read from them.
    fn read(name: &str, bytes: &[u8]) -> Option<Value> {
        let fields = crate::standard::json_fields(name).unwrap();
        object(bytes, fields).map(Value::Object)
    }

    #[test]
    fn reads_what_prost_decodes() {
        // `reason` twice (the last wins, an empty last one included), `metadata` with a
        // key twice and an entry without a value, an unknown varint and group.
        let info = [
            b"\x0a\x01A\x0a\x01B\x12\x02d1".as_slice(),
            b"\x1a\x06\x0a\x01k\x12\x011\x1a\x06\x0a\x01k\x12\x012\x1a\x03\x0a\x01e",
            b"\x48\x07\x4b\x50\x01\x4c",
        ]
        .concat();
        assert_eq!(
            read("google.rpc.ErrorInfo", &info),
            Some(json!({"reason": "B", "domain": "d1", "metadata": {"k": "2", "e": ""}}))
        );
        let emptied = [info.as_slice(), b"\x0a\x00"].concat();
        assert_eq!(
            read("google.rpc.ErrorInfo", &emptied)
                .unwrap()
                .get("reason"),
            None
        );
        // A `Duration` sent twice is merged: seconds from the first, nanos from the second.
        let retry = b"\x0a\x02\x08\x03\x0a\x05\x10\x80\xe1\xeb\x17";
        assert_eq!(
            read("google.rpc.RetryInfo", retry),
            Some(json!({"retryDelay": "3.050s"}))
        );
        // A nested message sent twice is merged too.
        let violation = b"\x0a\x0c\x22\x04\x0a\x02fr\x22\x04\x12\x02ok";
        assert_eq!(
            read("google.rpc.BadRequest", violation),
            Some(
                json!({"fieldViolations": [{"localizedMessage": {"locale": "fr", "message": "ok"}}]})
            )
        );
        // Present `optional` zero, absent `int64` zero, negative values.
        let quota = b"\x0a\x0f\x38\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01\x40\x00\x38\x00";
        assert_eq!(
            read("google.rpc.QuotaFailure", quota),
            Some(json!({"violations": [{"futureQuotaValue": "0"}]}))
        );
        let stack = b"\x0a\x01a\x0a\x00\x0a\x01b";
        assert_eq!(
            read("google.rpc.DebugInfo", stack),
            Some(json!({"stackEntries": ["a", "", "b"]}))
        );
    }

    #[test]
    fn a_builder_follows_the_writer_or_reads_the_bytes() {
        let fields = crate::standard::json_fields("google.rpc.ErrorInfo").unwrap();
        let build = |depth: usize, bytes: &[u8]| {
            let mut builder = super::Builder::default();
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
        let mut builder = super::Builder::default();
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

    #[test]
    fn refuses_what_prost_refuses() {
        use prost::Message as _;
        for (name, bytes) in [
            // Not UTF-8, a known field with the wrong wire type, cut short, a map entry
            // whose key is a varint.
            ("google.rpc.ErrorInfo", b"\x0a\x01\xff".as_slice()),
            ("google.rpc.ErrorInfo", b"\x08\x01"),
            ("google.rpc.Help", b"\x0a\x05\x0a\x01"),
            ("google.rpc.ErrorInfo", b"\x1a\x02\x08\x01"),
        ] {
            assert_eq!(read(name, bytes), None, "{bytes:?}");
            let prost_refuses = match name {
                "google.rpc.Help" => crate::pb::Help::decode(bytes).is_err(),
                _ => crate::pb::ErrorInfo::decode(bytes).is_err(),
            };
            assert!(prost_refuses, "{bytes:?}");
        }
    }

    #[test]
    fn durations_in_proto3_json() {
        let d = |seconds, nanos| duration(&prost_types::Duration { seconds, nanos });
        assert_eq!(d(30, 0), "30s");
        assert_eq!(d(1, 500_000_000), "1.500s");
        assert_eq!(d(0, 1_000), "0.000001s");
        assert_eq!(d(0, 1), "0.000000001s");
        assert_eq!(d(-2, -250_000_000), "-2.250s");
    }
}
