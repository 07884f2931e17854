//! The proto3 JSON mapping of the standard details, for the HTTP answers of
//! [`rest`](crate::rest) and connect-rust's `debug`: written straight from a detail's
//! bytes, by the table of JSON fields its module lists.
//!
//! The bytes are read by the crate's one protobuf [`Reader`], so what is refused is what
//! prost's decoder refuses, and what is written is what prost would decode: the last
//! value sent of a singular field, every value of a repeated one, a message sent twice
//! merged, unknown fields skipped. Nothing is decoded into a message first; each string
//! is copied once, into the JSON.
//!
//! The same tables drive `Builder` (feature `connect`), which builds a detail's JSON
//! from the writer's calls while the status is written, so a `ConnectError` made from
//! an error never reads its own bytes back.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::reader::Reader;

#[cfg(feature = "connect")]
mod builder;
#[cfg(feature = "connect")]
pub(crate) use builder::Builder;

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
            Form::String | Form::FieldPath | Form::Strings => {
                let text = reader.string(wire_type, name)?.0;
                put_string(object, field, Cow::Borrowed(text));
            }
            Form::Int64 | Form::OptionalInt64 => {
                put_varint(object, field, reader.varint(wire_type)?);
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

/// The field of `fields` numbered `number`.
fn find(fields: &'static [Field], number: u32) -> Option<&'static Field> {
    fields.iter().find(|field| field.number == number)
}

/// Puts the value of a `string` field (one element of a `repeated` one) into `object`
/// as `field`'s form writes it; false when its form holds no string.
#[inline]
fn put_string(object: &mut Map<String, Value>, field: &Field, text: Cow<'_, str>) -> bool {
    let name = field.name;
    match field.form {
        Form::String => set(
            object,
            name,
            (!text.is_empty()).then(|| text.into_owned().into()),
        ),
        Form::FieldPath => {
            let path = crate::validation::json_path(&text);
            set(object, name, (!path.is_empty()).then(|| path.into()));
        }
        Form::Strings => push(object, name, text.into_owned().into()),
        _ => return false,
    }
    true
}

/// Puts the value of a varint field into `object` as `field`'s form writes it; false
/// when its form holds no varint.
#[inline]
fn put_varint(object: &mut Map<String, Value>, field: &Field, value: u64) -> bool {
    // int64 on the wire is the value's two's complement as a varint.
    let value = value as i64;
    match field.form {
        Form::Int64 => set(
            object,
            field.name,
            (value != 0).then(|| value.to_string().into()),
        ),
        Form::OptionalInt64 => set(object, field.name, Some(value.to_string().into())),
        _ => return false,
    }
    true
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
            1 | 2 => duration_field(duration, number, reader.varint(wire_type)?),
            _ => reader.skip(number, wire_type)?,
        }
    }
    Ok(())
}

/// Sets field `number` of a `Duration` (1 `seconds`, 2 `nanos`) to a varint's value;
/// any other number is not one of its fields.
fn duration_field(duration: &mut prost_types::Duration, number: u32, value: u64) {
    match number {
        1 => duration.seconds = value as i64,
        // int32 on the wire is a sign-extended varint; prost keeps its low 32 bits.
        2 => duration.nanos = value as i32,
        _ => {}
    }
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
    use super::duration;

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
