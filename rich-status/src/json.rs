//! The proto3 JSON mapping's pieces that the detail modules write their JSON forms with,
//! for the HTTP answers of [`rest`](crate::rest) and connect-rust's `debug`: each takes
//! the decoded message's values and moves them into the JSON.

use serde_json::{Map, Value};

/// A `google.protobuf.Duration` in the proto3 JSON mapping: `"1.500s"`.
pub(crate) fn duration(d: &prost_types::Duration) -> String {
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

/// A JSON object in the making, leaving out proto3 defaults (empty strings, lists and
/// maps).
#[derive(Default)]
pub(crate) struct Object(pub(crate) Map<String, Value>);

impl Object {
    pub(crate) fn insert(&mut self, key: &str, value: Value) {
        self.0.insert(key.into(), value);
    }

    pub(crate) fn into_value(self) -> Value {
        Value::Object(self.0)
    }

    pub(crate) fn str(&mut self, key: &str, value: String) {
        if !value.is_empty() {
            self.0.insert(key.into(), Value::String(value));
        }
    }

    pub(crate) fn map(&mut self, key: &str, map: std::collections::BTreeMap<String, String>) {
        if !map.is_empty() {
            let entries = map
                .into_iter()
                .map(|(k, v)| (k, Value::String(v)))
                .collect();
            self.0.insert(key.into(), Value::Object(entries));
        }
    }

    pub(crate) fn list<T>(&mut self, key: &str, items: Vec<T>, each: impl FnMut(T) -> Value) {
        if !items.is_empty() {
            self.0.insert(
                key.into(),
                Value::Array(items.into_iter().map(each).collect()),
            );
        }
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
