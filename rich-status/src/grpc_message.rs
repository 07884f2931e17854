//! `grpc-message`'s percent-encoding, as tonic writes it and as the gRPC spec requires
//! it.
//!
//! The spec (gRPC over HTTP/2, "Responses") percent-encodes only the bytes outside
//! 0x20–0x7E and `%` itself. tonic also encodes space, `"`, `#`, `<`, `>`, `` ` ``, `?`,
//! `{` and `}`, which clients that decode with `decodeURI` (grpc-js) leave as they are:
//! such a client reads `Mallory %231%3F` where the details say `Mallory #1?`. The
//! [`server`](crate::server) layer rewrites tonic's encoding as the spec's.

/// True for the bytes tonic percent-encodes in `grpc-message`.
fn tonic_escapes(byte: u8) -> bool {
    matches!(
        byte,
        0x00..=0x1f | 0x7f..=0xff | b' ' | b'"' | b'#' | b'%' | b'<' | b'>' | b'`' | b'?' | b'{' | b'}'
    )
}

/// True for the bytes the gRPC spec percent-encodes in `grpc-message`.
fn spec_escapes(byte: u8) -> bool {
    !(0x20..=0x7e).contains(&byte) || byte == b'%'
}

/// Bytes of `message` once percent-encoded as it will be sent: as the spec requires in
/// a call the server layer serves, as tonic writes it otherwise.
pub(crate) fn encoded_len(message: &[u8]) -> usize {
    let escapes = if crate::policy::call().is_some() {
        spec_escapes
    } else {
        tonic_escapes
    };
    message
        .iter()
        .map(|&byte| if escapes(byte) { 3 } else { 1 })
        .sum()
}

#[cfg(feature = "server")]
/// The spec's encoding of the message that tonic's `encoded` holds, or `None` when the
/// two are the same (nothing but the spec's escapes, the usual case).
pub(crate) fn respec(encoded: &[u8]) -> Option<Vec<u8>> {
    if !encoded.contains(&b'%') {
        return None;
    }
    let message = decode(encoded);
    let mut out = Vec::with_capacity(encoded.len());
    for &byte in &message {
        if spec_escapes(byte) {
            out.extend_from_slice(&[
                b'%',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 15)],
            ]);
        } else {
            out.push(byte);
        }
    }
    (out != encoded).then_some(out)
}

#[cfg(feature = "server")]
const HEX: &[u8; 16] = b"0123456789ABCDEF";

#[cfg(feature = "server")]
/// The bytes `encoded` percent-encodes; a `%` not followed by two hex digits stands for
/// itself, as tonic's and grpc-js's decoders read it.
fn decode(encoded: &[u8]) -> Vec<u8> {
    let hex = |byte: u8| char::from(byte).to_digit(16);
    let mut out = Vec::with_capacity(encoded.len());
    let mut i = 0;
    while i < encoded.len() {
        match (
            encoded[i],
            encoded.get(i + 1).copied().and_then(hex),
            encoded.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "server")]
    fn the_spec_escapes_only_what_it_must() {
        let message = "Mallory #1? is not welcome here. 100% \"sure\" {é}\n".as_bytes();
        // tonic's encoding, as its `Status::add_header` writes it.
        let mut sent = Vec::new();
        for &byte in message {
            if tonic_escapes(byte) {
                sent.extend_from_slice(format!("%{byte:02X}").as_bytes());
            } else {
                sent.push(byte);
            }
        }
        assert_eq!(
            String::from_utf8(respec(&sent).unwrap()).unwrap(),
            "Mallory #1? is not welcome here. 100%25 \"sure\" {%C3%A9}%0A"
        );
        // Nothing to change when tonic escaped nothing the spec does not.
        assert_eq!(respec(b"plain-text_1.2"), None);
        assert_eq!(respec(b"%C3%A9"), None);
        // What the rewrite writes is what the budget counts.
        let rewritten = respec(&sent).unwrap();
        crate::policy::in_call(
            crate::policy::Call {
                debug_info: false,
                trailer_budget: 0,
                retry_pushback: true,
            },
            || assert_eq!(encoded_len(message), rewritten.len()),
        );
        assert_eq!(encoded_len(message), sent.len());
    }

    #[test]
    #[cfg(feature = "server")]
    fn a_stray_percent_stands_for_itself() {
        assert_eq!(decode(b"50% off, %zz, %4"), b"50% off, %zz, %4");
        assert_eq!(decode(b"%41%62"), b"Ab");
    }

    #[test]
    fn tonic_counts_what_it_escapes() {
        assert_eq!(encoded_len(b"plain-text_1.2"), 14);
        assert_eq!(encoded_len(b"a b%c"), 1 + 3 + 1 + 3 + 1);
        assert_eq!(encoded_len("é\n".as_bytes()), 9);
    }
}
